import { and, desc, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { appendAudit, lockAuditHead } from '../../core/audit/audit.js';
import { actorLabel } from '../../core/auth/roles.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, conflict, forbidden, notFound, unauthorized, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { readFileBytes, saveFile } from '../../core/storage/files.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { getOrganization } from '../organization/service.js';
import { listPositions, positionTitle, staffOfUser } from '../staff/service.js';
import { CHAIN_GENESIS, chainLink, chainLog } from './chain.js';
import { type OitTopic, oitItem, oitItemForTopic, oitItemsOf } from './oit-items.js';
import { publicationsPolicy } from './policy.js';
import { type PublicationKind, publications } from './schema.js';

export { measuresReportItem } from './oit-items.js';

export type Publication = typeof publications.$inferSelect;

export interface PublishInput {
  /** document (default): a PDF under an OIT item; news/service/page/dataset: a JSON snapshot of public content. */
  kind?: PublicationKind;
  fiscalYear: number;
  itemCode: string;
  title: string;
  bytes: Uint8Array;
  fileName: string;
  source?: { entity: string; id: string | number };
  supersedes?: { id: number; reason: string };
  /** Content scheduled to appear later: the log keeps its title, source and file back until then. */
  visibleFrom?: Date | null;
  /**
   * A document published on behalf of a module whose own policy already allowed this actor (the
   * disclosure register lets an item's responsible person publish its document): the action
   * that allowed it. Without it, a document needs the ITA coordinator or an admin.
   */
  allowedBy?: string;
}

const MAX_REASON = 2000;
const MAX_TITLE = 500;

function checkInput(input: PublishInput): void {
  const fields = [];
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 2500 || input.fiscalYear > 2700) {
    fields.push({ field: 'fiscalYear', label: 'publications.fields.fiscalYear', message: 'publications.errors.fiscalYear' });
  } else if (
    // Content with no OIT item in its year (itemCode '') is still logged; a document needs its item.
    !(input.kind && input.kind !== 'document' && input.itemCode === '') &&
    oitItemsOf(input.fiscalYear).length > 0 &&
    !oitItem(input.fiscalYear, input.itemCode)
  ) {
    fields.push({ field: 'itemCode', label: 'publications.fields.item', message: 'publications.errors.itemCode' });
  }
  const title = input.title.trim();
  if (!title || title.length > MAX_TITLE) {
    fields.push({ field: 'title', label: 'publications.fields.title', message: 'publications.errors.title' });
  }
  if (input.supersedes) {
    const reason = input.supersedes.reason.trim();
    if (!reason) {
      fields.push({ field: 'reason', label: 'publications.fields.reason', message: 'publications.errors.reasonRequired' });
    } else if (reason.length > MAX_REASON) {
      fields.push({ field: 'reason', label: 'publications.fields.reason', message: 'publications.errors.reasonTooLong' });
    }
  }
  if (fields.length) throw new ValidationError(fields);
}

/**
 * Publishes a document, inside the caller's command transaction (tx): the bytes go to the
 * content-addressed store (PDF only, checked by content), the row records sha256, size and
 * type. With `supersedes`, the old publication is marked superseded by this one, with the
 * reason — it stays readable; nothing published is ever deleted or changed otherwise.
 */
