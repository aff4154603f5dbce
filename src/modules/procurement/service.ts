import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { auditLog } from '../../core/audit/schema.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { MAX_SATANG } from '../../core/http/validation.js';
import { bangkokIsoDay, parseIsoDay } from '../../core/thai/index.js';
import { type OitTopic, oitItemForTopic, oitItemsOf } from '../publications/oit-items.js';
import { publish } from '../publications/service.js';
import { divisions } from '../staff/schema.js';
import { isFiscalYear, isPublic, type Procurement, type ProcurementBid, type ProcurementNotice, planPublished } from './list.js';
import { procurementPolicy } from './policy.js';
import {
  PROCUREMENT_CATEGORIES,
  PROCUREMENT_METHODS,
  PROCUREMENT_NOTICE_KINDS,
  PROCUREMENT_STATUSES,
  type ProcurementNoticeKind,
  type ProcurementStatus,
  procurementBids,
  procurementNotices,
  procurements,
} from './schema.js';
import type { BidInput, ProcurementInput } from './types.js';

export { isFiscalYear, type Procurement, type ProcurementBid, type ProcurementNotice } from './list.js';

export const TITLE_MAX = 500;
export const TEXT_MAX = 2000;
export const NAME_MAX = 300;
export const SHORT_MAX = 100;
export const BIDS_MAX = 50;
/** A notice's PDF: no larger than this. */
export const NOTICE_MAX_BYTES = 20 * 1024 * 1024;

/** The first and last day (Gregorian 'YYYY-MM-DD') of a B.E. fiscal year. */
export function fiscalYearDays(fy: number): { first: string; last: string } {
  const g = fy - 543;
  return { first: `${g - 1}-10-01`, last: `${g}-09-30` };
}

/**
 * The order of the life of a procurement. A move goes forward (steps may be skipped: a
 * เฉพาะเจาะจง purchase is often recorded once contracted); cancelled is reachable from
 * everything but completed; nothing leaves cancelled or completed.
 */
const STATUS_RANK: Record<ProcurementStatus, number> = {
  planned: 0,
  announced: 1,
  awarded: 2,
  contracted: 3,
  completed: 4,
  cancelled: -1,
};

export function statusReached(status: ProcurementStatus, step: Exclude<ProcurementStatus, 'cancelled'>): boolean {
  return STATUS_RANK[status] >= STATUS_RANK[step];
}

/** Whether a procurement may go from one status to another. */
export function canMove(from: ProcurementStatus, to: ProcurementStatus): boolean {
  if (from === to) return true;
  if (from === 'cancelled' || from === 'completed') return false;
  if (to === 'cancelled') return true;
  return STATUS_RANK[to] > STATUS_RANK[from];
}

/** The statuses a procurement can be put in from where it is (itself first). */
export function nextStatuses(from: ProcurementStatus): ProcurementStatus[] {
  return PROCUREMENT_STATUSES.filter((s) => canMove(from, s));
}

/**
 * เลขประจำตัวผู้เสียภาษีอากร / เลขประจำตัวประชาชน: 13 digits, the last a check digit —
 * (11 − Σ dᵢ·(13 − i) mod 11) mod 10 over the first twelve.
 */
