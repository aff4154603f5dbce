import { and, desc, eq, isNull } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, conflict, forbidden, notFound, unauthorized, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { readFileBytes, saveFile } from '../../core/storage/files.js';
import { fiscalYearOf } from '../../core/thai/fiscal-year.js';
import { getOrganization } from '../organization/service.js';
import { listPositions, positionTitle, staffOfUser } from '../staff/service.js';
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
  const allowed = kind === 'document' ? publicationsPolicy.publish(ctx.actor) : publicationsPolicy.publishContent(ctx.actor);
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
  const row = await insertPublication(tx, ctx, {
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
  });
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

/**
 * Writes one row of the publication log (a publish or a withdrawal). The one place rows are
 * inserted, so the hash chain is extended in one way.
 */
async function insertPublication(tx: Db, ctx: ServiceContext, values: NewPublication): Promise<Publication> {
  const [row] = await tx
    .insert(publications)
    .values({ ...values, orgId: ctx.orgId })
    .returning();
  if (!row) throw new Error('publication not written');
  return row;
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
  const row = await insertPublication(tx, ctx, {
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
  });
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

/** Newest first; without includeSuperseded only what is current. */
export async function listPublications(
  ctx: ServiceContext,
  f: { fiscalYear?: number; includeSuperseded?: boolean } = {},
): Promise<Publication[]> {
  if (!publicationsPolicy.read(ctx.actor)) throw forbidden();
  const where = [eq(publications.orgId, ctx.orgId)];
  if (f.fiscalYear != null) where.push(eq(publications.fiscalYear, f.fiscalYear));
  if (!f.includeSuperseded) {
    where.push(isNull(publications.supersededBy), isNull(publications.withdrawnBy), eq(publications.action, 'publish'));
  }
  return dbOf(ctx)
    .select()
    .from(publications)
    .where(and(...where))
    .orderBy(desc(publications.publishedAt), desc(publications.id));
}

export async function getPublication(ctx: ServiceContext, id: number): Promise<Publication> {
  if (!publicationsPolicy.read(ctx.actor)) throw forbidden();
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(publications)
    .where(and(eq(publications.orgId, ctx.orgId), eq(publications.id, id)));
  if (!row) throw notFound();
  return row;
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

/** The fiscal years that have at least one publication, newest first. */
export async function publishedYears(ctx: ServiceContext): Promise<number[]> {
  const rows = await dbOf(ctx).selectDistinct({ y: publications.fiscalYear }).from(publications).where(eq(publications.orgId, ctx.orgId));
  return rows.map((r) => r.y).sort((a, b) => b - a);
}

/** The stored bytes of a publication, checked against its recorded sha256. */
export async function publicationBytes(ctx: ServiceContext, p: Publication): Promise<Uint8Array> {
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