export async function publish(tx: Db, ctx: ServiceContext, input: PublishInput): Promise<Publication> {
  const kind = input.kind ?? 'document';
  const allowed =
    kind === 'document' && !input.allowedBy ? publicationsPolicy.publish(ctx.actor) : publicationsPolicy.publishContent(ctx.actor);
  if (!allowed) throw ctx.actor ? forbidden() : unauthorized();
  checkInput(input);
  const txCtx: ServiceContext = { ...ctx, tx };
  let old: Publication | undefined;
  if (input.supersedes) {
    [old] = await tx
      .select()
      .from(publications)
      .where(and(eq(publications.orgId, ctx.orgId), eq(publications.id, input.supersedes.id)))
      .for('update');
    if (!old) throw notFound();
    if (old.supersededBy != null || old.withdrawnBy != null || old.action !== 'publish') {
      throw conflict('publications.errors.alreadySuperseded');
    }
  }
  const file = await saveFile(txCtx, { bytes: input.bytes, name: input.fileName, kinds: kind === 'document' ? ['pdf'] : ['json'] });
  const now = ctx.app.now();
  const publisherPosition = await publisherPositionOf(txCtx);
  const row = await insertPublication(
    tx,
    ctx,
    {
      kind,
      fiscalYear: input.fiscalYear,
      itemCode: input.itemCode,
      title: input.title.trim(),
      fileId: file.id,
      sha256: file.sha256,
      size: file.size,
      mime: file.mime,
      sourceEntity: input.source?.entity ?? null,
      sourceId: input.source ? String(input.source.id) : null,
      publishedBy: ctx.actor?.userId || null,
      publisherPosition,
      publishedAt: now,
      visibleFrom: input.visibleFrom && input.visibleFrom.getTime() > now.getTime() ? input.visibleFrom : null,
    },
    old?.id ?? null,
  );
  if (old && input.supersedes) {
    const done = await tx
      .update(publications)
      .set({ supersededBy: row.id, supersededAt: now, supersedeReason: input.supersedes.reason.trim() })
      .where(and(eq(publications.orgId, ctx.orgId), eq(publications.id, old.id), isNull(publications.supersededBy)))
      .returning({ id: publications.id });
    if (done.length !== 1) throw conflict('publications.errors.alreadySuperseded');
  }
  await pagesChanged(tx, ctx, row.id);
  return row;
}

type NewPublication = Omit<typeof publications.$inferInsert, 'orgId' | 'id' | 'chainLink'>;

/** The audit action of the entry each row of the publication log gets (verify-publications cross-checks it). */
export const LOG_AUDIT = { action: 'publications.log', entity: 'publication' } as const;

/**
 * Writes one row of the publication log (a publish or a withdrawal): the one place rows are
 * inserted, so the hash chain is extended in one way. Under the organization's write lock (the
 * audit head row runCommand also takes, held to commit) it reads the stored link of the
 * organization's last row, takes the next id, and stores the row with its link (chain.ts): two
 * writers of one organization line up, so the chain never forks and ids follow the chain. The row
 * also gets its own audit entry (kind, action, sha256, link), which the verification compares.
 */
async function insertPublication(tx: Db, ctx: ServiceContext, values: NewPublication, replaces: number | null): Promise<Publication> {
  await lockAuditHead(tx, ctx.orgId);
  const [last] = await tx
    .select({ chainLink: publications.chainLink })
    .from(publications)
    .where(eq(publications.orgId, ctx.orgId))
    .orderBy(desc(publications.id))
    .limit(1);
  let prev = last ? last.chainLink : CHAIN_GENESIS;
  if (prev == null) {
    // Rows written before links were stored and not backfilled: recompute their chain once.
    prev = chainLog(await tx.select().from(publications).where(eq(publications.orgId, ctx.orgId))).head;
  }
  const next = (await tx.execute(sql`SELECT nextval(pg_get_serial_sequence('publications', 'id'))::int AS id`)) as unknown as {
    rows: { id: number | string }[];
  };
  const id = Number(next.rows[0]?.id);
  if (!Number.isInteger(id) || id <= 0) throw new Error('no publication id');
  const publishedAt = new Date(Math.floor((values.publishedAt ?? ctx.app.now()).getTime()));
  const link = chainLink(
    prev,
    { id, sha256: values.sha256, publishedAt, supersededBy: null, action: values.action ?? 'publish', withdraws: values.withdraws ?? null },
    replaces,
  );
  const [row] = await tx
    .insert(publications)
    .values({ ...values, publishedAt, id, chainLink: link, orgId: ctx.orgId })
    .returning();
  if (!row) throw new Error('publication not written');
  await appendAudit(tx, {
    orgId: ctx.orgId,
    actorUserId: ctx.actor?.userId || null,
    actorLabel: actorLabel(ctx.actor),
    action: LOG_AUDIT.action,
    entity: LOG_AUDIT.entity,
    entityId: row.id,
    summary: `${row.action === 'withdraw' ? `withdrawn #${row.withdraws}` : 'published'} ${row.kind} #${row.id} sha256 ${row.sha256}`,
    data: logAuditData(row, replaces),
    ip: ctx.ip ?? null,
    at: ctx.app.now(),
  });
  return row;
}

