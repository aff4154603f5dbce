import { and, count, desc, eq } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { conflict, ensureAllowed, type FieldError, notFound, tooMany, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { RateLimiter } from '../../core/http/rate-limit.js';
import { indexDocument, removeDocument } from '../../core/search/index.js';
import { aboutPolicy } from './policy.js';
import { type QuestionStatus, qaQuestions } from './schema.js';

/** ถาม-ตอบ (o8): citizens ask, staff answer; a question is public only once answered. */
export type Question = typeof qaQuestions.$inferSelect;

/** What the public sees of an answered question: never the contact, never who moderated. */
export interface PublicQuestion {
  id: number;
  askerName: string | null;
  question: string;
  answer: string;
  askedAt: Date;
  answeredAt: Date;
}

export const QUESTION_MIN = 10;
export const QUESTION_MAX = 2000;
export const ANSWER_MAX = 5000;
export const NAME_MAX = 100;
export const CONTACT_MAX = 200;
export const REJECT_REASON_MAX = 1000;
export const CLIENT_KEY = /^[A-Za-z0-9_-]{8,100}$/;
export const PUBLIC_PAGE_SIZE = 10;

/** Per app server: questions from one address to one organization (a flood, not a conversation). */
export const ASK_LIMIT = 5;
const asks = new RateLimiter(ASK_LIMIT, 10 * 60 * 1000);

export function qaPath(id: number): string {
  return `/qa/${id}`;
}

function toPublic(q: Question): PublicQuestion {
  return {
    id: q.id,
    askerName: q.askerName,
    question: q.question,
    answer: q.answer ?? '',
    askedAt: q.createdAt,
    answeredAt: q.answeredAt ?? q.createdAt,
  };
}

export interface AskInput {
  askerName?: string | null;
  contact?: string | null;
  question: string;
  /** The form's one-time key: a double submit stores one question. */
  clientKey?: string | null;
}

/**
 * A citizen's question. Name and contact are optional; the contact is for a reply by staff and
 * is never shown. Rate-limited per address for the public; a repeated submit with the same key
 * returns the question already stored.
 */
export async function askQuestion(ctx: ServiceContext, input: AskInput): Promise<{ id: number; created: boolean }> {
  const askerName = input.askerName?.trim() || null;
  const contact = input.contact?.trim() || null;
  const question = input.question.replace(/\r\n?/g, '\n').trim();
  const key = input.clientKey?.trim() || null;
  const errors: FieldError[] = [];
  if (!question) errors.push({ field: 'question', label: 'about.fields.question', message: 'core.validation.required' });
  else if (question.length < QUESTION_MIN)
    errors.push({
      field: 'question',
      label: 'about.fields.question',
      message: 'about.errors.questionShort',
      params: { min: QUESTION_MIN },
    });
  else if (question.length > QUESTION_MAX)
    errors.push({ field: 'question', label: 'about.fields.question', message: 'core.validation.tooLong', params: { max: QUESTION_MAX } });
  if (askerName && askerName.length > NAME_MAX)
    errors.push({ field: 'askerName', label: 'about.fields.askerName', message: 'core.validation.tooLong', params: { max: NAME_MAX } });
  if (contact && contact.length > CONTACT_MAX)
    errors.push({ field: 'contact', label: 'about.fields.contact', message: 'core.validation.tooLong', params: { max: CONTACT_MAX } });
  if (key && !CLIENT_KEY.test(key)) errors.push({ field: '_', message: 'about.errors.clientKey' });
  if (errors.length) throw new ValidationError(errors);
  const db = dbOf(ctx);
  const byKey = async () =>
    key
      ? (
          await db
            .select({ id: qaQuestions.id })
            .from(qaQuestions)
            .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.clientKey, key)))
        )[0]
      : undefined;
  const again = await byKey();
  if (again) return { id: again.id, created: false };
  if (!ctx.actor) {
    const wait = asks.hit(`${ctx.orgId}|${ctx.ip ?? '-'}`, ctx.app.now().getTime());
    if (wait > 0) throw tooMany('about.errors.tooMany', { seconds: wait });
  }
  const id = await runCommand(ctx, { action: 'about.askQuestion', allowed: aboutPolicy.ask(ctx.actor) }, async (tx) => {
    const [row] = await tx
      .insert(qaQuestions)
      .values({ orgId: ctx.orgId, askerName, contact, question, clientKey: key, createdAt: ctx.app.now() })
      .onConflictDoNothing()
      .returning({ id: qaQuestions.id });
    // Personal data (name, contact) stays out of the audit entry.
    return { result: row?.id ?? null, entity: 'qa_question', entityId: row?.id ?? null, summary: 'รับคำถามใหม่ (ถาม-ตอบ)' };
  });
  if (id !== null) return { id, created: true };
  // A concurrent submit with the same key got there first.
  const first = await byKey();
  if (!first) throw new Error('question not stored');
  return { id: first.id, created: false };
}

