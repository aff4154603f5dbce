import { and, asc, desc, eq, gte, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { ensureAllowed, notFound, ValidationError } from '../../core/http/errors.js';
import { divisions } from '../staff/schema.js';
import { surveysPolicy } from './policy.js';
import { checkRange } from './report.js';
import { SUGGESTION_TAGS, type SuggestionTag, surveySuggestions } from './schema.js';

/**
 * Suggestions (ข้อเสนอแนะ) left with the responses: tagged by staff (problem, suggestion,
 * compliment), answered by the executive with the action taken — what the monthly report to
 * the executives lists, and what the dashboard counts as waiting.
 */

export interface Suggestion {
  id: number;
  responseId: number;
  divisionId: number | null;
  divisionName: string | null;
  submittedAt: Date;
  text: string;
  tag: SuggestionTag | null;
  executiveResponse: string | null;
  actionTaken: string | null;
  respondedBy: number | null;
  respondedAt: Date | null;
}

export const MAX_RESPONSE_LENGTH = 2000;
export const MAX_LIST = 500;

const columns = {
  id: surveySuggestions.id,
  responseId: surveySuggestions.responseId,
  divisionId: surveySuggestions.divisionId,
  divisionName: divisions.name,
  submittedAt: surveySuggestions.submittedAt,
  text: surveySuggestions.text,
  tag: surveySuggestions.tag,
  executiveResponse: surveySuggestions.executiveResponse,
  actionTaken: surveySuggestions.actionTaken,
  respondedBy: surveySuggestions.respondedBy,
  respondedAt: surveySuggestions.respondedAt,
};

function select(ctx: ServiceContext) {
  return dbOf(ctx)
    .select(columns)
    .from(surveySuggestions)
    .leftJoin(divisions, and(eq(divisions.orgId, surveySuggestions.orgId), eq(divisions.id, surveySuggestions.divisionId)));
}

const toSuggestion = (r: Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number]): Suggestion => ({
  ...r,
  divisionName: r.divisionName ?? null,
  tag: (r.tag ?? null) as SuggestionTag | null,
});

/** The suggestions of a range (Bangkok days), a division, a tag, or only those waiting for a response; newest first. */
export async function listSuggestions(
  ctx: ServiceContext,
  q: { from?: string; to?: string; divisionId?: number | null; waiting?: boolean; tag?: SuggestionTag; limit?: number },
): Promise<Suggestion[]> {
  ensureAllowed(surveysPolicy.readReport(ctx.actor), !!ctx.actor);
  const where: SQL[] = [eq(surveySuggestions.orgId, ctx.orgId)];
  if (q.from || q.to) {
    const { start, end } = checkRange({ from: q.from ?? q.to ?? '', to: q.to ?? q.from ?? '' });
    where.push(gte(surveySuggestions.submittedAt, start), lt(surveySuggestions.submittedAt, end));
  }
  if (q.divisionId != null) where.push(eq(surveySuggestions.divisionId, q.divisionId));
  if (q.waiting) where.push(isNull(surveySuggestions.respondedAt));
  if (q.tag) where.push(eq(surveySuggestions.tag, q.tag));
  const limit = Math.max(1, Math.min(MAX_LIST, q.limit ?? 200));
  const rows = await select(ctx)
    .where(and(...where))
    .orderBy(q.waiting ? asc(surveySuggestions.submittedAt) : desc(surveySuggestions.submittedAt), desc(surveySuggestions.id))
    .limit(limit);
  return rows.map(toSuggestion);
}

/** How many suggestions wait for the executive's response, and since when (the dashboard). */
export async function suggestionsWaiting(ctx: ServiceContext): Promise<{ count: number; oldest: Date | null }> {
  ensureAllowed(surveysPolicy.readReport(ctx.actor), !!ctx.actor);
  const [row] = await dbOf(ctx)
    .select({ count: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${surveySuggestions.submittedAt})` })
    .from(surveySuggestions)
    .where(and(eq(surveySuggestions.orgId, ctx.orgId), isNull(surveySuggestions.respondedAt)));
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** One suggestion of this organization, or 404. */
export async function getSuggestion(ctx: ServiceContext, id: number): Promise<Suggestion> {
  ensureAllowed(surveysPolicy.readReport(ctx.actor), !!ctx.actor);
  const [row] = await select(ctx).where(and(eq(surveySuggestions.orgId, ctx.orgId), eq(surveySuggestions.id, id)));
  if (!row) throw notFound();
  return toSuggestion(row);
}

/** Tags a suggestion (or clears its tag); audited. */
export async function tagSuggestion(ctx: ServiceContext, id: number, tag: SuggestionTag | null): Promise<Suggestion> {
  ensureAllowed(surveysPolicy.tagSuggestion(ctx.actor), !!ctx.actor);
  if (tag !== null && !SUGGESTION_TAGS.includes(tag)) {
    throw new ValidationError([{ field: 'tag', label: 'surveys.report.fields.tag', message: 'core.validation.choose' }]);
  }
  if (!Number.isInteger(id) || id < 1) throw notFound();
  await runCommand(ctx, { action: 'surveys.tagSuggestion', allowed: surveysPolicy.tagSuggestion(ctx.actor) }, async (tx) => {
    const [row] = await tx
      .update(surveySuggestions)
      .set({ tag })
      .where(and(eq(surveySuggestions.orgId, ctx.orgId), eq(surveySuggestions.id, id)))
      .returning({ id: surveySuggestions.id });
    if (!row) throw notFound();
    return {
      result: row.id,
      entity: 'survey_suggestion',
      entityId: id,
      summary: tag ? `จัดประเภทข้อเสนอแนะ #${id} เป็น ${tag}` : `ล้างประเภทข้อเสนอแนะ #${id}`,
      data: { tag },
    };
  });
  return getSuggestion(ctx, id);
}