/** What the audit entry of a log row records (and verify-publications compares with the row). */
export function logAuditData(row: Publication, replaces: number | null): Record<string, unknown> {
  return {
    kind: row.kind,
    action: row.action,
    sha256: row.sha256,
    size: row.size,
    fileId: row.fileId,
    publishedAt: row.publishedAt.toISOString(),
    replaces,
    withdraws: row.withdraws,
    reason: row.reason,
    chain: row.chainLink,
  };
}

/** Cached public pages of the organization are dropped when the transaction commits. */
async function pagesChanged(tx: Db, ctx: ServiceContext, publicationId: number) {
  const event = { topic: 'pages.changed', orgId: ctx.orgId, data: { publication: publicationId } };
  await ctx.app.events.publishInTransaction(tx, event);
  if (ctx.deferred) ctx.deferred.push(() => ctx.app.events.deliverLocal(event));
  else ctx.app.events.deliverLocal(event);
}

/** JSON with object keys sorted at every level: the same content always gives the same bytes and sha256. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return new TextEncoder().encode(JSON.stringify(sort(value)));
}

export interface PublishContentInput {
  kind: Exclude<PublicationKind, 'document'>;
  /** The OIT topic the content serves ('news', 'service-guides' …): its item of the year, if any. */
  topic: OitTopic;
  title: string;
  source: { entity: string; id: string | number };
  /** What the public sees of this version (title, text, steps …): stored as canonical JSON, hashed. */
  snapshot: unknown;
  /** The publication of the version this one replaces, and why (an edit after publishing). */
  replaces?: { publicationId: number; reason: string };
  /** When the content appears, if later than now (scheduled): the log hides what it is until then. */
  visibleFrom?: Date | null;
}

/**
 * Logs a version of public content (a news item, a service guide, an organization page) inside
 * the caller's command: its snapshot as canonical JSON in the file store, under the OIT item the
 * topic has in the current fiscal year. Call it after the module's own policy allowed the publish.
 */
export async function publishContent(tx: Db, ctx: ServiceContext, input: PublishContentInput): Promise<Publication> {
  const fiscalYear = fiscalYearOf(ctx.app.now());
  return publish(tx, ctx, {
    kind: input.kind,
    fiscalYear,
    itemCode: oitItemForTopic(fiscalYear, input.topic) ?? '',
    title: input.title,
    bytes: canonicalJsonBytes({ kind: input.kind, source: input.source, title: input.title, content: input.snapshot }),
    fileName: `${input.kind}-${input.source.id}.json`,
    source: input.source,
    supersedes: input.replaces ? { id: input.replaces.publicationId, reason: input.replaces.reason } : undefined,
    visibleFrom: input.visibleFrom,
  });
}

/**
 * Takes a publication off the public pages, inside the caller's command: a withdraw row is
 * added to the log (same file and sha256, the reason) and the publication is marked withdrawn.
 * Nothing is deleted: the log and the file stay readable. Content modules call it for their own
 * content after their policy allowed it; a document needs the ITA coordinator.
 */
