import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import { systemActor } from '../../core/auth/roles.js';
import { runCommand } from '../../core/command.js';
import type { AppServices, ServiceContext } from '../../core/context.js';
import { dbOf } from '../../core/context.js';
import { AppError, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { isSitePath } from '../../core/http/request.js';
import { translator } from '../../core/i18n/i18n.js';
import { notify } from '../../core/notify/notify.js';
import { megabytes } from '../../core/storage/store.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { bangkokIsoDay, parseIsoDay } from '../../core/thai/index.js';
import type { OitTopic } from '../publications/oit-items.js';
import { listPublications, type Publication, publish } from '../publications/service.js';
import { listStaff, staffOfUser } from '../staff/service.js';
import { providersOf } from './evidence.js';
import { addDays, DUE_SOON_DAYS, type Freshness, freshnessOf, nextDueOn, REMIND_DAYS } from './freshness.js';
import { isOitYear, type OitListView, oitList, unknownIndicator, unknownYear } from './oit-list.js';
import { disclosurePolicy } from './policy.js';
import { disclosureItems, disclosureUpdates, type OitListItem, UPDATE_FREQUENCIES, type UpdateFrequency } from './schema.js';

export type DisclosureItemRow = typeof disclosureItems.$inferSelect;

/** An item of the register as staff see it: with who keeps it and how current it is. */
export interface RegisterItem {
  id: number;
  fiscalYear: number;
  itemCode: string;
  title: string;
  description: string | null;
  responsibleStaffId: number | null;
  responsibleName: string | null;
  frequency: UpdateFrequency;
  dueOn: string | null;
  lastUpdatedAt: Date | null;
  evidenceUrl: string | null;
  publicationId: number | null;
  topic: string | null;
  active: boolean;
  freshness: Freshness;
  /** Days until the due date (negative: days late); null without one. */
  daysLeft: number | null;
}

export interface ItemUpdate {
  id: number;
  updatedAt: Date;
  updatedByName: string | null;
  note: string | null;
  evidenceUrl: string | null;
  publicationId: number | null;
}

export const MAX_TITLE = 300;
export const MAX_DESCRIPTION = 2000;
export const MAX_NOTE = 2000;
export const MAX_URL = 2000;
export const PDF_MAX_BYTES = 20 * 1024 * 1024;

function requireRead(ctx: ServiceContext) {
  ensureAllowed(disclosurePolicy.read(ctx.actor), !!ctx.actor);
}

const todayOf = (ctx: ServiceContext) => bangkokIsoDay(ctx.app.now());

/** Staff names by staff id (the register shows who keeps each item). */
async function staffNames(ctx: ServiceContext): Promise<Map<number, { name: string; userId: number | null; active: boolean }>> {
  const people = await listStaff(ctx, { includeInactive: true });
  return new Map(people.map((p) => [p.id, { name: p.name, userId: p.userId, active: p.active }]));
}

function toRegisterItem(r: DisclosureItemRow, names: Map<number, { name: string }>, today: string): RegisterItem {
  return {
    id: r.id,
    fiscalYear: r.fiscalYear,
    itemCode: r.itemCode,
    title: r.title,
    description: r.description,
    responsibleStaffId: r.responsibleStaffId,
    responsibleName: r.responsibleStaffId != null ? (names.get(r.responsibleStaffId)?.name ?? null) : null,
    frequency: r.frequency,
    dueOn: r.dueOn,
    lastUpdatedAt: r.lastUpdatedAt,
    evidenceUrl: r.evidenceUrl,
    publicationId: r.publicationId,
    topic: r.topic,
    active: r.active === 1,
    freshness: freshnessOf(r, today),
    daysLeft: r.dueOn ? Math.round((Date.parse(r.dueOn) - Date.parse(today)) / 86_400_000) : null,
  };
}

export interface ItemFilter {
  fiscalYear?: number;
  status?: Freshness;
  itemCode?: string;
  responsibleStaffId?: number;
  includeInactive?: boolean;
}

/** Items of the register, in list order (indicator code, then the order given), filtered. */
export async function listItems(ctx: ServiceContext, f: ItemFilter = {}): Promise<RegisterItem[]> {
  requireRead(ctx);
  const where = [eq(disclosureItems.orgId, ctx.orgId)];
  if (f.fiscalYear != null) where.push(eq(disclosureItems.fiscalYear, f.fiscalYear));
  if (f.itemCode) where.push(eq(disclosureItems.itemCode, f.itemCode));
  if (f.responsibleStaffId != null) where.push(eq(disclosureItems.responsibleStaffId, f.responsibleStaffId));
  if (!f.includeInactive) where.push(eq(disclosureItems.active, 1));
  const rows = await dbOf(ctx)
    .select()
    .from(disclosureItems)
    .where(and(...where))
    .orderBy(asc(disclosureItems.fiscalYear), asc(disclosureItems.sortOrder), asc(disclosureItems.id));
  const names = await staffNames(ctx);
  const today = todayOf(ctx);
  const items = rows.map((r) => toRegisterItem(r, names, today));
  return f.status ? items.filter((i) => i.freshness === f.status) : items;
}

export interface Register {
  list: OitListView;
  items: RegisterItem[];
  counts: Record<Freshness, number>;
}

export function countFreshness(items: RegisterItem[]): Record<Freshness, number> {
  const counts: Record<Freshness, number> = { overdue: 0, never: 0, due_soon: 0, current: 0 };
  for (const i of items) counts[i.freshness]++;
  return counts;
}

/** A year's register: the year's OIT list and the items (filtered), with counts over the whole year. */
export async function register(ctx: ServiceContext, fiscalYear: number, f: Omit<ItemFilter, 'fiscalYear'> = {}): Promise<Register> {
  requireRead(ctx);
  const list = await oitList(ctx, fiscalYear);
  const all = await listItems(ctx, { fiscalYear, includeInactive: f.includeInactive });
  const items = all.filter(
    (i) =>
      (!f.status || i.freshness === f.status) &&
      (!f.itemCode || i.itemCode === f.itemCode) &&
      (f.responsibleStaffId == null || i.responsibleStaffId === f.responsibleStaffId),
  );
  return { list, items, counts: countFreshness(all.filter((i) => i.active)) };
}

async function findRow(ctx: ServiceContext, id: number): Promise<DisclosureItemRow> {
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(disclosureItems)
    .where(and(eq(disclosureItems.orgId, ctx.orgId), eq(disclosureItems.id, id)));
  if (!row) throw notFound();
  return row;
}

/** Whether the signed-in person is the item's responsible staff member. */
export async function isOwner(ctx: ServiceContext, item: { responsibleStaffId: number | null }): Promise<boolean> {
  if (!ctx.actor || item.responsibleStaffId == null || !ctx.actor.userId) return false;
  const me = await staffOfUser(ctx, ctx.actor.userId);
  return me?.id === item.responsibleStaffId;
}

export interface ItemDetail {
  item: RegisterItem;
  indicator: OitListItem | null;
  updates: ItemUpdate[];
  canUpdate: boolean;
  canEdit: boolean;
}

/** One item with its update history (newest first), for staff of the organization. */
export async function getItem(ctx: ServiceContext, id: number): Promise<ItemDetail> {
  requireRead(ctx);
  const row = await findRow(ctx, id);
  const names = await staffNames(ctx);
  const userNames = new Map([...names.values()].filter((p) => p.userId != null).map((p) => [p.userId as number, p.name]));
  const updates = await dbOf(ctx)
    .select()
    .from(disclosureUpdates)
    .where(and(eq(disclosureUpdates.orgId, ctx.orgId), eq(disclosureUpdates.itemId, id)))
    .orderBy(desc(disclosureUpdates.updatedAt), desc(disclosureUpdates.id));
  const list = isOitYear(ctx, row.fiscalYear) ? await oitList(ctx, row.fiscalYear) : null;
  return {
    item: toRegisterItem(row, names, todayOf(ctx)),
    indicator: list?.items.find((i) => i.code === row.itemCode) ?? null,
    updates: updates.map((u) => ({
      id: u.id,
      updatedAt: u.updatedAt,
      updatedByName: u.updatedBy ? (userNames.get(u.updatedBy) ?? null) : null,
      note: u.note,
      evidenceUrl: u.evidenceUrl,
      publicationId: u.publicationId,
    })),
    canUpdate: disclosurePolicy.update(ctx.actor, await isOwner(ctx, row)),
    canEdit: disclosurePolicy.manage(ctx.actor),
  };
}

/** What the signed-in staff member must keep current: their active items, soonest due first. */
export async function myItems(ctx: ServiceContext): Promise<RegisterItem[]> {
  requireRead(ctx);
  const me = ctx.actor?.userId ? await staffOfUser(ctx, ctx.actor.userId) : null;
  if (!me) return [];
  const order: Record<Freshness, number> = { overdue: 0, never: 1, due_soon: 2, current: 3 };
  return (await listItems(ctx, { responsibleStaffId: me.id })).sort(
    (a, b) => order[a.freshness] - order[b.freshness] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.id - b.id,
  );
}

// ---------------------------------------------------------------- writes

export interface ItemInput {
  fiscalYear: number;
  itemCode: string;
  title: string;
  description?: string | null;
  responsibleStaffId?: number | null;
  frequency: string;
  /** YYYY-MM-DD (Bangkok). */
  dueOn?: string | null;
  topic?: string | null;
  active?: boolean;
}

/** A URL the register may point to: http(s) anywhere, or a path on this site. */
export function isEvidenceUrl(s: string): boolean {
  if (s.length > MAX_URL) return false;
  if (isSitePath(s)) return true;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch {
    return false;
  }
}

const field = (name: string, message: string, params?: FieldError['params']): FieldError => ({
  field: name,
  label: `disclosure.fields.${name}`,
  message,
  params,
});

async function checkItemInput(ctx: ServiceContext, input: ItemInput) {
  const errors: FieldError[] = [];
  if (!isOitYear(ctx, input.fiscalYear)) throw unknownYear(ctx, input.fiscalYear);
  const list = await oitList(ctx, input.fiscalYear);
  const indicator = list.items.find((i) => i.code === input.itemCode);
  if (!indicator) errors.push(field('itemCode', 'disclosure.errors.itemCode', { year: input.fiscalYear }));
  const title = input.title.trim();
  if (!title) errors.push(field('title', 'core.validation.required'));
  else if (title.length > MAX_TITLE) errors.push(field('title', 'core.validation.tooLong', { max: MAX_TITLE }));
  const description = input.description?.trim() || null;
  if (description && description.length > MAX_DESCRIPTION)
    errors.push(field('description', 'core.validation.tooLong', { max: MAX_DESCRIPTION }));
  if (!(UPDATE_FREQUENCIES as readonly string[]).includes(input.frequency)) errors.push(field('frequency', 'core.validation.choose'));
  const dueOn = input.dueOn?.trim() || null;
  if (dueOn && !parseIsoDay(dueOn)) errors.push(field('dueOn', 'disclosure.errors.date'));
  if (!dueOn && input.frequency !== 'on_change') errors.push(field('dueOn', 'disclosure.errors.dueRequired'));
  if (input.responsibleStaffId != null) {
    const person = (await staffNames(ctx)).get(input.responsibleStaffId);
    if (!person?.active) errors.push(field('responsibleStaffId', 'disclosure.errors.staff'));
  }
  const topic = input.topic?.trim() || null;
  if (topic && !indicator?.topics.includes(topic)) errors.push(field('topic', 'disclosure.errors.topic'));
  if (errors.length) throw new ValidationError(errors);
  return { title, description, dueOn, topic };
}

export async function createItem(ctx: ServiceContext, input: ItemInput): Promise<RegisterItem> {
  const allowed = disclosurePolicy.manage(ctx.actor);
  const clean = allowed ? await checkItemInput(ctx, input) : null;
  return runCommand(ctx, { action: 'disclosure.createItem', allowed }, async (tx, tools) => {
    const c = clean as NonNullable<typeof clean>;
    const [row] = await tx
      .insert(disclosureItems)
      .values({
        orgId: ctx.orgId,
        fiscalYear: input.fiscalYear,
        itemCode: input.itemCode,
        title: c.title,
        description: c.description,
        responsibleStaffId: input.responsibleStaffId ?? null,
        frequency: input.frequency as UpdateFrequency,
        dueOn: c.dueOn,
        topic: c.topic,
        sortOrder: codeOrder(input.itemCode),
        createdAt: ctx.app.now(),
        updatedAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('disclosure item not created');
    tools.publish({ topic: 'pages.changed', data: { disclosureItem: row.id } });
    return {
      result: toRegisterItem(row, new Map(), todayOf(ctx)),
      entity: 'disclosure_item',
      entityId: row.id,
      summary: `เพิ่มรายการเปิดเผยข้อมูล ปี ${row.fiscalYear} ข้อ ${row.itemCode}: ${row.title}`,
      data: { fiscalYear: row.fiscalYear, itemCode: row.itemCode, responsibleStaffId: row.responsibleStaffId },
    };
  });
}

/** Items sort by their indicator's number (o2 before o10), then by when they were added. */
function codeOrder(code: string): number {
  return Number(code.replace(/\D/g, '')) || 0;
}

export async function editItem(ctx: ServiceContext, id: number, input: ItemInput): Promise<RegisterItem> {
  requireRead(ctx);
  const existing = await findRow(ctx, id);
  const allowed = disclosurePolicy.manage(ctx.actor);
  const clean = allowed ? await checkItemInput(ctx, { ...input, fiscalYear: existing.fiscalYear }) : null;
  return runCommand(ctx, { action: 'disclosure.editItem', allowed }, async (tx, tools) => {
    const c = clean as NonNullable<typeof clean>;
    const [row] = await tx
      .update(disclosureItems)
      .set({
        itemCode: input.itemCode,
        title: c.title,
        description: c.description,
        responsibleStaffId: input.responsibleStaffId ?? null,
        frequency: input.frequency as UpdateFrequency,
        dueOn: c.dueOn,
        topic: c.topic,
        active: input.active === false ? 0 : 1,
        sortOrder: codeOrder(input.itemCode),
        // A new person or due date: the reminder starts again.
        remindedOn:
          existing.responsibleStaffId === (input.responsibleStaffId ?? null) && existing.dueOn === c.dueOn ? existing.remindedOn : null,
        updatedAt: ctx.app.now(),
      })
      .where(and(eq(disclosureItems.orgId, ctx.orgId), eq(disclosureItems.id, id)))
      .returning();
    if (!row) throw notFound();
    tools.publish({ topic: 'pages.changed', data: { disclosureItem: row.id } });
    return {
      result: toRegisterItem(row, new Map(), todayOf(ctx)),
      entity: 'disclosure_item',
      entityId: row.id,
      summary: `แก้ไขรายการเปิดเผยข้อมูล ปี ${row.fiscalYear} ข้อ ${row.itemCode}: ${row.title}`,
      data: {
        before: {
          itemCode: existing.itemCode,
          title: existing.title,
          responsibleStaffId: existing.responsibleStaffId,
          dueOn: existing.dueOn,
        },
        after: {
          itemCode: row.itemCode,
          title: row.title,
          responsibleStaffId: row.responsibleStaffId,
          dueOn: row.dueOn,
          active: row.active,
        },
      },
    };
  });
}

export interface UpdateInput {
  note?: string | null;
  url?: string | null;
  /** A PDF to publish under the item's OIT code (it then shows on the ITA page). */
  pdf?: { bytes: Uint8Array; name: string; title?: string | null } | null;
}

/**
 * Records that an item is current now: with a URL where it is shown, a PDF published in the
 * publication log under the item's code, or a note. The due date moves on by the frequency.
 * Allowed to the item's responsible person, the ITA coordinator and the administrator.
 */
export async function recordUpdate(
  ctx: ServiceContext,
  id: number,
  input: UpdateInput,
): Promise<{ item: RegisterItem; publication: Publication | null }> {
  requireRead(ctx);
  const existing = await findRow(ctx, id);
  const allowed = disclosurePolicy.update(ctx.actor, await isOwner(ctx, existing));
  const note = input.note?.trim() || null;
  const url = input.url?.trim() || null;
  const pdf = input.pdf && input.pdf.bytes.byteLength > 0 ? input.pdf : null;
  if (allowed) {
    const errors: FieldError[] = [];
    if (existing.active !== 1) throw new AppError(409, 'conflict', 'disclosure.errors.inactive');
    if (note && note.length > MAX_NOTE) errors.push(field('note', 'core.validation.tooLong', { max: MAX_NOTE }));
    if (url && !isEvidenceUrl(url)) errors.push(field('url', 'disclosure.errors.url'));
    if (pdf && pdf.bytes.byteLength > PDF_MAX_BYTES)
      errors.push(field('pdf', 'disclosure.errors.pdfTooLarge', { max: megabytes(PDF_MAX_BYTES) }));
    if (pdf && !isPdf(pdf.bytes)) errors.push(field('pdf', 'disclosure.errors.pdfType'));
    const pdfTitle = pdf?.title?.trim() || '';
    if (pdf && pdfTitle.length > MAX_TITLE) errors.push(field('pdfTitle', 'core.validation.tooLong', { max: MAX_TITLE }));
    if (!note && !url && !pdf) errors.push(field('url', 'disclosure.errors.updateEmpty'));
    if (pdf && isOitYear(ctx, existing.fiscalYear)) {
      const list = await oitList(ctx, existing.fiscalYear);
      if (!list.items.some((i) => i.code === existing.itemCode)) throw unknownIndicator(existing.fiscalYear, existing.itemCode);
    }
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'disclosure.updateItem', allowed }, async (tx, tools, txCtx) => {
    const now = ctx.app.now();
    const today = bangkokIsoDay(now);
    let publication: Publication | null = null;
    if (pdf) {
      // The register delegates publishing an item's document to its responsible person: the
      // disclosure policy allowed this actor above, so the publication is made in their name.
      try {
        publication = await publish(tx, txCtx, {
          allowedBy: 'disclosure register: the item owner',
          fiscalYear: existing.fiscalYear,
          itemCode: existing.itemCode,
          title: pdf.title?.trim() || existing.title,
          bytes: pdf.bytes,
          fileName: pdf.name || 'document.pdf',
          source: { entity: 'disclosure_item', id: existing.id },
        });
      } catch (e) {
        if (e instanceof AppError && (e.status === 422 || e.status === 413))
          throw new ValidationError([field('pdf', e.fields[0]?.message ?? e.messageKey, e.fields[0]?.params ?? e.params)]);
        throw e;
      }
    }
    const [u] = await tx
      .insert(disclosureUpdates)
      .values({
        orgId: ctx.orgId,
        itemId: existing.id,
        updatedAt: now,
        updatedBy: ctx.actor?.userId || null,
        note,
        evidenceUrl: url,
        publicationId: publication?.id ?? null,
      })
      .returning();
    const [row] = await tx
      .update(disclosureItems)
      .set({
        lastUpdatedAt: now,
        lastUpdatedBy: ctx.actor?.userId || null,
        evidenceUrl: url ?? existing.evidenceUrl,
        publicationId: publication?.id ?? existing.publicationId,
        dueOn:
          existing.frequency === 'on_change'
            ? existing.dueOn && existing.dueOn > today
              ? existing.dueOn
              : null
            : nextDueOn(existing.frequency, existing.dueOn, today),
        remindedOn: null,
        updatedAt: now,
      })
      .where(and(eq(disclosureItems.orgId, ctx.orgId), eq(disclosureItems.id, existing.id)))
      .returning();
    if (!row) throw notFound();
    tools.publish({ topic: 'pages.changed', data: { disclosureItem: row.id } });
    return {
      result: { item: toRegisterItem(row, await staffNames(txCtx), today), publication },
      entity: 'disclosure_item',
      entityId: row.id,
      summary: `ปรับปรุงรายการเปิดเผยข้อมูล ปี ${row.fiscalYear} ข้อ ${row.itemCode}: ${row.title}`,
      data: { updateId: u?.id, url, publicationId: publication?.id ?? null, sha256: publication?.sha256 ?? null, nextDueOn: row.dueOn },
    };
  });
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.byteLength > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}

// ---------------------------------------------------------------- evidence (public)

/** A link shown under an indicator on the ITA page and in the URL list. */
export interface EvidenceLink {
  title: string;
  url: string;
  updatedAt: Date | null;
  /** Where it came from: the register (an item's URL) or a module that provides the topic. */
  source: 'item' | 'provider';
}

export interface IndicatorEvidence {
  indicator: OitListItem;
  publications: Publication[];
  links: EvidenceLink[];
}

/**
 * What the public sees under each indicator of a year: the documents published under its code,
 * the URLs of the register's items (active, updated at least once) and the links the modules
 * provide for its topics (news, service guides …). Public: no staff names, no due dates.
 */
export async function yearEvidence(
  ctx: ServiceContext,
  fiscalYear: number,
): Promise<{ list: OitListView; evidence: IndicatorEvidence[]; others: Publication[] }> {
  const list = await oitList(ctx, fiscalYear);
  // Documents only: versions of news, guides and pages are logged too, but the ITA page links their live pages (providers).
  const publications = (await listPublications(ctx, { fiscalYear })).filter((p) => p.kind === 'document');
  const items = await dbOf(ctx)
    .select()
    .from(disclosureItems)
    .where(
      and(
        eq(disclosureItems.orgId, ctx.orgId),
        eq(disclosureItems.fiscalYear, fiscalYear),
        eq(disclosureItems.active, 1),
        isNotNull(disclosureItems.lastUpdatedAt),
      ),
    )
    .orderBy(asc(disclosureItems.sortOrder), asc(disclosureItems.id));
  const providerCache = new Map<string, EvidenceLink[]>();
  const topicLinks = async (topic: string): Promise<EvidenceLink[]> => {
    const cached = providerCache.get(topic);
    if (cached) return cached;
    const out: EvidenceLink[] = [];
    for (const p of providersOf(topic as OitTopic)) {
      try {
        for (const l of await p.links(ctx, fiscalYear))
          out.push({ title: l.title, url: l.url, updatedAt: l.updatedAt ?? null, source: 'provider' });
      } catch (e) {
        // One module's failure must not take the assessor's page down.
        ctx.app.log.error({ err: e, topic, module: p.module }, 'OIT evidence provider failed');
      }
    }
    providerCache.set(topic, out);
    return out;
  };
  const codes = new Set(list.items.map((i) => i.code));
  const evidence: IndicatorEvidence[] = [];
  for (const indicator of list.items) {
    const links: EvidenceLink[] = [];
    for (const it of items.filter((i) => i.itemCode === indicator.code && i.evidenceUrl))
      links.push({ title: it.title, url: it.evidenceUrl as string, updatedAt: it.lastUpdatedAt, source: 'item' });
    const topics = new Set<string>([
      ...indicator.topics,
      ...items.filter((i) => i.itemCode === indicator.code && i.topic).map((i) => i.topic as string),
    ]);
    for (const t of topics) links.push(...(await topicLinks(t)));
    const seen = new Set<string>();
    evidence.push({
      indicator,
      publications: publications.filter((p) => p.itemCode === indicator.code),
      links: links.filter((l) => {
        if (seen.has(l.url)) return false;
        seen.add(l.url);
        return true;
      }),
    });
  }
  return { list, evidence, others: publications.filter((p) => !codes.has(p.itemCode)) };
}

// ---------------------------------------------------------------- readiness

export type Readiness = 'covered' | 'partly' | 'missing';

export interface IndicatorReadiness {
  indicator: OitListItem;
  status: Readiness;
  publications: number;
  links: number;
  items: number;
  /** Items overdue or never updated. */
  itemsLate: number;
}

/**
 * OIT readiness of a year, per indicator: missing — nothing published, no link, no item brought
 * up to date; partly — something is there but an item of the register is overdue or was never
 * updated; covered — evidence is there and every item of the indicator is current.
 */
export async function readiness(
  ctx: ServiceContext,
  fiscalYear: number,
): Promise<{ fiscalYear: number; rows: IndicatorReadiness[]; counts: Record<Readiness, number> }> {
  ensureAllowed(disclosurePolicy.readiness(ctx.actor), !!ctx.actor);
  const { evidence } = await yearEvidence(ctx, fiscalYear);
  const items = await listItems(ctx, { fiscalYear });
  const rows = evidence.map((e): IndicatorReadiness => {
    const mine = items.filter((i) => i.itemCode === e.indicator.code);
    const late = mine.filter((i) => i.freshness === 'overdue' || i.freshness === 'never').length;
    const updated = mine.filter((i) => i.lastUpdatedAt).length;
    const any = e.publications.length + e.links.length + updated > 0;
    return {
      indicator: e.indicator,
      status: !any ? 'missing' : late > 0 ? 'partly' : 'covered',
      publications: e.publications.length,
      links: e.links.length,
      items: mine.length,
      itemsLate: late,
    };
  });
  const counts: Record<Readiness, number> = { covered: 0, partly: 0, missing: 0 };
  for (const r of rows) counts[r.status]++;
  return { fiscalYear, rows, counts };
}

/** The readiness of the current ITA year in three numbers, for the dashboard card. */
export async function readinessSummary(
  ctx: ServiceContext,
): Promise<{ fiscalYear: number; total: number; counts: Record<Readiness, number>; overdueItems: number } | null> {
  const fy = fiscalYearOf(ctx.app.now());
  if (!isOitYear(ctx, fy)) return null;
  const r = await readiness(ctx, fy);
  const overdueItems = (await listItems(ctx, { fiscalYear: fy, status: 'overdue' })).length;
  return { fiscalYear: fy, total: r.rows.length, counts: r.counts, overdueItems };
}

// ---------------------------------------------------------------- reminders and todo

/**
 * The daily reminder: in every organization, each responsible person with items due within
 * REMIND_DAYS days or overdue gets one notification (and e-mail) listing them — once a day
 * (remindedOn). `now` is explicit so tests move the clock instead of waiting.
 */
export async function sendDisclosureReminders(app: AppServices, now: Date = app.now()): Promise<number> {
  const today = bangkokIsoDay(now);
  const limit = addDays(today, REMIND_DAYS);
  const due = await app.db
    .select({ orgId: disclosureItems.orgId })
    .from(disclosureItems)
    .where(
      and(
        eq(disclosureItems.active, 1),
        isNotNull(disclosureItems.responsibleStaffId),
        lte(disclosureItems.dueOn, limit),
        or(isNull(disclosureItems.remindedOn), lt(disclosureItems.remindedOn, today)),
      ),
    )
    .groupBy(disclosureItems.orgId);
  let sent = 0;
  for (const { orgId } of due) {
    try {
      sent += await remindOrganization(app, orgId, today, limit);
    } catch (e) {
      app.log.error({ err: e, orgId }, 'disclosure reminders failed for an organization');
    }
  }
  return sent;
}

async function remindOrganization(app: AppServices, orgId: number, today: string, limit: string): Promise<number> {
  const ctx: ServiceContext = { app, orgId, actor: systemActor(orgId, 'disclosure-reminder') };
  const th = translator(app.catalogs, 'th');
  return runCommand(ctx, { action: 'disclosure.remind', allowed: true }, async (tx, _tools, txCtx) => {
    const rows = await tx
      .select()
      .from(disclosureItems)
      .where(
        and(
          eq(disclosureItems.orgId, orgId),
          eq(disclosureItems.active, 1),
          isNotNull(disclosureItems.responsibleStaffId),
          lte(disclosureItems.dueOn, limit),
          or(isNull(disclosureItems.remindedOn), lt(disclosureItems.remindedOn, today)),
        ),
      )
      .orderBy(asc(disclosureItems.dueOn));
    const people = await staffNames(txCtx);
    const byUser = new Map<number, DisclosureItemRow[]>();
    for (const r of rows) {
      const userId = people.get(r.responsibleStaffId as number)?.userId;
      if (userId) byUser.set(userId, [...(byUser.get(userId) ?? []), r]);
    }
    for (const [userId, list] of byUser) {
      const overdue = list.filter((r) => (r.dueOn as string) < today).length;
      await notify(txCtx, {
        userIds: [userId],
        kind: 'disclosure.due',
        title: th('disclosure.remind.title', { n: list.length, overdue }),
        body: list.map((r) => th('disclosure.remind.line', { code: r.itemCode, title: r.title, date: r.dueOn ?? '' })).join('\n'),
        href: '/staff/disclosure/mine',
        email: true,
      });
    }
    if (rows.length)
      await tx
        .update(disclosureItems)
        .set({ remindedOn: today })
        .where(
          and(
            eq(disclosureItems.orgId, orgId),
            inArray(
              disclosureItems.id,
              rows.map((r) => r.id),
            ),
          ),
        );
    return {
      result: byUser.size,
      entity: 'disclosure_item',
      entityId: null,
      summary: `แจ้งเตือนผู้รับผิดชอบรายการเปิดเผยข้อมูลที่ใกล้ครบกำหนดหรือเลยกำหนด ${byUser.size} คน ${rows.length} รายการ`,
      data: { items: rows.map((r) => r.id), people: byUser.size },
    };
  });
}

/** The staff home's "what I must do": my items late or due soon; the coordinator's late items of the year. */
export async function disclosureTodo(
  ctx: ServiceContext,
): Promise<{ label: string; params?: Record<string, string | number>; href: string; tone?: 'warning' | 'danger' | 'info' }[]> {
  if (!ctx.actor || !disclosurePolicy.read(ctx.actor)) return [];
  const out: { label: string; params?: Record<string, string | number>; href: string; tone?: 'warning' | 'danger' | 'info' }[] = [];
  const mine = await myItems(ctx);
  const late = mine.filter((i) => i.freshness === 'overdue').length;
  const soon = mine.filter((i) => i.freshness === 'never' || (i.freshness === 'due_soon' && (i.daysLeft ?? 99) <= DUE_SOON_DAYS)).length;
  if (late) out.push({ label: 'disclosure.todo.overdue', params: { n: late }, href: '/staff/disclosure/mine', tone: 'danger' });
  if (soon) out.push({ label: 'disclosure.todo.dueSoon', params: { n: soon }, href: '/staff/disclosure/mine', tone: 'warning' });
  if (disclosurePolicy.manage(ctx.actor)) {
    const fy = fiscalYearOf(ctx.app.now());
    const all = await listItems(ctx, { fiscalYear: fy, status: 'overdue' });
    if (all.length)
      out.push({
        label: 'disclosure.todo.coordinator',
        params: { n: all.length, year: fy },
        href: `/staff/disclosure?fy=${fy}&status=overdue`,
        tone: 'warning',
      });
  }
  return out;
}

/** Active staff, for the "responsible" choice. */
export async function staffChoices(ctx: ServiceContext): Promise<{ id: number; name: string; position: string | null }[]> {
  requireRead(ctx);
  return (await listStaff(ctx)).map((p) => ({ id: p.id, name: p.name, position: p.positionTitle }));
}