export function isThaiTaxId(s: string): boolean {
  if (!/^\d{13}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(s[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(s[12]);
}

/** A tax id as typed ("0-9605-51000-12-3", spaces): the digits only. */
export function normalizeTaxId(s: string | null | undefined): string | null {
  const t = (s ?? '').replace(/[\s-]/g, '');
  return t || null;
}

const label = (f: string) => `procurement.fields.${f}`;
const err = (field: string, message: string, params?: FieldError['params'], labelOf = field): FieldError => ({
  field,
  label: label(labelOf),
  message,
  params,
});

const isSatang = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_SATANG;
const blank = (s: string | null | undefined) => !s?.trim();
const sameName = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

function checkText(errors: FieldError[], field: keyof ProcurementInput, value: string | null | undefined, max: number) {
  if (value && value.trim().length > max) errors.push(err(field, 'core.validation.tooLong', { max }));
}

function checkDay(errors: FieldError[], field: keyof ProcurementInput, value: string | null | undefined): boolean {
  if (!value) return false;
  if (!parseIsoDay(value)) {
    errors.push(err(field, 'procurement.errors.date'));
    return false;
  }
  return true;
}

/** Both are real days ('YYYY-MM-DD') and `later` comes before `earlier`. */
function daysOutOfOrder(earlier: string | null | undefined, later: string | null | undefined): boolean {
  return !!earlier && !!later && !!parseIsoDay(earlier) && !!parseIsoDay(later) && later < earlier;
}

/**
 * Everything wrong with a procurement (the staff form, the import's rows, the demo): each
 * FieldError names its field (a ProcurementInput key; bids as `bids.<i>.<key>`) and a catalog
 * message. `fy`, when given, is the fiscal year the input must belong to. Pure: no database.
 */
export function validateProcurement(input: ProcurementInput, fy?: number): FieldError[] {
  const errors: FieldError[] = [];
  if (!isFiscalYear(input.fiscalYear)) errors.push(err('fiscalYear', 'procurement.errors.fiscalYear'));
  else if (fy !== undefined && input.fiscalYear !== fy) errors.push(err('fiscalYear', 'procurement.errors.otherYear', { year: fy }));
  const title = input.title?.trim() ?? '';
  if (!title) errors.push(err('title', 'core.validation.required'));
  else if (title.length > TITLE_MAX) errors.push(err('title', 'core.validation.tooLong', { max: TITLE_MAX }));
  if (!(PROCUREMENT_CATEGORIES as readonly string[]).includes(input.category)) errors.push(err('category', 'core.validation.choose'));
  if (!(PROCUREMENT_METHODS as readonly string[]).includes(input.method)) errors.push(err('method', 'core.validation.choose'));
  const status: ProcurementStatus = input.status ?? 'planned';
  const statusOk = (PROCUREMENT_STATUSES as readonly string[]).includes(status);
  if (!statusOk) errors.push(err('status', 'core.validation.choose'));
  if (input.divisionId != null && !isRowId(input.divisionId)) errors.push(err('divisionId', 'core.validation.choose'));
  if (input.budgetLineId != null && !isRowId(input.budgetLineId)) errors.push(err('budgetLineId', 'core.validation.choose'));
  checkText(errors, 'budgetSource', input.budgetSource, NAME_MAX);
  if (!isSatang(input.budgetSatang)) errors.push(err('budgetSatang', 'procurement.errors.amount'));
  if (input.referencePriceSatang != null && !isSatang(input.referencePriceSatang))
    errors.push(err('referencePriceSatang', 'procurement.errors.amount'));
  if (input.agreedPriceSatang != null && !isSatang(input.agreedPriceSatang))
    errors.push(err('agreedPriceSatang', 'procurement.errors.amount'));
  if (input.plannedMonth != null && !(Number.isInteger(input.plannedMonth) && input.plannedMonth >= 1 && input.plannedMonth <= 12))
    errors.push(err('plannedMonth', 'core.validation.choose'));

  // Dates: real days; nothing before the fiscal year began (a contract of FY 2567 is signed on or after 1 Oct 2566).
  const start = isFiscalYear(input.fiscalYear) ? fiscalYearDays(input.fiscalYear).first : null;
  for (const f of ['announcedOn', 'awardedOn', 'contractDate'] as const) {
    const v = input[f];
    if (checkDay(errors, f, v) && start && v && v < start) errors.push(err(f, 'procurement.errors.beforeYear', { year: input.fiscalYear }));
  }
  if (daysOutOfOrder(input.announcedOn, input.awardedOn)) errors.push(err('awardedOn', 'procurement.errors.awardBeforeAnnounce'));
  if (daysOutOfOrder(input.awardedOn, input.contractDate)) errors.push(err('contractDate', 'procurement.errors.contractBeforeAward'));

  checkText(errors, 'winnerName', input.winnerName, NAME_MAX);
  const winnerTaxId = normalizeTaxId(input.winnerTaxId);
  if (winnerTaxId && !isThaiTaxId(winnerTaxId)) errors.push(err('winnerTaxId', 'procurement.errors.taxId'));
  checkText(errors, 'selectionReason', input.selectionReason, TEXT_MAX);
  checkText(errors, 'contractNo', input.contractNo, SHORT_MAX);
  checkText(errors, 'egpProjectNo', input.egpProjectNo, SHORT_MAX);
  checkText(errors, 'cancelReason', input.cancelReason, TEXT_MAX);
  checkText(errors, 'note', input.note, TEXT_MAX);

  // The agreed price stays within the budget unless the note says why.
  if (
    isSatang(input.agreedPriceSatang) &&
    isSatang(input.budgetSatang) &&
    input.agreedPriceSatang > input.budgetSatang &&
    blank(input.note)
  )
    errors.push(err('note', 'procurement.errors.overBudget'));

  // What each status needs.
  if (statusOk && status !== 'cancelled') {
    if (statusReached(status, 'awarded')) {
      if (blank(input.winnerName)) errors.push(err('winnerName', 'procurement.errors.winnerRequired'));
      if (input.agreedPriceSatang == null) errors.push(err('agreedPriceSatang', 'procurement.errors.agreedRequired'));
    }
    if (statusReached(status, 'contracted') && !input.contractDate)
      errors.push(err('contractDate', 'procurement.errors.contractDateRequired'));
  }
  if (status === 'cancelled' && blank(input.cancelReason)) errors.push(err('cancelReason', 'procurement.errors.cancelReasonRequired'));

  // Bids: the winner is one of the bidders when bidders are given.
  const bids = input.bids ?? [];
  if (bids.length > BIDS_MAX) errors.push(err('bids', 'procurement.errors.tooManyBids', { max: BIDS_MAX }));
  bids.forEach((b, i) => {
    for (const e of validateBid(b)) errors.push({ ...e, field: `bids.${i}.${e.field}`, params: { ...e.params, n: i + 1 } });
  });
  if (bids.length && !blank(input.winnerName) && !bids.some((b) => sameName(b.bidderName ?? '', input.winnerName ?? '')))
    errors.push(err('winnerName', 'procurement.errors.winnerNotBidder'));
  return errors;
}

/** What is wrong with one bid (field names are BidInput keys). */
export function validateBid(b: BidInput): FieldError[] {
  const errors: FieldError[] = [];
  const name = b.bidderName?.trim() ?? '';
  if (!name) errors.push({ field: 'bidderName', label: label('bidderName'), message: 'core.validation.required' });
  else if (name.length > NAME_MAX)
    errors.push({ field: 'bidderName', label: label('bidderName'), message: 'core.validation.tooLong', params: { max: NAME_MAX } });
  const tax = normalizeTaxId(b.taxId);
  if (tax && !isThaiTaxId(tax)) errors.push({ field: 'taxId', label: label('taxId'), message: 'procurement.errors.taxId' });
  if (!isSatang(b.priceSatang)) errors.push({ field: 'priceSatang', label: label('priceSatang'), message: 'procurement.errors.amount' });
  return errors;
}

const trimOrNull = (s: string | null | undefined) => s?.trim() || null;

/** The row values of an input (trimmed, empty text as null). */
function rowValues(input: ProcurementInput) {
  return {
    fiscalYear: input.fiscalYear,
    title: input.title.trim(),
    category: input.category,
    method: input.method,
    status: input.status ?? 'planned',
    divisionId: input.divisionId ?? null,
    budgetSource: trimOrNull(input.budgetSource),
    budgetLineId: input.budgetLineId ?? null,
    budgetSatang: input.budgetSatang,
    referencePriceSatang: input.referencePriceSatang ?? null,
    plannedMonth: input.plannedMonth ?? null,
    announcedOn: input.announcedOn || null,
    awardedOn: input.awardedOn || null,
    winnerName: trimOrNull(input.winnerName),
    winnerTaxId: normalizeTaxId(input.winnerTaxId),
    agreedPriceSatang: input.agreedPriceSatang ?? null,
    selectionReason: trimOrNull(input.selectionReason),
    contractNo: trimOrNull(input.contractNo),
    contractDate: input.contractDate || null,
    egpProjectNo: trimOrNull(input.egpProjectNo),
    cancelReason: trimOrNull(input.cancelReason),
    note: trimOrNull(input.note),
  };
}

/**
 * Inserts procurements with their bids inside the caller's command transaction (`tx`, with the
 * transaction-bound ctx): the import's and create's writer. Every input is checked again with
 * validateProcurement; any problem throws (ValidationError, fields prefixed `rows.<i>.`) before
 * anything is written. Returns the rows in the order given.
 */
export async function insertProcurements(tx: Db, ctx: ServiceContext, inputs: ProcurementInput[]): Promise<Procurement[]> {
  if (!inputs.length) return [];
  const problems = inputs.flatMap((input, i) =>
    validateProcurement(input).map((e) => ({ ...e, field: inputs.length > 1 ? `rows.${i}.${e.field}` : e.field })),
  );
  if (problems.length) throw new ValidationError(problems);
  // Divisions and spending plan lines named must be the organization's own.
  const divisionIds = [...new Set(inputs.map((i) => i.divisionId).filter((d): d is number => d != null))];
  if (divisionIds.length) {
    const found = new Set(
      (
        await tx
          .select({ id: divisions.id })
          .from(divisions)
          .where(and(eq(divisions.orgId, ctx.orgId), inArray(divisions.id, divisionIds)))
      ).map((r) => r.id),
    );
    const bad = inputs.flatMap((input, i) =>
      input.divisionId != null && !found.has(input.divisionId)
        ? [{ ...err('divisionId', 'core.validation.choose'), field: inputs.length > 1 ? `rows.${i}.divisionId` : 'divisionId' }]
        : [],
    );
    if (bad.length) throw new ValidationError(bad);
  }
  const now = ctx.app.now();
  const out: Procurement[] = [];
  // Chunks keep each statement's parameter count well below PostgreSQL's limit.
  for (let from = 0; from < inputs.length; from += 500) {
    const chunk = inputs.slice(from, from + 500);
    const rows = await tx
      .insert(procurements)
      .values(
        chunk.map((input) => ({
          ...rowValues(input),
          orgId: ctx.orgId,
          createdBy: ctx.actor?.userId || null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    if (rows.length !== chunk.length) throw new Error('procurements not inserted');
    out.push(...rows);
  }
  const bidRows = inputs.flatMap((input, i) =>
    (input.bids ?? []).map((b, position) => ({
      orgId: ctx.orgId,
      procurementId: out[i]!.id,
      position,
      bidderName: b.bidderName.trim(),
      taxId: normalizeTaxId(b.taxId),
      priceSatang: b.priceSatang,
      createdAt: now,
    })),
  );
  for (let from = 0; from < bidRows.length; from += 1000) await tx.insert(procurementBids).values(bidRows.slice(from, from + 1000));
  return out;
}

// ---------------------------------------------------------------- reads

function requireRead(ctx: ServiceContext) {
  ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
}

async function findProcurement(db: Db, orgId: number, id: number): Promise<Procurement> {
  if (!isRowId(id)) throw notFound();
  const [row] = await db
    .select()
    .from(procurements)
    .where(and(eq(procurements.orgId, orgId), eq(procurements.id, id)));
  if (!row) throw notFound();
  return row;
}

async function bidsOf(db: Db, orgId: number, id: number): Promise<ProcurementBid[]> {
  return db
    .select()
    .from(procurementBids)
    .where(and(eq(procurementBids.orgId, orgId), eq(procurementBids.procurementId, id)))
    .orderBy(asc(procurementBids.position), asc(procurementBids.id));
}

async function noticesOf(db: Db, orgId: number, id: number): Promise<ProcurementNotice[]> {
  return db
    .select()
    .from(procurementNotices)
    .where(and(eq(procurementNotices.orgId, orgId), eq(procurementNotices.procurementId, id)))
    .orderBy(asc(procurementNotices.noticeDate), asc(procurementNotices.id));
}

export interface HistoryEntry {
  at: Date;
  actorLabel: string;
  action: string;
  summary: string;
}

export interface ProcurementDetail {
  procurement: Procurement;
  bids: ProcurementBid[];
  notices: ProcurementNotice[];
  /** The year's plan notices (kind plan), newest first. */
  planNotices: ProcurementNotice[];
  history: HistoryEntry[];
}

/** One procurement with its bids, notices and history (staff). */
export async function getProcurement(ctx: ServiceContext, id: number): Promise<ProcurementDetail> {
  requireRead(ctx);
  const db = dbOf(ctx);
  const procurement = await findProcurement(db, ctx.orgId, id);
  const [bids, notices, planNotices, history] = await Promise.all([
    bidsOf(db, ctx.orgId, id),
    noticesOf(db, ctx.orgId, id),
    listPlanNotices(ctx, procurement.fiscalYear),
    db
      .select({ at: auditLog.at, actorLabel: auditLog.actorLabel, action: auditLog.action, summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, ctx.orgId), eq(auditLog.entity, 'procurement'), eq(auditLog.entityId, String(id))))
      .orderBy(desc(auditLog.seq))
      .limit(100),
  ]);
  return { procurement, bids, notices, planNotices, history };
}

/** Bids of one procurement (no policy check: callers check their own rule). */
export async function procurementBidsOf(ctx: ServiceContext, id: number): Promise<ProcurementBid[]> {
  return bidsOf(dbOf(ctx), ctx.orgId, id);
}

/** The plan notices (ประกาศแผนการจัดซื้อจัดจ้าง) of a year, newest first. */
export async function listPlanNotices(ctx: ServiceContext, fiscalYear: number): Promise<ProcurementNotice[]> {
  return dbOf(ctx)
    .select()
    .from(procurementNotices)
    .where(and(eq(procurementNotices.orgId, ctx.orgId), eq(procurementNotices.fiscalYear, fiscalYear), eq(procurementNotices.kind, 'plan')))
    .orderBy(desc(procurementNotices.noticeDate), desc(procurementNotices.id));
}

/** Whether a procurement is public (list.ts's rule: announced or later, or the year's plan published). */
export async function isPublicProcurement(ctx: ServiceContext, p: Procurement): Promise<boolean> {
  return isPublic(p, await planPublished(dbOf(ctx), ctx.orgId, p.fiscalYear));
}

/** Fiscal years that have procurements, newest first. */
export async function procurementYears(ctx: ServiceContext): Promise<number[]> {
  requireRead(ctx);
  const rows = await dbOf(ctx)
    .selectDistinct({ fy: procurements.fiscalYear })
    .from(procurements)
    .where(eq(procurements.orgId, ctx.orgId))
    .orderBy(desc(procurements.fiscalYear));
  return rows.map((r) => r.fy);
}

/** Counts by status of a year (the staff register's summary). */
export async function statusCounts(ctx: ServiceContext, fiscalYear: number): Promise<Record<ProcurementStatus, number>> {
  requireRead(ctx);
  const rows = await dbOf(ctx)
    .select({ status: procurements.status, n: sql<number>`count(*)::int` })
    .from(procurements)
    .where(and(eq(procurements.orgId, ctx.orgId), eq(procurements.fiscalYear, fiscalYear)))
    .groupBy(procurements.status);
  const out = Object.fromEntries(PROCUREMENT_STATUSES.map((s) => [s, 0])) as Record<ProcurementStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

// ---------------------------------------------------------------- writes

const baht = (satang: number) => (satang / 100).toFixed(2);

/** Records a procurement (with its bids). */
export async function createProcurement(ctx: ServiceContext, input: ProcurementInput): Promise<Procurement> {
  const allowed = procurementPolicy.edit(ctx.actor);
  if (allowed) {
    const errors = validateProcurement(input);
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'procurement.create', allowed }, async (tx, tools, txCtx) => {
    // The public list and pages are cached: a new or changed procurement drops them.
    tools.publish({ topic: 'pages.changed', data: { procurement: 'create' } });
    const [row] = await insertProcurements(tx, txCtx, [input]);
    if (!row) throw new Error('procurement not created');
    return {
      result: row,
      entity: 'procurement',
      entityId: row.id,
      summary: `บันทึกการจัดซื้อจัดจ้าง ปีงบประมาณ ${row.fiscalYear}: ${row.title} (วงเงิน ${baht(row.budgetSatang)} บาท)`,
      data: { fiscalYear: row.fiscalYear, method: row.method, status: row.status, bids: input.bids?.length ?? 0 },
    };
  });
}

/**
 * Changes a procurement's details and moves its status (forward only; cancelled with a
 * reason). Bids are kept (added and removed on their own); the winner must be among them.
 */
export async function updateProcurement(ctx: ServiceContext, id: number, input: Omit<ProcurementInput, 'bids'>): Promise<Procurement> {
  requireRead(ctx);
  const allowed = procurementPolicy.edit(ctx.actor);
  const existing = await findProcurement(dbOf(ctx), ctx.orgId, id);
  return runCommand(ctx, { action: 'procurement.update', allowed }, async (tx, tools) => {
    tools.publish({ topic: 'pages.changed', data: { procurement: id } });
    const current = await findProcurement(tx, ctx.orgId, id);
    const bids = await bidsOf(tx, ctx.orgId, id);
    const errors = validateProcurement(
      {
        ...input,
        bids: bids.map((b) => ({ bidderName: b.bidderName, taxId: b.taxId, priceSatang: Number(b.priceSatang) })),
      },
      current.fiscalYear,
    ).filter((e) => !e.field.startsWith('bids.'));
    const to = input.status ?? current.status;
    if (!canMove(current.status, to)) errors.push(err('status', 'procurement.errors.statusMove'));
    if (errors.length) throw new ValidationError(errors);
    const values = rowValues({ ...input, status: to });
    const [row] = await tx
      .update(procurements)
      .set({ ...values, fiscalYear: current.fiscalYear, updatedAt: ctx.app.now() })
      .where(and(eq(procurements.orgId, ctx.orgId), eq(procurements.id, id)))
      .returning();
    if (!row) throw notFound();
    const moved = current.status !== row.status;
    return {
      result: row,
      entity: 'procurement',
      entityId: row.id,
      summary: moved
        ? `เปลี่ยนสถานะการจัดซื้อจัดจ้าง "${row.title}": ${existing.status} → ${row.status}${row.status === 'cancelled' ? ` (${row.cancelReason})` : ''}`
        : `แก้ไขการจัดซื้อจัดจ้าง "${row.title}"`,
      data: { from: current.status, to: row.status },
    };
  });
}

/** Adds a bidder and the price offered. */
export async function addBid(ctx: ServiceContext, procurementId: number, input: BidInput): Promise<ProcurementBid> {
  requireRead(ctx);
  const allowed = procurementPolicy.edit(ctx.actor);
  await findProcurement(dbOf(ctx), ctx.orgId, procurementId);
  if (allowed) {
    const errors = validateBid(input);
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'procurement.addBid', allowed }, async (tx, tools) => {
    tools.publish({ topic: 'pages.changed', data: { procurement: procurementId } });
    const p = await findProcurement(tx, ctx.orgId, procurementId);
    const bids = await bidsOf(tx, ctx.orgId, procurementId);
    if (bids.length >= BIDS_MAX)
      throw new ValidationError([
        { field: 'bidderName', label: label('bidderName'), message: 'procurement.errors.tooManyBids', params: { max: BIDS_MAX } },
      ]);
    if (bids.some((b) => sameName(b.bidderName, input.bidderName)))
      throw new ValidationError([{ field: 'bidderName', label: label('bidderName'), message: 'procurement.errors.bidDuplicate' }]);
    const [row] = await tx
      .insert(procurementBids)
      .values({
        orgId: ctx.orgId,
        procurementId,
        position: bids.reduce((m, b) => Math.max(m, b.position + 1), 0),
        bidderName: input.bidderName.trim(),
        taxId: normalizeTaxId(input.taxId),
        priceSatang: input.priceSatang,
        createdAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('bid not added');
    return {
      result: row,
      entity: 'procurement',
      entityId: p.id,
      summary: `เพิ่มผู้เสนอราคา "${row.bidderName}" ${baht(row.priceSatang)} บาท ในการจัดซื้อจัดจ้าง "${p.title}"`,
      data: { bidId: row.id },
    };
  });
}

/** Removes a bid; the winner's bid stays while it is the winner. */
export async function removeBid(ctx: ServiceContext, procurementId: number, bidId: number): Promise<ProcurementBid> {
  requireRead(ctx);
  const allowed = procurementPolicy.edit(ctx.actor);
  await findProcurement(dbOf(ctx), ctx.orgId, procurementId);
  if (!isRowId(bidId)) throw notFound();
  return runCommand(ctx, { action: 'procurement.removeBid', allowed }, async (tx, tools) => {
    tools.publish({ topic: 'pages.changed', data: { procurement: procurementId } });
    const p = await findProcurement(tx, ctx.orgId, procurementId);
    const bids = await bidsOf(tx, ctx.orgId, procurementId);
    const bid = bids.find((b) => b.id === bidId);
    if (!bid) throw notFound();
    if (p.winnerName && sameName(p.winnerName, bid.bidderName) && bids.length > 1)
      throw new AppError(409, 'conflict', 'procurement.errors.bidIsWinner');
    await tx.delete(procurementBids).where(and(eq(procurementBids.orgId, ctx.orgId), eq(procurementBids.id, bidId)));
    return {
      result: bid,
      entity: 'procurement',
      entityId: p.id,
      summary: `นำผู้เสนอราคา "${bid.bidderName}" ออกจากการจัดซื้อจัดจ้าง "${p.title}"`,
      data: { bidId },
    };
  });
}

export interface NoticeInput {
  fiscalYear: number;
  /** Null for the year's plan notice. */
  procurementId?: number | null;
  kind: ProcurementNoticeKind;
  title: string;
  noticeDate: string;
  bytes: Uint8Array;
  fileName: string;
}

/**
 * The OIT item a notice goes under: the plan under procurement-plan, the others under
 * procurement-notices; a year whose list has no procurement-plan item (2569 and later) files
 * the plan with the notices item, the nearest one. A year with no list at all logs it with ''.
 */
export function noticeItemCode(fiscalYear: number, kind: ProcurementNoticeKind): string | null {
  const topics: OitTopic[] = kind === 'plan' ? ['procurement-plan', 'procurement-notices'] : ['procurement-notices'];
  for (const t of topics) {
    const code = oitItemForTopic(fiscalYear, t);
    if (code) return code;
  }
  return oitItemsOf(fiscalYear).length ? null : '';
}

/**
 * Records a notice with its PDF and publishes it in the publication log (the file is the
 * publication's). A notice about a procurement belongs to that procurement's year.
 */
export async function addNotice(ctx: ServiceContext, input: NoticeInput): Promise<ProcurementNotice> {
  requireRead(ctx);
  const allowed = procurementPolicy.edit(ctx.actor);
  const procurement = input.procurementId != null ? await findProcurement(dbOf(ctx), ctx.orgId, input.procurementId) : null;
  const fiscalYear = procurement?.fiscalYear ?? input.fiscalYear;
  const nerr = (field: string, message: string, params?: FieldError['params']): FieldError => ({
    field,
    label: `procurement.notices.fields.${field}`,
    message,
    params,
  });
  if (allowed) {
    const errors: FieldError[] = [];
    if (!isFiscalYear(fiscalYear)) errors.push(nerr('fiscalYear', 'procurement.errors.fiscalYear'));
    if (!(PROCUREMENT_NOTICE_KINDS as readonly string[]).includes(input.kind)) errors.push(nerr('kind', 'core.validation.choose'));
    else if (input.kind === 'plan' && procurement) errors.push(nerr('kind', 'procurement.errors.planNoticeOfYear'));
    else if (input.kind !== 'plan' && !procurement) errors.push(nerr('kind', 'procurement.errors.noticeNeedsProcurement'));
    const title = input.title.trim();
    if (!title) errors.push(nerr('title', 'core.validation.required'));
    else if (title.length > TITLE_MAX) errors.push(nerr('title', 'core.validation.tooLong', { max: TITLE_MAX }));
    if (!parseIsoDay(input.noticeDate)) errors.push(nerr('noticeDate', 'procurement.errors.date'));
    else if (input.noticeDate > bangkokIsoDay(ctx.app.now())) errors.push(nerr('noticeDate', 'procurement.errors.future'));
    if (!input.bytes.byteLength) errors.push(nerr('file', 'procurement.errors.fileRequired'));
    else if (input.bytes.byteLength > NOTICE_MAX_BYTES) errors.push(nerr('file', 'procurement.errors.fileTooLarge', { max: 20 }));
    else if (Buffer.from(input.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-')
      errors.push(nerr('file', 'procurement.errors.pdfOnly'));
    if (isFiscalYear(fiscalYear) && noticeItemCode(fiscalYear, input.kind) === null)
      errors.push(nerr('kind', 'procurement.errors.noOitItem'));
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'procurement.addNotice', allowed }, async (tx, _t, txCtx) => {
    const now = ctx.app.now();
    const [draft] = await tx
      .insert(procurementNotices)
      .values({
        orgId: ctx.orgId,
        fiscalYear,
        procurementId: procurement?.id ?? null,
        kind: input.kind,
        title: input.title.trim(),
        noticeDate: input.noticeDate,
        fileId: null,
        createdBy: ctx.actor?.userId || null,
        createdAt: now,
      })
      .returning();
    if (!draft) throw new Error('notice not recorded');
    const publication = await publish(tx, txCtx, {
      kind: 'document',
      fiscalYear,
      itemCode: noticeItemCode(fiscalYear, input.kind) ?? '',
      title: input.title.trim(),
      bytes: input.bytes,
      fileName: input.fileName.toLowerCase().endsWith('.pdf') ? input.fileName : `${input.fileName || 'notice'}.pdf`,
      source: { entity: 'procurement_notice', id: draft.id },
      allowedBy: 'procurement: procurement.addNotice (procurementPolicy.edit — the procurement officer publishes the notice)',
    });
    const [row] = await tx
      .update(procurementNotices)
      .set({ fileId: publication.fileId, publicationId: publication.id })
      .where(and(eq(procurementNotices.orgId, ctx.orgId), eq(procurementNotices.id, draft.id)))
      .returning();
    if (!row) throw new Error('notice not recorded');
    return {
      result: row,
      entity: 'procurement',
      entityId: procurement?.id ?? null,
      summary: `ประกาศ${input.kind === 'plan' ? 'แผนการจัดซื้อจัดจ้าง' : ''} "${row.title}" ลงวันที่ ${row.noticeDate} (ปีงบประมาณ ${fiscalYear})`,
      data: { noticeId: row.id, kind: row.kind, publicationId: publication.id },
    };
  });
}

/** A notice of the organization (for its file). */
export async function getNotice(ctx: ServiceContext, noticeId: number): Promise<ProcurementNotice> {
  if (!isRowId(noticeId)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(procurementNotices)
    .where(and(eq(procurementNotices.orgId, ctx.orgId), eq(procurementNotices.id, noticeId)));
  if (!row) throw notFound();
  return row;
}

/** Notices of several procurements at once (public and list pages). */
export async function noticesOfProcurements(ctx: ServiceContext, ids: number[]): Promise<ProcurementNotice[]> {
  if (!ids.length) return [];
  return dbOf(ctx)
    .select()
    .from(procurementNotices)
    .where(and(eq(procurementNotices.orgId, ctx.orgId), inArray(procurementNotices.procurementId, ids)))
    .orderBy(asc(procurementNotices.noticeDate));
}