export async function withdrawPublication(tx: Db, ctx: ServiceContext, input: { id: number; reason: string }): Promise<Publication> {
  const reason = input.reason.trim();
  if (!reason) {
    throw new ValidationError([{ field: 'reason', label: 'publications.fields.reason', message: 'publications.errors.reasonRequired' }]);
  }
  if (reason.length > MAX_REASON) {
    throw new ValidationError([{ field: 'reason', label: 'publications.fields.reason', message: 'publications.errors.reasonTooLong' }]);
  }
  const [old] = await tx
    .select()
    .from(publications)
    .where(and(eq(publications.orgId, ctx.orgId), eq(publications.id, input.id)))
    .for('update');
  if (!old) throw notFound();
  const allowed = old.kind === 'document' ? publicationsPolicy.withdraw(ctx.actor) : publicationsPolicy.publishContent(ctx.actor);
  if (!allowed) throw ctx.actor ? forbidden() : unauthorized();
  if (old.action !== 'publish' || old.supersededBy != null || old.withdrawnBy != null) {
    throw conflict('publications.errors.alreadySuperseded');
  }
  const row = await insertPublication(
    tx,
    ctx,
    {
      kind: old.kind,
      action: 'withdraw',
      withdraws: old.id,
      reason,
      fiscalYear: old.fiscalYear,
      itemCode: old.itemCode,
      title: old.title,
      fileId: old.fileId,
      sha256: old.sha256,
      size: old.size,
      mime: old.mime,
      sourceEntity: old.sourceEntity,
      sourceId: old.sourceId,
      publishedBy: ctx.actor?.userId || null,
      publisherPosition: await publisherPositionOf({ ...ctx, tx }),
      publishedAt: ctx.app.now(),
    },
    null,
  );
  const done = await tx
    .update(publications)
    .set({ withdrawnBy: row.id })
    .where(and(eq(publications.orgId, ctx.orgId), eq(publications.id, old.id), isNull(publications.withdrawnBy)))
    .returning({ id: publications.id });
  if (done.length !== 1) throw conflict('publications.errors.alreadySuperseded');
  await pagesChanged(tx, ctx, row.id);
  return row;
}

/**
 * The publisher as the public sees them: their position title at the time of publishing
 * (never a username). The system (demo, setup) has none.
 */
async function publisherPositionOf(ctx: ServiceContext): Promise<string | null> {
  const userId = ctx.actor?.userId;
  if (!userId) return null;
  const person = await staffOfUser(ctx, userId);
  if (!person?.positionId) return null;
  const position = (await listPositions(ctx)).find((p) => p.id === person.positionId);
  if (!position) return null;
  const org = await getOrganization(ctx);
  return positionTitle(position, org.name, org.names.typeFull);
}

/** Whether a publication's content may be shown now (not scheduled for later). */
export function isReleased(p: Pick<Publication, 'visibleFrom'>, now: Date): boolean {
  return p.visibleFrom == null || p.visibleFrom.getTime() <= now.getTime();
}

/**
 * A row as anyone may read it now: a version scheduled for later keeps its place in the log (its
 * hash and link, so the chain stays checkable) without its title and source until its time.
 */
function asReadable(p: Publication, now: Date): Publication {
  return isReleased(p, now) ? p : { ...p, title: '', sourceEntity: null, sourceId: null };
}

/** Newest first; without includeSuperseded only what is current (and already shown). */
export async function listPublications(
  ctx: ServiceContext,
  f: { fiscalYear?: number; includeSuperseded?: boolean } = {},
): Promise<Publication[]> {
  if (!publicationsPolicy.read(ctx.actor)) throw forbidden();
  const where = [eq(publications.orgId, ctx.orgId)];
  if (f.fiscalYear != null) where.push(eq(publications.fiscalYear, f.fiscalYear));
  const now = ctx.app.now();
  if (!f.includeSuperseded) {
    where.push(isNull(publications.supersededBy), isNull(publications.withdrawnBy), eq(publications.action, 'publish'));
    where.push(or(isNull(publications.visibleFrom), lte(publications.visibleFrom, now)) as SQL);
  }
  const rows = await dbOf(ctx)
    .select()
    .from(publications)
    .where(and(...where))
    .orderBy(desc(publications.publishedAt), desc(publications.id));
  return rows.map((p) => asReadable(p, now));
}

