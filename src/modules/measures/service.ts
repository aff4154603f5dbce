import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, conflict, forbidden, notFound, unauthorized, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { isSitePath } from '../../core/http/request.js';
import { MAX_SATANG } from '../../core/http/validation.js';
import { MalformedImageError, stripImageMetadata } from '../../core/storage/exif.js';
import { saveFile } from '../../core/storage/files.js';
import { megabytes } from '../../core/storage/store.js';
import { bangkokDate, bangkokIsoDay, fiscalHalfRange, fiscalYearOf, fiscalYearRange } from '../../core/thai/index.js';
import { divisions, staffMembers } from '../staff/schema.js';
import { fullName, staffOfUser } from '../staff/service.js';
import { measuresPolicy } from './policy.js';
import type { MeasureStatus } from './schema.js';
import {
  itaResults,
  measureDivisions,
  measureEvidence,
  measurePeople,
  measurePlans,
  measureProgress,
  measures,
  measureWeaknesses,
} from './schema.js';
import { ALL_DIVISIONS_TEXT, MEASURE_TEMPLATES } from './templates.js';

export type Plan = typeof measurePlans.$inferSelect;
export type Measure = typeof measures.$inferSelect;
export type Evidence = typeof measureEvidence.$inferSelect;
export type Progress = typeof measureProgress.$inferSelect;
export type ItaResult = typeof itaResults.$inferSelect;

export interface MeasureDetail extends Measure {
  divisions: { id: number; name: string }[];
  people: { staffId: number; name: string }[];
  weaknesses: { id: number; indicator: string; name: string }[];
  evidenceCount: number;
  progressCount: number;
}

export function requireRead(ctx: ServiceContext) {
  if (!ctx.actor) throw unauthorized();
  if (!measuresPolicy.read(ctx.actor)) throw forbidden();
}

/** The organization's plans, newest fiscal year first. */
export async function listPlans(ctx: ServiceContext): Promise<Plan[]> {
  requireRead(ctx);
  return dbOf(ctx).select().from(measurePlans).where(eq(measurePlans.orgId, ctx.orgId)).orderBy(desc(measurePlans.fiscalYear));
}