/** Answered questions, newest answer first, a page at a time (the public Q&A page). */
export async function listAnswered(ctx: ServiceContext, page = 1): Promise<{ items: PublicQuestion[]; hasNext: boolean }> {
  const p = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
  const rows = await dbOf(ctx)
    .select()
    .from(qaQuestions)
    .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.status, 'answered')))
    .orderBy(desc(qaQuestions.answeredAt), desc(qaQuestions.id))
    .limit(PUBLIC_PAGE_SIZE + 1)
    .offset((p - 1) * PUBLIC_PAGE_SIZE);
  return { items: rows.slice(0, PUBLIC_PAGE_SIZE).map(toPublic), hasNext: rows.length > PUBLIC_PAGE_SIZE };
}

/** One answered question for the public; anything else (pending, rejected, another organization's) is 404. */
export async function getAnswered(ctx: ServiceContext, id: number): Promise<PublicQuestion> {
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(qaQuestions)
    .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.id, id), eq(qaQuestions.status, 'answered')));
  if (!row) throw notFound();
  return toPublic(row);
}

/** The latest answer time and the number answered (OIT evidence: the channel is in use). */
export async function answeredSummary(ctx: ServiceContext): Promise<{ count: number; latest: Date | null }> {
  const [latest] = await dbOf(ctx)
    .select({ at: qaQuestions.answeredAt })
    .from(qaQuestions)
    .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.status, 'answered')))
    .orderBy(desc(qaQuestions.answeredAt))
    .limit(1);
  const [n] = await dbOf(ctx)
    .select({ n: count() })
    .from(qaQuestions)
    .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.status, 'answered')));
  return { count: n?.n ?? 0, latest: latest?.at ?? null };
}

// ---------------------------------------------------------------- moderation

function requireModerator(ctx: ServiceContext) {
  ensureAllowed(aboutPolicy.moderate(ctx.actor), !!ctx.actor);
}

export async function listQuestions(ctx: ServiceContext, status: QuestionStatus): Promise<Question[]> {
  requireModerator(ctx);
  return dbOf(ctx)
    .select()
    .from(qaQuestions)
    .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.status, status)))
    .orderBy(status === 'pending' ? qaQuestions.createdAt : desc(qaQuestions.createdAt), desc(qaQuestions.id))
    .limit(200);
}

export async function statusCounts(ctx: ServiceContext): Promise<Record<QuestionStatus, number>> {
  requireModerator(ctx);
  const rows = await dbOf(ctx)
    .select({ status: qaQuestions.status, n: count() })
    .from(qaQuestions)
    .where(eq(qaQuestions.orgId, ctx.orgId))
    .groupBy(qaQuestions.status);
  const out: Record<QuestionStatus, number> = { pending: 0, answered: 0, rejected: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

export async function getQuestion(ctx: ServiceContext, id: number): Promise<Question> {
  requireModerator(ctx);
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(qaQuestions)
    .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.id, id)));
  if (!row) throw notFound();
  return row;
}

export interface AnswerInput {
  /** The question as it will be shown (the moderator may take personal details out of it). */
  question: string;
  answer: string;
}