export async function getPublication(ctx: ServiceContext, id: number): Promise<Publication> {
  if (!publicationsPolicy.read(ctx.actor)) throw forbidden();
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(publications)
    .where(and(eq(publications.orgId, ctx.orgId), eq(publications.id, id)));
  if (!row) throw notFound();
  return asReadable(row, ctx.app.now());
}

/**
 * The publication now in force in the line of `id`: itself, or the one that superseded it, or
 * the one that superseded that … (a correction made on the publication log is followed).
 */
export async function currentPublication(ctx: ServiceContext, id: number): Promise<Publication> {
  let p = await getPublication(ctx, id);
  for (let hops = 0; p.supersededBy != null && hops < 1000; hops++) p = await getPublication(ctx, p.supersededBy);
  return p;
}

/**
 * Of these publications, the ones in force for the public now — published, neither superseded
 * nor withdrawn, visible — by id (for modules that keep the publication ids of their reports).
 */
export async function livePublications(ctx: ServiceContext, ids: readonly number[]): Promise<Map<number, Publication>> {
  const wanted = [...new Set(ids.filter(isRowId))];
  if (!wanted.length) return new Map();
  const now = ctx.app.now();
  const rows = await dbOf(ctx)
    .select()
    .from(publications)
    .where(
      and(
        eq(publications.orgId, ctx.orgId),
        inArray(publications.id, wanted),
        eq(publications.action, 'publish'),
        isNull(publications.supersededBy),
        isNull(publications.withdrawnBy),
        or(isNull(publications.visibleFrom), lte(publications.visibleFrom, now)) as SQL,
      ),
    );
  return new Map(rows.map((p) => [p.id, asReadable(p, now)]));
}

/** The fiscal years that have at least one publication, newest first. */
export async function publishedYears(ctx: ServiceContext): Promise<number[]> {
  const rows = await dbOf(ctx).selectDistinct({ y: publications.fiscalYear }).from(publications).where(eq(publications.orgId, ctx.orgId));
  return rows.map((r) => r.y).sort((a, b) => b - a);
}