export async function getPlan(ctx: ServiceContext, id: number): Promise<Plan> {
  requireRead(ctx);
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(measurePlans)
    .where(and(eq(measurePlans.orgId, ctx.orgId), eq(measurePlans.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function getPlanByYear(ctx: ServiceContext, fiscalYear: number): Promise<Plan | null> {
  requireRead(ctx);
  const [row] = await dbOf(ctx)
    .select()
    .from(measurePlans)
    .where(and(eq(measurePlans.orgId, ctx.orgId), eq(measurePlans.fiscalYear, fiscalYear)));
  return row ?? null;
}

/** The measures of a plan with their responsible divisions, people and weaknesses, by number. */
export async function listMeasures(ctx: ServiceContext, planId: number): Promise<MeasureDetail[]> {
  requireRead(ctx);
  const rows = await dbOf(ctx)
    .select()
    .from(measures)
    .where(and(eq(measures.orgId, ctx.orgId), eq(measures.planId, planId)))
    .orderBy(asc(measures.number));
  return attachDetails(ctx, rows);
}

export async function attachDetails(ctx: ServiceContext, rows: Measure[]): Promise<MeasureDetail[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const d = dbOf(ctx);
  const [divs, people, weak, ev, pr] = await Promise.all([
    d
      .select({ measureId: measureDivisions.measureId, id: divisions.id, name: divisions.name })
      .from(measureDivisions)
      .innerJoin(divisions, and(eq(divisions.orgId, measureDivisions.orgId), eq(divisions.id, measureDivisions.divisionId)))
      .where(and(eq(measureDivisions.orgId, ctx.orgId), inArray(measureDivisions.measureId, ids)))
      .orderBy(asc(divisions.sortOrder), asc(divisions.id)),
    d
      .select({
        measureId: measurePeople.measureId,
        staffId: staffMembers.id,
        titlePrefix: staffMembers.titlePrefix,
        firstName: staffMembers.firstName,
        lastName: staffMembers.lastName,
      })
      .from(measurePeople)
      .innerJoin(staffMembers, and(eq(staffMembers.orgId, measurePeople.orgId), eq(staffMembers.id, measurePeople.staffId)))
      .where(and(eq(measurePeople.orgId, ctx.orgId), inArray(measurePeople.measureId, ids)))
      .orderBy(asc(staffMembers.id)),
    d
      .select({ measureId: measureWeaknesses.measureId, id: itaResults.id, indicator: itaResults.indicator, name: itaResults.name })
      .from(measureWeaknesses)
      .innerJoin(itaResults, and(eq(itaResults.orgId, measureWeaknesses.orgId), eq(itaResults.id, measureWeaknesses.itaResultId)))
      .where(and(eq(measureWeaknesses.orgId, ctx.orgId), inArray(measureWeaknesses.measureId, ids)))
      .orderBy(asc(itaResults.sortOrder), asc(itaResults.id)),
    d
      .select({ measureId: measureEvidence.measureId, n: sql<number>`count(*)::int` })
      .from(measureEvidence)
      .where(and(eq(measureEvidence.orgId, ctx.orgId), inArray(measureEvidence.measureId, ids)))
      .groupBy(measureEvidence.measureId),
    d
      .select({ measureId: measureProgress.measureId, n: sql<number>`count(*)::int` })
      .from(measureProgress)
      .where(and(eq(measureProgress.orgId, ctx.orgId), inArray(measureProgress.measureId, ids)))
      .groupBy(measureProgress.measureId),
  ]);
  return rows.map((m) => ({
    ...m,
    divisions: divs.filter((x) => x.measureId === m.id).map(({ id, name }) => ({ id, name })),
    people: people.filter((x) => x.measureId === m.id).map((p) => ({ staffId: p.staffId, name: fullName(p) })),
    weaknesses: weak.filter((x) => x.measureId === m.id).map(({ id, indicator, name }) => ({ id, indicator, name })),
    evidenceCount: Number(ev.find((x) => x.measureId === m.id)?.n ?? 0),
    progressCount: Number(pr.find((x) => x.measureId === m.id)?.n ?? 0),
  }));
}

/** A measure's evidence, oldest first. */
export async function listEvidence(ctx: ServiceContext, measureId: number): Promise<Evidence[]> {
  requireRead(ctx);
  return dbOf(ctx)
    .select()
    .from(measureEvidence)
    .where(and(eq(measureEvidence.orgId, ctx.orgId), eq(measureEvidence.measureId, measureId)))
    .orderBy(asc(measureEvidence.createdAt), asc(measureEvidence.id));
}

// ---------------------------------------------------------------- writes

export const PLAN_ORIGINS = ['blank', 'template', 'copy'] as const;
export type PlanOrigin = (typeof PLAN_ORIGINS)[number];

export const LINK_KINDS = [
  'announcement',
  'queue_report',
  'survey_report',
  'frontdesk_report',
  'facilities',
  'minutes',
  'publication',
  'other',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Evidence files: PDF and the three photo formats, no larger than this. */
export const EVIDENCE_MIMES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Evidence titles and link addresses at most this many characters. */
export const EVIDENCE_TITLE_MAX = 300;
export const EVIDENCE_HREF_MAX = 2000;

/** A measure's budget at most: 999,999,999,999.99 baht, in satang. */
export const MAX_BUDGET_SATANG = MAX_SATANG;

const bad = (field: string, label: string, message: string, params?: Record<string, string | number>): never => {
  throw new ValidationError([{ field, label, message, params }]);
};

function requireCoordinate(ctx: ServiceContext): boolean {
  return measuresPolicy.coordinate(ctx.actor);
}

export function defaultPlanTitle(fiscalYear: number): string {
  return `มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ${fiscalYear}`;
}

export function fiscalYearDays(fy: number): { first: string; last: string } {
  const r = fiscalYearRange(fy);
  const l = r.lastDay;
  return { first: bangkokIsoDay(r.start), last: bangkokIsoDay(bangkokDate(l.year, l.month, l.day)) };
}

function shiftYear(day: string | null, years: number): string | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return null;
  const dd = m === 2 && d === 29 ? 28 : d;
  return `${y + years}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

async function divisionIdsFor(tx: Db, orgId: number, responsibleText: string): Promise<number[]> {
  const all = await tx
    .select({ id: divisions.id, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.orgId, orgId), eq(divisions.active, true)));
  if (responsibleText.trim() === ALL_DIVISIONS_TEXT) return all.map((d) => d.id);
  return all.filter((d) => responsibleText.includes(d.name)).map((d) => d.id);
}

/**
 * A new plan for a fiscal year: blank, from the template library (the ten measures: what is
 * planned only, never the examples' results), or as a copy of last year's plan (measures,
 * responsibilities, indicators — not their results, progress or evidence).
 */
export async function createPlan(
  ctx: ServiceContext,
  input: {
    fiscalYear: number;
    origin: PlanOrigin;
    title?: string;
    intro?: string /** With 'copy': the plan to copy (default: last year's). */;
    sourcePlanId?: number;
  },
): Promise<Plan> {
  return runCommand(ctx, { action: 'measures.createPlan', allowed: requireCoordinate(ctx) }, async (tx) => {
    const fy = input.fiscalYear;
    if (!Number.isInteger(fy) || fy < 2500 || fy > 2700) bad('fiscalYear', 'measures.fields.fiscalYear', 'measures.errors.fiscalYear');
    const [exists] = await tx
      .select({ id: measurePlans.id })
      .from(measurePlans)
      .where(and(eq(measurePlans.orgId, ctx.orgId), eq(measurePlans.fiscalYear, fy)));
    if (exists) bad('fiscalYear', 'measures.fields.fiscalYear', 'measures.errors.planExists', { year: fy });
    let source: Plan | undefined;
    if (input.origin === 'copy') {
      [source] = await tx
        .select()
        .from(measurePlans)
        .where(
          and(
            eq(measurePlans.orgId, ctx.orgId),
            input.sourcePlanId ? eq(measurePlans.id, input.sourcePlanId) : eq(measurePlans.fiscalYear, fy - 1),
          ),
        );
      if (!source) bad('origin', 'measures.fields.origin', 'measures.errors.noLastYear', { year: fy - 1 });
    }
    const now = ctx.app.now();
    const [plan] = await tx
      .insert(measurePlans)
      .values({
        orgId: ctx.orgId,
        fiscalYear: fy,
        title: input.title?.trim() || defaultPlanTitle(fy),
        intro: input.intro ?? source?.intro ?? null,
        origin: source ? `copy:${source.id}` : input.origin,
        createdBy: ctx.actor?.userId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!plan) throw new Error('plan not created');
    const { first, last } = fiscalYearDays(fy);
    if (input.origin === 'template') {
      for (const t of MEASURE_TEMPLATES) {
        const [m] = await tx
          .insert(measures)
          .values({
            orgId: ctx.orgId,
            planId: plan.id,
            number: t.number,
            title: t.title,
            titleDetails: t.titleDetails,
            methods: t.methods,
            responsibleText: t.responsibleText,
            startsOn: first,
            endsOn: last,
            updatedBy: ctx.actor?.userId || null,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: measures.id });
        if (!m) continue;
        const divs = await divisionIdsFor(tx, ctx.orgId, t.responsibleText);
        if (divs.length)
          await tx.insert(measureDivisions).values(divs.map((divisionId) => ({ orgId: ctx.orgId, measureId: m.id, divisionId })));
      }
    } else if (source) {
      const old = await tx
        .select()
        .from(measures)
        .where(and(eq(measures.orgId, ctx.orgId), eq(measures.planId, source.id)))
        .orderBy(asc(measures.number));
      for (const o of old) {
        if (o.status === 'cancelled') continue;
        const [m] = await tx
          .insert(measures)
          .values({
            orgId: ctx.orgId,
            planId: plan.id,
            number: o.number,
            title: o.title,
            titleDetails: o.titleDetails,
            rationale: o.rationale,
            methods: o.methods,
            responsibleText: o.responsibleText,
            startsOn: shiftYear(o.startsOn, fy - (source?.fiscalYear ?? fy - 1)) ?? first,
            endsOn: shiftYear(o.endsOn, fy - (source?.fiscalYear ?? fy - 1)) ?? last,
            budgetSatang: o.budgetSatang,
            successIndicator: o.successIndicator,
            updatedBy: ctx.actor?.userId || null,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: measures.id });
        if (!m) continue;
        const divs = await tx
          .select()
          .from(measureDivisions)
          .where(and(eq(measureDivisions.orgId, ctx.orgId), eq(measureDivisions.measureId, o.id)));
        if (divs.length)
          await tx.insert(measureDivisions).values(divs.map((d) => ({ orgId: ctx.orgId, measureId: m.id, divisionId: d.divisionId })));
        const people = await tx
          .select()
          .from(measurePeople)
          .where(and(eq(measurePeople.orgId, ctx.orgId), eq(measurePeople.measureId, o.id)));
        if (people.length)
          await tx.insert(measurePeople).values(people.map((p) => ({ orgId: ctx.orgId, measureId: m.id, staffId: p.staffId })));
      }
    }
    return {
      result: plan,
      entity: 'measure_plan',
      entityId: plan.id,
      summary: `สร้างแผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ ${fy}${source ? ` (คัดลอกจากปี ${source.fiscalYear})` : input.origin === 'template' ? ' (จากแม่แบบ)' : ''}`,
    };
  });
}

// ---------------------------------------------------------------- ITA results

export async function listItaResults(ctx: ServiceContext, planId: number): Promise<ItaResult[]> {
  requireRead(ctx);
  return dbOf(ctx)
    .select()
    .from(itaResults)
    .where(and(eq(itaResults.orgId, ctx.orgId), eq(itaResults.planId, planId)))
    .orderBy(asc(itaResults.sortOrder), asc(itaResults.id));
}

export interface ItaResultInput {
  indicator: string;
  name: string;
  score?: number | null;
  weakPoints?: string;
}

/** Records (or corrects) last year's result of one indicator on a plan. */
export async function saveItaResult(ctx: ServiceContext, planId: number, input: ItaResultInput): Promise<ItaResult> {
  return runCommand(ctx, { action: 'measures.saveItaResult', allowed: requireCoordinate(ctx) }, async (tx, _t, txCtx) => {
    const plan = await getPlan(txCtx, planId);
    if (input.score != null && (!(input.score >= 0) || input.score > 100)) bad('score', 'measures.ita.score', 'measures.errors.score');
    const sortOrder = Number.parseInt(input.indicator, 10) || 100;
    const [row] = await tx
      .insert(itaResults)
      .values({
        orgId: ctx.orgId,
        planId: plan.id,
        indicator: input.indicator,
        name: input.name,
        score: input.score ?? null,
        weakPoints: input.weakPoints ?? '',
        sortOrder,
      })
      .onConflictDoUpdate({
        target: [itaResults.orgId, itaResults.planId, itaResults.indicator],
        set: { name: input.name, score: input.score ?? null, weakPoints: input.weakPoints ?? '' },
      })
      .returning();
    if (!row) throw new Error('ita result not saved');
    return {
      result: row,
      entity: 'ita_result',
      entityId: row.id,
      summary: `บันทึกผลการประเมิน ITA ตัวชี้วัดที่ ${input.indicator} ${input.name}${input.score != null ? ` คะแนน ${input.score}` : ''} (แผนปี ${plan.fiscalYear})`,
    };
  });
}

export async function deleteItaResult(ctx: ServiceContext, id: number): Promise<void> {
  await runCommand(ctx, { action: 'measures.deleteItaResult', allowed: requireCoordinate(ctx) }, async (tx) => {
    const [row] = await tx
      .delete(itaResults)
      .where(and(eq(itaResults.orgId, ctx.orgId), eq(itaResults.id, id)))
      .returning();
    if (!row) throw notFound();
    return { result: undefined, entity: 'ita_result', entityId: id, summary: `ลบผลการประเมิน ITA ตัวชี้วัดที่ ${row.indicator} ${row.name}` };
  });
}

// ---------------------------------------------------------------- measures

export async function getMeasure(ctx: ServiceContext, id: number): Promise<MeasureDetail> {
  requireRead(ctx);
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(measures)
    .where(and(eq(measures.orgId, ctx.orgId), eq(measures.id, id)));
  if (!row) throw notFound();
  const [detail] = await attachDetails(ctx, [row]);
  if (!detail) throw notFound();
  return detail;
}

/** Whether the signed-in person may update this measure's implementation: the coordinator, or staff of a responsible division (or named responsible). */
export async function canUpdate(ctx: ServiceContext, m: Pick<MeasureDetail, 'divisions' | 'people'>): Promise<boolean> {
  if (!ctx.actor) return false;
  if (measuresPolicy.coordinate(ctx.actor)) return true;
  const me = await staffOfUser(ctx, ctx.actor.userId);
  if (!me?.active) return false;
  const own = (me.divisionId != null && m.divisions.some((d) => d.id === me.divisionId)) || m.people.some((p) => p.staffId === me.id);
  return measuresPolicy.update(ctx.actor, own);
}

/** The plan's fields of a measure (what is planned); the coordinator's. */
export interface MeasurePlanFields {
  number: number;
  title: string;
  titleDetails: string[];
  rationale: string;
  methods: string[];
  responsibleText: string;
  startsOn: string | null;
  endsOn: string | null;
  /** Integer satang (1 baht = 100 satang); null = ไม่ใช้งบประมาณ. */
  budgetSatang: number | null;
  successIndicator: string;
  divisionIds: number[];
  staffIds: number[];
  weaknessIds: number[];
}

/** How the work went; staff of the responsible divisions update it. */
export interface MeasureImplementationFields {
  status: MeasureStatus;
  resultsSummary: string[];
  outcome: string;
  checkpoint6: string | null;
  checkpoint12: string | null;
}

export type MeasurePatch = Partial<MeasurePlanFields & MeasureImplementationFields>;

const PLAN_KEYS: (keyof MeasurePlanFields)[] = [
  'number',
  'title',
  'titleDetails',
  'rationale',
  'methods',
  'responsibleText',
  'startsOn',
  'endsOn',
  'budgetSatang',
  'successIndicator',
  'divisionIds',
  'staffIds',
  'weaknessIds',
];

async function checkRefs(tx: Db, ctx: ServiceContext, planId: number, p: MeasurePatch) {
  if (p.startsOn && p.endsOn && p.startsOn > p.endsOn) bad('endsOn', 'measures.fields.endsOn', 'measures.errors.endBeforeStart');
  if (p.budgetSatang != null && (!Number.isSafeInteger(p.budgetSatang) || p.budgetSatang < 0 || p.budgetSatang > MAX_BUDGET_SATANG))
    bad('budgetSatang', 'measures.fields.budget', 'measures.errors.budget');
  if (p.divisionIds?.length) {
    const found = await tx
      .select({ id: divisions.id })
      .from(divisions)
      .where(and(eq(divisions.orgId, ctx.orgId), inArray(divisions.id, p.divisionIds)));
    if (found.length !== new Set(p.divisionIds).size) bad('divisionIds', 'measures.fields.divisions', 'measures.errors.unknownChoice');
  }
  if (p.staffIds?.length) {
    const found = await tx
      .select({ id: staffMembers.id })
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), inArray(staffMembers.id, p.staffIds)));
    if (found.length !== new Set(p.staffIds).size) bad('staffIds', 'measures.fields.people', 'measures.errors.unknownChoice');
  }
  if (p.weaknessIds?.length) {
    const found = await tx
      .select({ id: itaResults.id })
      .from(itaResults)
      .where(and(eq(itaResults.orgId, ctx.orgId), eq(itaResults.planId, planId), inArray(itaResults.id, p.weaknessIds)));
    if (found.length !== new Set(p.weaknessIds).size) bad('weaknessIds', 'measures.fields.weaknesses', 'measures.errors.unknownChoice');
  }
  if (p.number !== undefined) {
    if (!Number.isInteger(p.number) || p.number < 1 || p.number > 999) bad('number', 'measures.fields.number', 'measures.errors.number');
  }
}

async function setLinks(tx: Db, ctx: ServiceContext, measureId: number, p: MeasurePatch) {
  const uniq = (a: number[]) => [...new Set(a)];
  if (p.divisionIds) {
    await tx.delete(measureDivisions).where(and(eq(measureDivisions.orgId, ctx.orgId), eq(measureDivisions.measureId, measureId)));
    if (p.divisionIds.length)
      await tx.insert(measureDivisions).values(uniq(p.divisionIds).map((divisionId) => ({ orgId: ctx.orgId, measureId, divisionId })));
  }
  if (p.staffIds) {
    await tx.delete(measurePeople).where(and(eq(measurePeople.orgId, ctx.orgId), eq(measurePeople.measureId, measureId)));
    if (p.staffIds.length)
      await tx.insert(measurePeople).values(uniq(p.staffIds).map((staffId) => ({ orgId: ctx.orgId, measureId, staffId })));
  }
  if (p.weaknessIds) {
    await tx.delete(measureWeaknesses).where(and(eq(measureWeaknesses.orgId, ctx.orgId), eq(measureWeaknesses.measureId, measureId)));
    if (p.weaknessIds.length)
      await tx.insert(measureWeaknesses).values(uniq(p.weaknessIds).map((itaResultId) => ({ orgId: ctx.orgId, measureId, itaResultId })));
  }
}

async function numberTaken(tx: Db, orgId: number, planId: number, number: number, exceptId?: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.orgId, orgId), eq(measures.planId, planId), eq(measures.number, number)));
  return !!row && row.id !== exceptId;
}

/** Adds a measure to a plan (the coordinator). */
export async function createMeasure(
  ctx: ServiceContext,
  planId: number,
  input: Partial<MeasurePlanFields> & { title: string },
): Promise<MeasureDetail> {
  const id = await runCommand(ctx, { action: 'measures.createMeasure', allowed: requireCoordinate(ctx) }, async (tx, _t, txCtx) => {
    const plan = await getPlan(txCtx, planId);
    await checkRefs(tx, ctx, plan.id, input);
    let number = input.number;
    if (number === undefined) {
      const [max] = await tx
        .select({ n: sql<number>`coalesce(max(${measures.number}), 0)::int` })
        .from(measures)
        .where(and(eq(measures.orgId, ctx.orgId), eq(measures.planId, plan.id)));
      number = Number(max?.n ?? 0) + 1;
    } else if (await numberTaken(tx, ctx.orgId, plan.id, number)) {
      bad('number', 'measures.fields.number', 'measures.errors.numberTaken', { number });
    }
    const { first, last } = fiscalYearDays(plan.fiscalYear);
    const now = ctx.app.now();
    const [m] = await tx
      .insert(measures)
      .values({
        orgId: ctx.orgId,
        planId: plan.id,
        number,
        title: input.title,
        titleDetails: input.titleDetails ?? [],
        rationale: input.rationale ?? '',
        methods: input.methods ?? [],
        responsibleText: input.responsibleText ?? '',
        startsOn: input.startsOn === undefined ? first : input.startsOn,
        endsOn: input.endsOn === undefined ? last : input.endsOn,
        budgetSatang: input.budgetSatang ?? null,
        successIndicator: input.successIndicator ?? '',
        updatedBy: ctx.actor?.userId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!m) throw new Error('measure not created');
    await setLinks(tx, ctx, m.id, input);
    return { result: m.id, entity: 'measure', entityId: m.id, summary: `เพิ่มมาตรการที่ ${number} ${input.title} ในแผนปี ${plan.fiscalYear}` };
  });
  return getMeasure(ctx, id);
}

/**
 * Changes a measure, if it is still at the version the editor read. Plan fields are the
 * coordinator's; implementation fields also the responsible division's staff. A save naming an
 * older version is refused (409) and nothing changes.
 */
export async function updateMeasure(ctx: ServiceContext, id: number, version: number, patch: MeasurePatch): Promise<MeasureDetail> {
  const touchesPlan = PLAN_KEYS.some((k) => patch[k] !== undefined);
  const current = await getMeasure(ctx, id);
  const allowed = touchesPlan ? requireCoordinate(ctx) : await canUpdate(ctx, current);
  await runCommand(ctx, { action: 'measures.updateMeasure', allowed }, async (tx) => {
    await checkRefs(tx, ctx, current.planId, patch);
    if (patch.number !== undefined && (await numberTaken(tx, ctx.orgId, current.planId, patch.number, id))) {
      bad('number', 'measures.fields.number', 'measures.errors.numberTaken', { number: patch.number });
    }
    const now = ctx.app.now();
    const set: Partial<typeof measures.$inferInsert> = {
      version: sql`${measures.version} + 1` as unknown as number,
      updatedAt: now,
      updatedBy: ctx.actor?.userId || null,
    };
    for (const k of [
      'number',
      'title',
      'titleDetails',
      'rationale',
      'methods',
      'responsibleText',
      'startsOn',
      'endsOn',
      'budgetSatang',
      'successIndicator',
      'status',
      'resultsSummary',
      'outcome',
    ] as const) {
      if (patch[k] !== undefined) (set as Record<string, unknown>)[k] = patch[k];
    }
    if (patch.checkpoint6 !== undefined && (patch.checkpoint6 ?? '') !== (current.checkpoint6 ?? '')) {
      set.checkpoint6 = patch.checkpoint6 || null;
      set.checkpoint6At = patch.checkpoint6 ? now : null;
    }
    if (patch.checkpoint12 !== undefined && (patch.checkpoint12 ?? '') !== (current.checkpoint12 ?? '')) {
      set.checkpoint12 = patch.checkpoint12 || null;
      set.checkpoint12At = patch.checkpoint12 ? now : null;
    }
    const [row] = await tx
      .update(measures)
      .set(set)
      .where(and(eq(measures.orgId, ctx.orgId), eq(measures.id, id), eq(measures.version, version)))
      .returning({ id: measures.id });
    if (!row) throw conflict('measures.errors.stale');
    await setLinks(tx, ctx, id, patch);
    return {
      result: undefined,
      entity: 'measure',
      entityId: id,
      summary: `แก้ไขมาตรการที่ ${patch.number ?? current.number} ${patch.title ?? current.title}`,
      data: { fields: Object.keys(patch), version },
    };
  });
  return getMeasure(ctx, id);
}

// ---------------------------------------------------------------- progress

export async function listProgress(ctx: ServiceContext, measureId: number): Promise<Progress[]> {
  requireRead(ctx);
  return dbOf(ctx)
    .select()
    .from(measureProgress)
    .where(and(eq(measureProgress.orgId, ctx.orgId), eq(measureProgress.measureId, measureId)))
    .orderBy(desc(measureProgress.happenedOn), desc(measureProgress.id));
}

/** A dated entry of what was done; the day may not be in the future. */
export async function addProgress(ctx: ServiceContext, measureId: number, input: { happenedOn: string; text: string }): Promise<Progress> {
  const m = await getMeasure(ctx, measureId);
  return runCommand(ctx, { action: 'measures.addProgress', allowed: await canUpdate(ctx, m) }, async (tx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.happenedOn)) bad('happenedOn', 'measures.progress.happenedOn', 'measures.errors.date');
    if (input.happenedOn > bangkokIsoDay(ctx.app.now())) bad('happenedOn', 'measures.progress.happenedOn', 'measures.errors.future');
    if (!input.text.trim()) bad('text', 'measures.progress.text', 'measures.errors.required');
    const [row] = await tx
      .insert(measureProgress)
      .values({
        orgId: ctx.orgId,
        measureId,
        happenedOn: input.happenedOn,
        text: input.text.trim(),
        createdBy: ctx.actor?.userId || null,
        createdAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('progress not saved');
    if (m.status === 'planned') {
      await tx
        .update(measures)
        .set({ status: 'in_progress', version: sql`${measures.version} + 1`, updatedAt: ctx.app.now() })
        .where(and(eq(measures.orgId, ctx.orgId), eq(measures.id, measureId)));
    }
    return { result: row, entity: 'measure', entityId: measureId, summary: `บันทึกความก้าวหน้ามาตรการที่ ${m.number} (${input.happenedOn})` };
  });
}

// ---------------------------------------------------------------- evidence

export type EvidenceInput =
  | { title: string; isPublic?: boolean; file: { bytes: Uint8Array; name: string } }
  | { title: string; isPublic?: boolean; link: { kind: LinkKind; href: string } };

/** Whether a link points at this site (a path) or at another site over https. */
export function isEvidenceHref(href: string): boolean {
  if (isSitePath(href)) return true;
  if (href.length > EVIDENCE_HREF_MAX || !href.startsWith('https://')) return false;
  try {
    const u = new URL(href);
    return u.protocol === 'https:' && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * Attaches evidence: a file (PDF, JPEG, PNG or WebP by its content, within the size limit,
 * images stripped of EXIF, GPS and other metadata before storing) or a link.
 */
export async function attachEvidence(ctx: ServiceContext, measureId: number, input: EvidenceInput): Promise<Evidence> {
  const m = await getMeasure(ctx, measureId);
  const allowed = await canUpdate(ctx, m);
  let prepared: { bytes: Uint8Array; name: string } | null = null;
  if (allowed && !input.title.trim()) bad('title', 'measures.evidence.evidenceTitle', 'measures.errors.required');
  if (allowed && input.title.trim().length > EVIDENCE_TITLE_MAX)
    bad('title', 'measures.evidence.evidenceTitle', 'core.validation.tooLong', { max: EVIDENCE_TITLE_MAX });
  if (allowed && 'link' in input && input.link.href.length > EVIDENCE_HREF_MAX)
    bad('linkHref', 'measures.evidence.linkHref', 'core.validation.tooLong', { max: EVIDENCE_HREF_MAX });
  if (allowed && 'file' in input) {
    const { bytes, name } = input.file;
    if (bytes.byteLength === 0) bad('file', 'measures.evidence.file', 'measures.errors.fileEmpty');
    if (bytes.byteLength > EVIDENCE_MAX_BYTES) {
      throw new AppError(413, 'file_too_large', 'measures.errors.fileTooLarge', { max: megabytes(EVIDENCE_MAX_BYTES) }, [
        {
          field: 'file',
          label: 'measures.evidence.file',
          message: 'measures.errors.fileTooLarge',
          params: { max: megabytes(EVIDENCE_MAX_BYTES) },
        },
      ]);
    }
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !(EVIDENCE_MIMES as readonly string[]).includes(type.mime))
      bad('file', 'measures.evidence.file', 'measures.errors.fileType');
    let clean: Uint8Array;
    try {
      clean = stripImageMetadata(bytes);
    } catch (e) {
      if (e instanceof MalformedImageError) bad('file', 'measures.evidence.file', 'measures.errors.fileBroken');
      throw e;
    }
    prepared = { bytes: clean, name };
  }
  if (allowed && 'link' in input) {
    if (!(LINK_KINDS as readonly string[]).includes(input.link.kind))
      bad('linkKind', 'measures.evidence.linkKind', 'measures.errors.unknownChoice');
    if (!isEvidenceHref(input.link.href)) bad('linkHref', 'measures.evidence.linkHref', 'measures.errors.href');
  }
  return runCommand(ctx, { action: 'measures.attachEvidence', allowed }, async (tx, _t, txCtx) => {
    let fileId: number | null = null;
    if (prepared) {
      const f = await saveFile(txCtx, {
        bytes: prepared.bytes,
        name: prepared.name,
        kinds: ['pdf', 'image'],
        maxBytes: EVIDENCE_MAX_BYTES,
      });
      fileId = f.id;
    }
    const [row] = await tx
      .insert(measureEvidence)
      .values({
        orgId: ctx.orgId,
        measureId,
        title: input.title.trim(),
        fileId,
        linkKind: 'link' in input ? input.link.kind : null,
        linkHref: 'link' in input ? input.link.href : null,
        isPublic: input.isPublic ?? true,
        createdBy: ctx.actor?.userId || null,
        createdAt: ctx.app.now(),
      })
      .returning();
    if (!row) throw new Error('evidence not saved');
    return { result: row, entity: 'measure', entityId: measureId, summary: `แนบหลักฐานมาตรการที่ ${m.number}: ${row.title}` };
  });
}

export async function removeEvidence(ctx: ServiceContext, evidenceId: number): Promise<void> {
  if (!isRowId(evidenceId)) throw notFound();
  const [ev] = await dbOf(ctx)
    .select()
    .from(measureEvidence)
    .where(and(eq(measureEvidence.orgId, ctx.orgId), eq(measureEvidence.id, evidenceId)));
  if (!ev) throw notFound();
  const m = await getMeasure(ctx, ev.measureId);
  await runCommand(ctx, { action: 'measures.removeEvidence', allowed: await canUpdate(ctx, m) }, async (tx) => {
    await tx.delete(measureEvidence).where(and(eq(measureEvidence.orgId, ctx.orgId), eq(measureEvidence.id, evidenceId)));
    return {
      result: undefined,
      entity: 'measure',
      entityId: m.id,
      summary: `นำหลักฐานออกจากมาตรการที่ ${m.number}: ${ev.title}`,
      data: { fileId: ev.fileId, href: ev.linkHref },
    };
  });
}

export async function getEvidence(ctx: ServiceContext, id: number): Promise<Evidence> {
  requireRead(ctx);
  if (!isRowId(id)) throw notFound();
  const [ev] = await dbOf(ctx)
    .select()
    .from(measureEvidence)
    .where(and(eq(measureEvidence.orgId, ctx.orgId), eq(measureEvidence.id, id)));
  if (!ev) throw notFound();
  return ev;
}

// ---------------------------------------------------------------- checkpoints and what is missing

export type CheckpointState = 'done' | 'due' | 'missed' | 'later';

/** Checkpoint dates of a fiscal year: end of March (6 months) and end of September (12 months). */
export function checkpointDates(fy: number): { six: Date; twelve: Date } {
  return { six: fiscalHalfRange(fy, 1).end, twelve: fiscalYearRange(fy).end };
}

const DUE_WINDOW_MS = 30 * 24 * 3600 * 1000;

export function checkpointState(filled: string | null, dueAt: Date, now: Date): CheckpointState {
  if (filled?.trim()) return 'done';
  if (now.getTime() >= dueAt.getTime()) return 'missed';
  if (now.getTime() >= dueAt.getTime() - DUE_WINDOW_MS) return 'due';
  return 'later';
}

export type MissingKind =
  | 'noResults'
  | 'noOutcome'
  | 'noEvidence'
  | 'checkpoint6Due'
  | 'checkpoint6Missed'
  | 'checkpoint12Due'
  | 'checkpoint12Missed';

export interface MissingRow {
  measure: MeasureDetail;
  missing: MissingKind[];
}

export function missingOf(m: MeasureDetail, fiscalYear: number, now: Date): MissingKind[] {
  if (m.status === 'cancelled') return [];
  const out: MissingKind[] = [];
  if (m.resultsSummary.every((p) => !p.trim())) out.push('noResults');
  if (!m.outcome.trim()) out.push('noOutcome');
  if (m.evidenceCount === 0) out.push('noEvidence');
  const { six, twelve } = checkpointDates(fiscalYear);
  const s6 = checkpointState(m.checkpoint6, six, now);
  if (s6 === 'due') out.push('checkpoint6Due');
  if (s6 === 'missed') out.push('checkpoint6Missed');
  const s12 = checkpointState(m.checkpoint12, twelve, now);
  if (s12 === 'due') out.push('checkpoint12Due');
  if (s12 === 'missed') out.push('checkpoint12Missed');
  return out;
}

/** The coordinator's overview: every measure of the plan that still lacks something. */
export async function missingOverview(ctx: ServiceContext, planId: number): Promise<MissingRow[]> {
  if (!requireCoordinate(ctx)) throw ctx.actor ? forbidden() : unauthorized();
  const plan = await getPlan(ctx, planId);
  const now = ctx.app.now();
  return (await listMeasures(ctx, plan.id))
    .map((measure) => ({ measure, missing: missingOf(measure, plan.fiscalYear, now) }))
    .filter((r) => r.missing.length > 0);
}

/** For the staff home: measures of my division in this year's plan missing results or with a checkpoint due. */
export async function measuresTodo(
  ctx: ServiceContext,
): Promise<{ label: string; params?: Record<string, string | number>; href: string; tone?: 'warning' | 'info' | 'danger' }[]> {
  if (!ctx.actor || !measuresPolicy.read(ctx.actor)) return [];
  const now = ctx.app.now();
  const fy = fiscalYearOf(now);
  const plan = await getPlanByYear(ctx, fy);
  if (!plan)
    return measuresPolicy.coordinate(ctx.actor)
      ? [{ label: 'measures.todo.noPlan', params: { year: fy }, href: '/staff/measures', tone: 'info' }]
      : [];
  const all = await listMeasures(ctx, plan.id);
  const items: { label: string; params?: Record<string, string | number>; href: string; tone?: 'warning' | 'info' | 'danger' }[] = [];
  if (measuresPolicy.coordinate(ctx.actor)) {
    const n = all.filter((m) => missingOf(m, fy, now).length > 0).length;
    if (n > 0)
      items.push({
        label: 'measures.todo.coordinator',
        params: { n, year: fy },
        href: `/staff/measures/plans/${plan.id}#missing`,
        tone: 'info',
      });
    return items;
  }
  const me = await staffOfUser(ctx, ctx.actor.userId);
  if (!me) return items;
  const mine = all.filter(
    (m) => (me.divisionId != null && m.divisions.some((d) => d.id === me.divisionId)) || m.people.some((p) => p.staffId === me.id),
  );
  for (const m of mine) {
    const miss = missingOf(m, fy, now);
    const checkpoint = miss.find((k) => k.startsWith('checkpoint'));
    if (checkpoint) {
      items.push({
        label: `measures.todo.${checkpoint}`,
        params: { number: m.number, title: m.title },
        href: `/staff/measures/${m.id}`,
        tone: checkpoint.endsWith('Missed') ? 'danger' : 'warning',
      });
    } else if (miss.includes('noResults') && m.status !== 'planned') {
      items.push({
        label: 'measures.todo.noResults',
        params: { number: m.number, title: m.title },
        href: `/staff/measures/${m.id}`,
        tone: 'info',
      });
    }
  }
  return items;
}

// ---------------------------------------------------------------- evidence from other modules

/**
 * Where another module's record (a checklist, a monthly report) stands as evidence of the
 * measure numbered `number` in the plan of `fiscalYear`: the plan and measure (null when the
 * year has no plan or the plan no such measure), the evidence already linking to `href`, and
 * whether the reader may attach it (the measure's update rule).
 */
export interface LinkedEvidenceState {
  planId: number | null;
  measureId: number | null;
  attached: Evidence | null;
  canAttach: boolean;
}

async function measureNumbered(ctx: ServiceContext, fiscalYear: number, number: number) {
  const plan = await getPlanByYear(ctx, fiscalYear);
  if (!plan) return { plan: null, measure: null };
  const measure = (await listMeasures(ctx, plan.id)).find((m) => m.number === number) ?? null;
  return { plan, measure };
}

export async function linkedEvidenceState(
  ctx: ServiceContext,
  fiscalYear: number,
  number: number,
  link: { kind: LinkKind; href: string },
): Promise<LinkedEvidenceState> {
  if (!measuresPolicy.read(ctx.actor)) return { planId: null, measureId: null, attached: null, canAttach: false };
  const { plan, measure } = await measureNumbered(ctx, fiscalYear, number);
  if (!plan || !measure) return { planId: plan?.id ?? null, measureId: null, attached: null, canAttach: false };
  const attached = (await listEvidence(ctx, measure.id)).find((e) => e.linkKind === link.kind && e.linkHref === link.href) ?? null;
  return { planId: plan.id, measureId: measure.id, attached, canAttach: await canUpdate(ctx, measure) };
}

/**
 * Attaches a link to another module's record as evidence of the measure numbered `number` of
 * that year's plan; attaching the same link twice keeps the first. 409 `measures.errors.noPlanOfYear`
 * or `measures.errors.noMeasureNumbered` when there is nothing to attach it to.
 */
export async function attachLinkedEvidence(
  ctx: ServiceContext,
  fiscalYear: number,
  number: number,
  input: { title: string; kind: LinkKind; href: string; isPublic?: boolean },
): Promise<{ evidence: Evidence; measureId: number; created: boolean }> {
  const { plan, measure } = await measureNumbered(ctx, fiscalYear, number);
  if (!plan) throw conflict('measures.errors.noPlanOfYear', { year: fiscalYear });
  if (!measure) throw conflict('measures.errors.noMeasureNumbered', { year: fiscalYear, number });
  const existing = (await listEvidence(ctx, measure.id)).find((e) => e.linkKind === input.kind && e.linkHref === input.href);
  if (existing) return { evidence: existing, measureId: measure.id, created: false };
  const evidence = await attachEvidence(ctx, measure.id, {
    title: input.title,
    isPublic: input.isPublic ?? false,
    link: { kind: input.kind, href: input.href },
  });
  return { evidence, measureId: measure.id, created: true };
}
