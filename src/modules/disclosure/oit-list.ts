import { and, eq } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { AppError, type FieldError, ValidationError } from '../../core/http/errors.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { FIRST_OIT_YEAR, OIT_TOPICS, shippedListYear, shippedOitList } from '../publications/oit-items.js';
import { disclosurePolicy } from './policy.js';
import { type OitListItem, oitLists } from './schema.js';

export const OIT_GROUPS = ['basic', 'management', 'procurement', 'hr', 'transparency', 'prevention', 'bribery', 'internal'] as const;
export const MAX_LIST_ITEMS = 100;
const MAX_NAME = 500;
const MAX_GLOSS = 300;
const MAX_NOTE = 1000;
/** A year's list may be given for the years the ITA has existed in this form up to next year. */
const LAST_YEAR_AHEAD = 1;

/** A year's OIT list as this organization uses it: its own, or the one shipped with the software. */
export interface OitListView {
  fiscalYear: number;
  items: OitListItem[];
  /** The organization replaced the shipped list of this year. */
  custom: boolean;
  /** The year of the shipped file that applies (2566 uses 2567's), null when none does. */
  shippedYear: number | null;
  note: string | null;
  updatedAt: Date | null;
}

/** An ITA year (B.E.) a list may exist for: from the first known list to next fiscal year. */
export function isOitYear(ctx: ServiceContext, fy: unknown): fy is number {
  return typeof fy === 'number' && Number.isInteger(fy) && fy >= FIRST_OIT_YEAR && fy <= fiscalYearOf(ctx.app.now()) + LAST_YEAR_AHEAD;
}

/** The clear "no such ITA year" error (404), naming the year and the years there are. */
export function unknownYear(ctx: ServiceContext, fy: unknown): AppError {
  return new AppError(404, 'not_found', 'disclosure.errors.unknownYear', {
    year: String(fy),
    first: FIRST_OIT_YEAR,
    last: fiscalYearOf(ctx.app.now()) + LAST_YEAR_AHEAD,
  });
}

export function unknownIndicator(fy: number, code: string): AppError {
  return new AppError(404, 'not_found', 'disclosure.errors.unknownIndicator', { year: fy, code });
}

/** Everyone may read a year's list (the assessor reads it on the ITA page). */
export async function oitList(ctx: ServiceContext, fiscalYear: number): Promise<OitListView> {
  if (!isOitYear(ctx, fiscalYear)) throw unknownYear(ctx, fiscalYear);
  const [own] = await dbOf(ctx)
    .select()
    .from(oitLists)
    .where(and(eq(oitLists.orgId, ctx.orgId), eq(oitLists.fiscalYear, fiscalYear)));
  const shippedYear = shippedListYear(fiscalYear) ?? null;
  if (own) return { fiscalYear, items: own.items, custom: true, shippedYear, note: own.note, updatedAt: own.updatedAt };
  return { fiscalYear, items: shippedOitList(fiscalYear).map((i) => ({ ...i })), custom: false, shippedYear, note: null, updatedAt: null };
}

/** One indicator of a year's list, or a clear 404 naming the code and year. */
export async function oitIndicator(ctx: ServiceContext, fiscalYear: number, code: string): Promise<OitListItem> {
  const list = await oitList(ctx, fiscalYear);
  const item = list.items.find((i) => i.code === code);
  if (!item) throw unknownIndicator(fiscalYear, code);
  return item;
}

/** The years with a list: the shipped years from the first to next fiscal year. */
export function oitYears(ctx: ServiceContext): number[] {
  const years: number[] = [];
  for (let y = fiscalYearOf(ctx.app.now()) + LAST_YEAR_AHEAD; y >= FIRST_OIT_YEAR; y--) years.push(y);
  return years;
}

const err = (field: string, message: string, params?: FieldError['params']): FieldError => ({
  field,
  label: `disclosure.lists.fields.${field.split('.')[0]}`,
  message,
  params,
});

/**
 * Checks a list given as data (rows typed in, or JSON): every problem named by row and field.
 * `fieldOf(row, name)` names the form field the message should point to.
 */