/** The stored bytes of a publication, checked against its recorded sha256. */
export async function publicationBytes(ctx: ServiceContext, p: Publication): Promise<Uint8Array> {
  if (!isReleased(p, ctx.app.now())) throw notFound();
  const { bytes } = await readFileBytes(ctx, p.fileId);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The coordinator replaces a publication with a corrected file (PDF only), giving the reason:
 * a new publication under the same year and item, the old one marked superseded.
 */
export async function supersedePublication(
  ctx: ServiceContext,
  id: number,
  input: { reason: string; title?: string; bytes: Uint8Array | null; fileName: string },
): Promise<Publication> {
  const old = await getPublication(ctx, id);
  const fields = [];
  if (!input.reason.trim()) {
    fields.push({ field: 'reason', label: 'publications.fields.reason', message: 'publications.errors.reasonRequired' });
  }
  if (!input.bytes || input.bytes.byteLength === 0) {
    fields.push({ field: 'file', label: 'publications.fields.file', message: 'publications.errors.fileRequired' });
  }
  if (fields.length) throw new ValidationError(fields);
  if (old.supersededBy != null) throw conflict('publications.errors.alreadySuperseded');
  return runCommand(
    ctx,
    { action: 'publications.supersede', allowed: publicationsPolicy.supersede(ctx.actor) },
    async (tx, _tools, txCtx) => {
      let created: Publication;
      try {
        created = await publish(tx, txCtx, {
          fiscalYear: old.fiscalYear,
          itemCode: old.itemCode,
          title: input.title?.trim() || old.title,
          bytes: input.bytes as Uint8Array,
          fileName: input.fileName,
          source: old.sourceEntity && old.sourceId ? { entity: old.sourceEntity, id: old.sourceId } : undefined,
          supersedes: { id: old.id, reason: input.reason },
        });
      } catch (e) {
        // The store's type/size errors name the file field on the form.
        if (e instanceof AppError && !(e instanceof ValidationError) && (e.status === 422 || e.status === 413)) {
          throw new ValidationError([{ field: 'file', label: 'publications.fields.file', message: e.messageKey, params: e.params }]);
        }
        throw e;
      }
      return {
        result: created,
        entity: 'publication',
        entityId: created.id,
        summary: `publication ${old.id} superseded by ${created.id}: ${input.reason.trim().slice(0, 200)}`,
        data: { supersedes: old.id, sha256: created.sha256, reason: input.reason.trim() },
      };
    },
  );
}

export function publicationHref(p: Pick<Publication, 'id'>): string {
  return `/publications/${p.id}`;
}

export function publicationFileHref(p: Pick<Publication, 'id'>): string {
  return `/publications/${p.id}/file`;
}

export function itaYearHref(fiscalYear: number): string {
  return `/ita/${fiscalYear}`;
}

/**
 * The coordinator takes a published document (an OIT PDF) off the ITA pages, giving the reason:
 * a withdrawal row in the log; the document stays readable, marked withdrawn. Content (news,
 * service guides, pages) is withdrawn by its own module under its own policy.
 */
export async function withdrawDocument(ctx: ServiceContext, id: number, input: { reason: string }): Promise<Publication> {
  const p = await getPublication(ctx, id);
  const reason = input.reason.trim();
  if (!reason) {
    throw new ValidationError([
      { field: 'reason', label: 'publications.fields.withdrawReason', message: 'publications.errors.withdrawReasonRequired' },
    ]);
  }
  if (reason.length > MAX_REASON) {
    throw new ValidationError([
      { field: 'reason', label: 'publications.fields.withdrawReason', message: 'publications.errors.reasonTooLong' },
    ]);
  }
  if (p.kind !== 'document') throw conflict('publications.errors.notDocument');
  if (p.action !== 'publish' || p.supersededBy != null || p.withdrawnBy != null) throw conflict('publications.errors.notCurrent');
  return runCommand(
    ctx,
    { action: 'publications.withdraw', allowed: publicationsPolicy.withdraw(ctx.actor) },
    async (tx, _tools, txCtx) => {
      const row = await withdrawPublication(tx, txCtx, { id: p.id, reason });
      return {
        result: row,
        entity: 'publication',
        entityId: p.id,
        summary: `publication ${p.id} withdrawn (#${row.id}): ${reason.slice(0, 200)}`,
        data: { withdrawal: row.id, sha256: p.sha256, reason },
      };
    },
  );
}

/** Every row of the log whose file has this sha256 (publications, versions, withdrawals), oldest first. */
export async function publicationsWithSha256(ctx: ServiceContext, sha256: string): Promise<Publication[]> {
  if (!publicationsPolicy.read(ctx.actor)) throw forbidden();
  if (!/^[0-9a-f]{64}$/.test(sha256)) return [];
  return dbOf(ctx)
    .select()
    .from(publications)
    .where(and(eq(publications.orgId, ctx.orgId), eq(publications.sha256, sha256)))
    .orderBy(publications.id);
}

/**
 * Where the public sees a piece of content live, from its kind and source: news → /news/:id,
 * service → /services/:id, page → /about/:key (/privacy for the privacy policy). A module may
 * register its own rule (registerSourceHref) if its pages live elsewhere.
 */
const sourceHrefs = new Map<string, (sourceId: string, p: Pick<Publication, 'sourceEntity'>) => string | null>([
  ['news', (id) => `/news/${encodeURIComponent(id)}`],
  ['service', (id) => `/services/${encodeURIComponent(id)}`],
  ['page', (key) => (key === 'privacy' ? '/privacy' : `/about/${encodeURIComponent(key)}`)],
]);

export function registerSourceHref(kind: PublicationKind, href: (sourceId: string, p: Pick<Publication, 'sourceEntity'>) => string | null) {
  sourceHrefs.set(kind, href);
}

export function sourceHref(p: Pick<Publication, 'kind' | 'sourceId' | 'sourceEntity'>): string | null {
  if (p.kind === 'document' || !p.sourceId) return null;
  return sourceHrefs.get(p.kind)?.(p.sourceId, p) ?? null;
}