/** Records the executive's response and the action taken (a later one replaces it); audited, 404 for another organization's. */
export async function respondToSuggestion(
  ctx: ServiceContext,
  id: number,
  input: { executiveResponse: string; actionTaken?: string | null },
): Promise<Suggestion> {
  ensureAllowed(surveysPolicy.respondToSuggestion(ctx.actor), !!ctx.actor);
  const response = (input.executiveResponse ?? '').trim();
  const action = (input.actionTaken ?? '').trim();
  const fields = [];
  if (!response) {
    fields.push({ field: 'executiveResponse', label: 'surveys.report.fields.executiveResponse', message: 'core.validation.required' });
  } else if (response.length > MAX_RESPONSE_LENGTH) {
    fields.push({
      field: 'executiveResponse',
      label: 'surveys.report.fields.executiveResponse',
      message: 'surveys.report.errors.tooLong',
      params: { max: MAX_RESPONSE_LENGTH },
    });
  }
  if (action.length > MAX_RESPONSE_LENGTH) {
    fields.push({
      field: 'actionTaken',
      label: 'surveys.report.fields.actionTaken',
      message: 'surveys.report.errors.tooLong',
      params: { max: MAX_RESPONSE_LENGTH },
    });
  }
  if (fields.length) throw new ValidationError(fields);
  if (!Number.isInteger(id) || id < 1) throw notFound();
  const allowed = surveysPolicy.respondToSuggestion(ctx.actor);
  await runCommand(ctx, { action: 'surveys.respondToSuggestion', allowed }, async (tx) => {
    const [before] = await tx
      .select({ respondedAt: surveySuggestions.respondedAt })
      .from(surveySuggestions)
      .where(and(eq(surveySuggestions.orgId, ctx.orgId), eq(surveySuggestions.id, id)))
      .for('update');
    if (!before) throw notFound();
    await tx
      .update(surveySuggestions)
      .set({
        executiveResponse: response,
        actionTaken: action || null,
        respondedBy: ctx.actor?.userId ?? null,
        respondedAt: ctx.app.now(),
      })
      .where(and(eq(surveySuggestions.orgId, ctx.orgId), eq(surveySuggestions.id, id)));
    return {
      result: id,
      entity: 'survey_suggestion',
      entityId: id,
      summary: `${before.respondedAt ? 'แก้ไขการตอบ' : 'ตอบ'}ข้อเสนอแนะ #${id}`,
      data: { executiveResponse: response, actionTaken: action || null, again: before.respondedAt != null },
    };
  });
  return getSuggestion(ctx, id);
}

/** Counts per tag (and untagged) of a range, for the report. */
export async function suggestionCounts(
  ctx: ServiceContext,
  q: { from: string; to: string; divisionId?: number | null },
): Promise<{ total: number; waiting: number; byTag: Record<SuggestionTag | 'none', number> }> {
  ensureAllowed(surveysPolicy.readReport(ctx.actor), !!ctx.actor);
  const { start, end } = checkRange(q);
  const rows = await dbOf(ctx)
    .select({
      tag: surveySuggestions.tag,
      n: sql<number>`count(*)::int`,
      waiting: sql<number>`(count(*) FILTER (WHERE ${surveySuggestions.respondedAt} IS NULL))::int`,
    })
    .from(surveySuggestions)
    .where(
      and(
        eq(surveySuggestions.orgId, ctx.orgId),
        gte(surveySuggestions.submittedAt, start),
        lt(surveySuggestions.submittedAt, end),
        q.divisionId != null ? eq(surveySuggestions.divisionId, q.divisionId) : isNotNull(surveySuggestions.id),
      ),
    )
    .groupBy(surveySuggestions.tag);
  const byTag = { problem: 0, suggestion: 0, compliment: 0, none: 0 } as Record<SuggestionTag | 'none', number>;
  let total = 0;
  let waiting = 0;
  for (const r of rows) {
    byTag[(r.tag ?? 'none') as SuggestionTag | 'none'] += Number(r.n);
    total += Number(r.n);
    waiting += Number(r.waiting);
  }
  return { total, waiting, byTag };
}