/** Answers a pending question (it becomes public) or edits the answer of an answered one. */
export async function answerQuestion(ctx: ServiceContext, id: number, input: AnswerInput): Promise<Question> {
  const found = await getQuestion(ctx, id);
  const question = input.question.replace(/\r\n?/g, '\n').trim();
  const answer = input.answer.replace(/\r\n?/g, '\n').trim();
  const errors: FieldError[] = [];
  if (!question) errors.push({ field: 'question', label: 'about.fields.question', message: 'core.validation.required' });
  else if (question.length > QUESTION_MAX)
    errors.push({ field: 'question', label: 'about.fields.question', message: 'core.validation.tooLong', params: { max: QUESTION_MAX } });
  if (!answer) errors.push({ field: 'answer', label: 'about.fields.answer', message: 'core.validation.required' });
  else if (answer.length > ANSWER_MAX)
    errors.push({ field: 'answer', label: 'about.fields.answer', message: 'core.validation.tooLong', params: { max: ANSWER_MAX } });
  if (errors.length) throw new ValidationError(errors);
  if (found.status === 'rejected') throw conflict('about.errors.rejectedQuestion');
  return runCommand(ctx, { action: 'about.answerQuestion', allowed: aboutPolicy.moderate(ctx.actor) }, async (tx, tools, txCtx) => {
    const now = ctx.app.now();
    const [row] = await tx
      .update(qaQuestions)
      .set({
        question,
        answer,
        status: 'answered',
        answeredBy: ctx.actor?.userId || null,
        // An edited answer keeps its first answer time: the list order does not jump.
        answeredAt: found.answeredAt ?? now,
      })
      .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.id, id), eq(qaQuestions.status, found.status)))
      .returning();
    if (!row) throw conflict('about.errors.conflict');
    await indexDocument(tx, txCtx, {
      source: 'qa',
      sourceId: row.id,
      title: question.length > 120 ? `${question.slice(0, 119)}…` : question,
      summary: answer.slice(0, 200),
      body: `${question}\n${answer}`,
      url: qaPath(row.id),
      publishedAt: row.answeredAt ?? now,
    });
    tools.publish({ topic: 'pages.changed' });
    return {
      result: row,
      entity: 'qa_question',
      entityId: row.id,
      summary: found.status === 'answered' ? `แก้ไขคำตอบ (ถาม-ตอบ #${row.id})` : `ตอบคำถาม (ถาม-ตอบ #${row.id})`,
    };
  });
}

/** Rejects a pending question (spam, abuse, not a question); the reason is for staff only. */
export async function rejectQuestion(ctx: ServiceContext, id: number, input: { reason: string }): Promise<Question> {
  const found = await getQuestion(ctx, id);
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError([{ field: 'reason', label: 'about.fields.rejectReason', message: 'core.validation.required' }]);
  if (reason.length > REJECT_REASON_MAX)
    throw new ValidationError([
      { field: 'reason', label: 'about.fields.rejectReason', message: 'core.validation.tooLong', params: { max: REJECT_REASON_MAX } },
    ]);
  if (found.status !== 'pending') throw conflict('about.errors.notPending');
  return runCommand(ctx, { action: 'about.rejectQuestion', allowed: aboutPolicy.moderate(ctx.actor) }, async (tx, _tools, txCtx) => {
    const [row] = await tx
      .update(qaQuestions)
      .set({ status: 'rejected', rejectReason: reason, answeredBy: ctx.actor?.userId || null })
      .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.id, id), eq(qaQuestions.status, 'pending')))
      .returning();
    if (!row) throw conflict('about.errors.conflict');
    await removeDocument(tx, txCtx, 'qa', row.id);
    return { result: row, entity: 'qa_question', entityId: row.id, summary: `ไม่เผยแพร่คำถาม (ถาม-ตอบ #${row.id}): ${reason}` };
  });
}

/** Questions waiting for an answer, for the moderators' to-do list. */
export async function pendingCount(ctx: ServiceContext): Promise<number> {
  if (!aboutPolicy.moderate(ctx.actor)) return 0;
  const [n] = await dbOf(ctx)
    .select({ n: count() })
    .from(qaQuestions)
    .where(and(eq(qaQuestions.orgId, ctx.orgId), eq(qaQuestions.status, 'pending')));
  return n?.n ?? 0;
}
