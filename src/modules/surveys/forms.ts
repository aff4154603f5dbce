import { and, desc, eq, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { DEFAULT_FORM } from './default-form.js';
import { surveysPolicy } from './policy.js';
import { type FormDefinition, type FormText, surveyFormVersions, surveyResponses } from './schema.js';

export interface FormVersion {
  id: number;
  version: number;
  definition: FormDefinition;
  createdAt: Date;
  createdBy: number | null;
}

/** Keys of groups, items and demographics: lower-case letters, digits and _, starting with a letter. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** Keys of a demographic question's options may start with a digit. */
export const OPTION_KEY_PATTERN = /^[a-z0-9][a-z0-9_]{0,39}$/;
export const MAX_FORM_TEXT = 300;
export const MAX_GROUPS = 12;
export const MAX_ITEMS = 40;

type Row = typeof surveyFormVersions.$inferSelect;

function toVersion(r: Row): FormVersion {
  return { id: r.id, version: r.version, definition: r.definition, createdAt: r.createdAt, createdBy: r.createdBy ?? null };
}

/** The text in the asked language, else Thai (the form's own language, always filled). */
export function formText(t: FormText, locale: string): string {
  if (locale === 'en' && t.en?.trim()) return t.en;
  if (locale === 'ms' && t.ms?.trim()) return t.ms;
  return t.th;
}

/** Every rating question of a form, in the form's order (the overall question included). */
export function ratingItems(def: FormDefinition): { groupKey: string; itemKey: string }[] {
  return def.groups.flatMap((g) => g.items.map((i) => ({ groupKey: g.key, itemKey: i.key })));
}

class AlreadyCreated extends Error {}

async function readVersion(ctx: ServiceContext, where: ReturnType<typeof and>): Promise<FormVersion | null> {
  const [row] = await dbOf(ctx).select().from(surveyFormVersions).where(where).orderBy(desc(surveyFormVersions.version)).limit(1);
  return row ? toVersion(row) : null;
}

/**
 * The form citizens answer now: the newest version. Version 1 is the standard form
 * (DEFAULT_FORM), written on first use; two first uses at once write it once (the unique
 * (org, version) index: ON CONFLICT DO NOTHING, then read).
 */
export async function currentForm(ctx: ServiceContext): Promise<FormVersion> {
  ensureAllowed(surveysPolicy.answer(ctx.actor), !!ctx.actor);
  const found = await readVersion(ctx, eq(surveyFormVersions.orgId, ctx.orgId));
  if (found) return found;
  try {
    await runCommand(ctx, { action: 'surveys.createDefaultForm', allowed: true, actorLabel: 'ระบบ' }, async (tx) => {
      const [row] = await tx
        .insert(surveyFormVersions)
        .values({ orgId: ctx.orgId, version: 1, definition: DEFAULT_FORM, createdBy: null, createdAt: ctx.app.now() })
        .onConflictDoNothing()
        .returning({ id: surveyFormVersions.id });
      // Someone else wrote it first: roll back (no audit entry for nothing) unless part of a larger transaction.
      if (!row && !ctx.tx) throw new AlreadyCreated();
      return {
        result: row?.id ?? null,
        entity: 'survey_form',
        entityId: row?.id ?? null,
        summary: 'สร้างแบบประเมินความพึงพอใจฉบับที่ 1 (แบบมาตรฐาน)',
      };
    });
  } catch (e) {
    if (!(e instanceof AlreadyCreated)) throw e;
  }
  const made = await readVersion(ctx, eq(surveyFormVersions.orgId, ctx.orgId));
  if (!made) throw new Error('survey form not written');
  return made;
}

/** One version of this organization's form (answers keep the version they answered); 404 for another organization's. */
export async function getFormVersion(ctx: ServiceContext, id: number): Promise<FormVersion> {
  ensureAllowed(surveysPolicy.answer(ctx.actor), !!ctx.actor);
  const v = await readVersion(ctx, and(eq(surveyFormVersions.orgId, ctx.orgId), eq(surveyFormVersions.id, id)));
  if (!v) throw notFound('surveys.collect.errors.unknownForm');
  return v;
}

/** Every version of the form, newest first (the current form first); creates version 1 when there is none. */
export async function listFormVersions(ctx: ServiceContext): Promise<FormVersion[]> {
  ensureAllowed(surveysPolicy.answer(ctx.actor), !!ctx.actor);
  const rows = await dbOf(ctx)
    .select()
    .from(surveyFormVersions)
    .where(eq(surveyFormVersions.orgId, ctx.orgId))
    .orderBy(desc(surveyFormVersions.version));
  if (rows.length) return rows.map(toVersion);
  return [await currentForm(ctx)];
}

/** How many responses each version has (form version id → count), for the form editor. */
export async function responseCountsByVersion(ctx: ServiceContext): Promise<Map<number, number>> {
  ensureAllowed(surveysPolicy.manageForm(ctx.actor), !!ctx.actor);
  const rows = await dbOf(ctx)
    .select({ id: surveyResponses.formVersionId, n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(eq(surveyResponses.orgId, ctx.orgId))
    .groupBy(surveyResponses.formVersionId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

function cleanText(t: FormText | undefined): FormText {
  const th = (t?.th ?? '').trim();
  const en = (t?.en ?? '').trim();
  const ms = (t?.ms ?? '').trim();
  return { th, ...(en ? { en } : {}), ...(ms ? { ms } : {}) };
}

/** Keys the answering page uses for its own fields: no question may take them. */
export const RESERVED_KEYS = new Set(['suggestion', 'about', 'key', 'channel', 'token']);

/**
 * Checks a form and returns it cleaned (texts trimmed, empty translations dropped). Field names
 * are those of the form editor: title.th, g0.title.th, g0.i1.text.th, g0.i1.key … Errors name the
 * place ("question 2.3"): keys unique and well-formed, every Thai text filled, at least one question.
 */
export function validateForm(def: FormDefinition): FormDefinition {
  const errors: FieldError[] = [];
  const text = (field: string, message: string, params: Record<string, number>, t: FormText | undefined): FormText => {
    const c = cleanText(t);
    if (!c.th) errors.push({ field: `${field}.th`, message, params });
    for (const [lang, v] of Object.entries(c)) {
      if (v.length > MAX_FORM_TEXT)
        errors.push({
          field: `${field}.${lang}`,
          message: 'surveys.collect.errors.textTooLong',
          params: { ...params, max: MAX_FORM_TEXT },
        });
    }
    return c;
  };
  const key = (field: string, k: string, seen: Set<string>, params: Record<string, string | number>, pattern = KEY_PATTERN): string => {
    const v = (k ?? '').trim();
    if (!pattern.test(v) || (pattern === KEY_PATTERN && RESERVED_KEYS.has(v)))
      errors.push({ field, message: 'surveys.collect.errors.keyInvalid', params });
    else if (seen.has(v)) errors.push({ field, message: 'surveys.collect.errors.keyTaken', params: { ...params, key: v } });
    seen.add(v);
    return v;
  };
  const title = text('title', 'surveys.collect.errors.titleRequired', {}, def.title);
  const intro = def.intro ? cleanText(def.intro) : undefined;
  if (intro && !intro.th && (intro.en || intro.ms)) errors.push({ field: 'intro.th', message: 'surveys.collect.errors.introRequired' });
  const groupKeys = new Set<string>();
  const itemKeys = new Set<string>();
  if (def.groups.length > MAX_GROUPS)
    errors.push({ field: 'groups', message: 'surveys.collect.errors.tooManyGroups', params: { max: MAX_GROUPS } });
  const groups = def.groups.map((g, gi) => {
    const gp = { group: gi + 1 };
    return {
      key: key(`g${gi}.key`, g.key, groupKeys, gp),
      title: text(`g${gi}.title`, 'surveys.collect.errors.groupTitleRequired', gp, g.title),
      items: g.items.map((it, ii) => {
        const ip = { group: gi + 1, item: ii + 1 };
        return {
          key: key(`g${gi}.i${ii}.key`, it.key, itemKeys, ip),
          text: text(`g${gi}.i${ii}.text`, 'surveys.collect.errors.itemTextRequired', ip, it.text),
        };
      }),
    };
  });
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  if (count === 0) errors.push({ field: 'groups', message: 'surveys.collect.errors.noItems' });
  if (count > MAX_ITEMS) errors.push({ field: 'groups', message: 'surveys.collect.errors.tooManyItems', params: { max: MAX_ITEMS } });
  groups.forEach((g, gi) => {
    if (!g.items.length && count > 0)
      errors.push({ field: `g${gi}.title.th`, message: 'surveys.collect.errors.emptyGroup', params: { group: gi + 1 } });
  });
  const demoKeys = new Set<string>();
  const demographics = def.demographics.map((d, di) => {
    const dp = { question: di + 1 };
    const optionKeys = new Set<string>();
    const options = d.options.map((o, oi) => ({
      key: key(`d${di}.o${oi}.key`, o.key, optionKeys, { ...dp, option: oi + 1 }, OPTION_KEY_PATTERN),
      text: text(`d${di}.o${oi}.text`, 'surveys.collect.errors.optionTextRequired', { ...dp, option: oi + 1 }, o.text),
    }));
    if (options.length < 2) errors.push({ field: `d${di}.title.th`, message: 'surveys.collect.errors.fewOptions', params: dp });
    return {
      key: key(`d${di}.key`, d.key, demoKeys, dp),
      title: text(`d${di}.title`, 'surveys.collect.errors.demographicTitleRequired', dp, d.title),
      options,
    };
  });
  if (errors.length) throw new ValidationError(errors);
  return { title, ...(intro?.th ? { intro } : {}), groups, demographics, suggestion: !!def.suggestion };
}

/**
 * Saves a changed form as a new version (admin, ITA coordinator), audited. Answers already given
 * keep the version they answered; the reports pool answers by item key across versions.
 */
export async function saveForm(ctx: ServiceContext, def: FormDefinition): Promise<FormVersion> {
  ensureAllowed(surveysPolicy.manageForm(ctx.actor), !!ctx.actor);
  const clean = validateForm(def);
  await currentForm(ctx);
  return runCommand(ctx, { action: 'surveys.saveForm', allowed: surveysPolicy.manageForm(ctx.actor) }, async (tx) => {
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${surveyFormVersions.version}), 0)::int` })
      .from(surveyFormVersions)
      .where(eq(surveyFormVersions.orgId, ctx.orgId));
    const version = Number(last?.version ?? 0) + 1;
    const [row] = await tx
      .insert(surveyFormVersions)
      .values({ orgId: ctx.orgId, version, definition: clean, createdBy: ctx.actor?.userId ?? null, createdAt: ctx.app.now() })
      .returning();
    if (!row) throw new Error('survey form not written');
    const n = ratingItems(clean).length;
    return {
      result: toVersion(row),
      entity: 'survey_form',
      entityId: row.id,
      summary: `บันทึกแบบประเมินความพึงพอใจฉบับที่ ${version} (${n} ข้อ)`,
      data: { version, items: ratingItems(clean).map((i) => i.itemKey) },
    };
  });
}