export function validateOitItems(
  raw: unknown,
  fieldOf: (row: number, name: string) => string = (row, name) => `${name}.${row}`,
): { items: OitListItem[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!Array.isArray(raw) || raw.length === 0)
    return { items: [], errors: [{ ...err('items', 'disclosure.errors.list.empty'), field: 'items' }] };
  if (raw.length > MAX_LIST_ITEMS)
    return { items: [], errors: [{ ...err('items', 'disclosure.errors.list.tooMany', { max: MAX_LIST_ITEMS }), field: 'items' }] };
  const items: OitListItem[] = [];
  const seen = new Set<string>();
  raw.forEach((r: unknown, i) => {
    const row = i + 1;
    const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
    const fe = (name: string, message: string, params: FieldError['params'] = {}) =>
      errors.push({ ...err(name, message, { row, ...params }), field: fieldOf(row, name) });
    const code = typeof o.code === 'string' ? o.code.trim() : '';
    if (!/^[oO][1-9]\d{0,2}$/.test(code)) fe('code', 'disclosure.errors.list.code');
    else if (seen.has(code)) fe('code', 'disclosure.errors.list.duplicate', { code });
    seen.add(code);
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (!name) fe('name', 'disclosure.errors.list.name');
    else if (name.length > MAX_NAME) fe('name', 'disclosure.errors.list.tooLong', { max: MAX_NAME });
    const gloss = typeof o.gloss === 'string' ? o.gloss.trim() : '';
    if (gloss.length > MAX_GLOSS) fe('gloss', 'disclosure.errors.list.tooLong', { max: MAX_GLOSS });
    const indicator = typeof o.indicator === 'string' ? Number(o.indicator) : o.indicator;
    if (indicator !== 9 && indicator !== 10) fe('indicator', 'disclosure.errors.list.indicator');
    const group = typeof o.group === 'string' ? o.group.trim() : '';
    if (!(OIT_GROUPS as readonly string[]).includes(group)) fe('group', 'disclosure.errors.list.group', { groups: OIT_GROUPS.join(', ') });
    const verified = o.verified === undefined ? true : o.verified === true || o.verified === 'true' || o.verified === '1';
    if (o.verified !== undefined && typeof o.verified !== 'boolean' && !['true', 'false', '1', '0'].includes(String(o.verified)))
      fe('verified', 'disclosure.errors.list.verified');
    const topicsRaw = o.topics === undefined ? [] : typeof o.topics === 'string' ? o.topics.split(/[\s,]+/) : o.topics;
    const topics = Array.isArray(topicsRaw) ? topicsRaw.map((t) => String(t).trim()).filter(Boolean) : null;
    const badTopic = topics === null ? '?' : topics.find((t) => !(OIT_TOPICS as readonly string[]).includes(t));
    if (badTopic !== undefined) fe('topics', 'disclosure.errors.list.topic', { topic: badTopic });
    items.push({
      code,
      name,
      gloss,
      indicator: indicator as number,
      group,
      verified,
      topics: [...new Set(topics ?? [])],
    });
  });
  return { items, errors };
}

/** A list pasted or uploaded as JSON: an array of items, or a shipped file ({ items: [...] }). */
export function parseOitListJson(text: string): OitListItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ValidationError([
      {
        field: 'json',
        label: 'disclosure.lists.fields.json',
        message: 'disclosure.errors.list.json',
        params: { detail: e instanceof Error ? e.message : '' },
      },
    ]);
  }
  const raw = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as { items?: unknown }).items : undefined;
  const { items, errors } = validateOitItems(raw, () => 'json');
  if (errors.length) throw new ValidationError(errors);
  return items;
}

/** The administrator replaces a year's list for this organization (checked row by row). */
export async function saveOitList(ctx: ServiceContext, fiscalYear: number, input: { items: unknown; note?: string | null }) {
  const allowed = disclosurePolicy.manageLists(ctx.actor);
  if (!isOitYear(ctx, fiscalYear)) throw unknownYear(ctx, fiscalYear);
  const note = input.note?.trim() || null;
  let items: OitListItem[] = [];
  if (allowed) {
    const checked = validateOitItems(input.items);
    if (note && note.length > MAX_NOTE)
      checked.errors.push({
        field: 'note',
        label: 'disclosure.lists.fields.note',
        message: 'core.validation.tooLong',
        params: { max: MAX_NOTE },
      });
    if (checked.errors.length) throw new ValidationError(checked.errors);
    items = checked.items;
  }
  return runCommand(ctx, { action: 'disclosure.saveOitList', allowed }, async (tx, tools) => {
    const values = { items, note, updatedBy: ctx.actor?.userId || null, updatedAt: ctx.app.now() };
    await tx
      .insert(oitLists)
      .values({ orgId: ctx.orgId, fiscalYear, ...values })
      .onConflictDoUpdate({ target: [oitLists.orgId, oitLists.fiscalYear], set: values });
    tools.publish({ topic: 'pages.changed', data: { oitList: fiscalYear } });
    return {
      result: items,
      entity: 'oit_list',
      entityId: fiscalYear,
      summary: `กำหนดรายการข้อ OIT ของหน่วยงานเอง ปี ${fiscalYear} จำนวน ${items.length} ข้อ`,
      data: { fiscalYear, count: items.length, codes: items.map((i) => i.code) },
    };
  });
}

/** Back to the list shipped with the software for that year. */
export async function resetOitList(ctx: ServiceContext, fiscalYear: number): Promise<void> {
  if (!isOitYear(ctx, fiscalYear)) throw unknownYear(ctx, fiscalYear);
  await runCommand(ctx, { action: 'disclosure.resetOitList', allowed: disclosurePolicy.manageLists(ctx.actor) }, async (tx, tools) => {
    await tx.delete(oitLists).where(and(eq(oitLists.orgId, ctx.orgId), eq(oitLists.fiscalYear, fiscalYear)));
    tools.publish({ topic: 'pages.changed', data: { oitList: fiscalYear } });
    return {
      result: undefined,
      entity: 'oit_list',
      entityId: fiscalYear,
      summary: `กลับไปใช้รายการข้อ OIT ที่มากับระบบ ปี ${fiscalYear}`,
    };
  });
}

/** For a 404 page: whether a code exists in the year's list (no throw). */
export async function hasIndicator(ctx: ServiceContext, fiscalYear: number, code: string): Promise<boolean> {
  return (await oitList(ctx, fiscalYear)).items.some((i) => i.code === code);
}
