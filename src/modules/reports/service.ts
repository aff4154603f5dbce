import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { renderMemoDocx } from '../../core/documents/docx.js';
import { type ImageAsset, type MemoInput, renderMemo } from '../../core/documents/memo.js';
import { AppError, conflict, forbidden, notFound, unauthorized } from '../../core/http/errors.js';
import { isRowId, parseRowId } from '../../core/http/ids.js';
import type { TodoItem } from '../../core/module.js';
import { readFileBytes } from '../../core/storage/files.js';
import type { Organization } from '../../core/tenancy/organization.js';
import { getPlan, listMeasures, listPlans, type MeasureDetail, type Plan } from '../measures/service.js';
import { getOrganization } from '../organization/service.js';
import { currentPublication, measuresReportItem, publish } from '../publications/service.js';
import { formatRegisterNumber, issueNumber } from '../register/service.js';
import { latestCase, type RoutingCase, type RoutingStep, signedComments, submitForRouting } from '../routing/service.js';
import { fullName, getDivision, listPositions, positionTitle, resolveCommandChain, staffOfUser } from '../staff/service.js';
import { checkReport, type ReportWarning } from './check.js';
import {
  type CommentInput,
  defaultAgency,
  defaultBody,
  defaultSubject,
  defaultTableIntro,
  defaultTableTitle,
  type ReportContent,
  type ReportMemo,
  type ReportRow,
  reportMemoInput,
} from './document.js';
import type { MemoForm } from './inputs.js';
import { reportsPolicy } from './policy.js';
import { measureReports, type ReportStatus } from './schema.js';

export type MeasureReport = typeof measureReports.$inferSelect;
/** The routable kind (and audit entity) of a report version. */
const kind = 'measures.report';
export const REPORT_ENTITY = kind;

function requireRead(ctx: ServiceContext) {
  if (!ctx.actor) throw unauthorized();
  if (!reportsPolicy.read(ctx.actor)) throw forbidden();
}

function allowedCoordinate(ctx: ServiceContext) {
  return reportsPolicy.coordinate(ctx.actor);
}

export function reportHref(id: number): string {
  return `/staff/reports/${id}`;
}

/** Statuses whose content is frozen: nothing of the document changes any more. */
export const FROZEN: readonly ReportStatus[] = ['routing', 'returned', 'signed', 'published', 'superseded'];

export function isEditable(r: Pick<MeasureReport, 'status'>): boolean {
  return r.status === 'draft';
}

// ---------- reads ----------

export async function getReport(ctx: ServiceContext, id: number): Promise<MeasureReport> {
  requireRead(ctx);
  return loadReport(ctx, id);
}

/**
 * A version without the reports policy: only for a caller that has authorized the reader
 * another way — the routing page, whose reader takes part in the version's case (a reviewer
 * on the chain may hold no role that reads reports in general).
 */
export async function loadReport(ctx: ServiceContext, id: number): Promise<MeasureReport> {
  if (!ctx.actor) throw unauthorized();
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(measureReports)
    .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, id)));
  if (!row) throw notFound();
  return row;
}

/** The versions of a plan's report, newest first. */
export async function listVersions(ctx: ServiceContext, planId: number): Promise<MeasureReport[]> {
  requireRead(ctx);
  return dbOf(ctx)
    .select()
    .from(measureReports)
    .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.planId, planId)))
    .orderBy(desc(measureReports.version));
}

export interface PlanReports {
  plan: Plan;
  versions: MeasureReport[];
}

/** Every plan with its report versions (newest plan first, newest version first). */
export async function listPlanReports(ctx: ServiceContext): Promise<PlanReports[]> {
  requireRead(ctx);
  const plans = await listPlans(ctx);
  if (plans.length === 0) return [];
  const rows = await dbOf(ctx)
    .select()
    .from(measureReports)
    .where(
      and(
        eq(measureReports.orgId, ctx.orgId),
        inArray(
          measureReports.planId,
          plans.map((p) => p.id),
        ),
      ),
    )
    .orderBy(desc(measureReports.version));
  return plans.map((plan) => ({ plan, versions: rows.filter((r) => r.planId === plan.id) }));
}

/** The table rows from the plan's measures as they are now. */
export function rowsFromMeasures(list: readonly MeasureDetail[]): ReportRow[] {
  return list.map((m) => ({
    number: m.number,
    title: m.title,
    titleDetails: m.titleDetails ?? [],
    methods: m.methods ?? [],
    responsible: m.responsibleText || m.divisions.map((d) => d.name).join(' '),
    results: m.resultsSummary ?? [],
    outcome: m.outcome ?? '',
    startsOn: m.startsOn ?? null,
    endsOn: m.endsOn ?? null,
  }));
}

export function memoOf(r: Pick<MeasureReport, 'memo'>): ReportMemo {
  return r.memo as unknown as ReportMemo;
}

export function contentOf(r: Pick<MeasureReport, 'content'>): ReportContent | null {
  return (r.content as unknown as ReportContent | null) ?? null;
}

/** The document of a version: frozen content once submitted, else the memo fields and the live measures. */
export async function documentOf(
  ctx: ServiceContext,
  r: MeasureReport,
): Promise<{ fiscalYear: number; memo: ReportMemo; rows: ReportRow[]; reference: string; date: Date | null }> {
  const content = contentOf(r);
  if (content)
    return {
      fiscalYear: content.fiscalYear,
      memo: content.memo,
      rows: content.rows,
      reference: content.reference,
      date: new Date(content.date),
    };
  const plan = await getPlan(ctx, r.planId);
  return {
    fiscalYear: plan.fiscalYear,
    memo: memoOf(r),
    rows: rowsFromMeasures(await listMeasures(ctx, r.planId)),
    reference: '',
    date: null,
  };
}

/** The routing case of a version, with its steps (the comments in the document). */
export async function caseOf(ctx: ServiceContext, r: MeasureReport): Promise<{ case: RoutingCase; steps: RoutingStep[] } | null> {
  if (!contentOf(r)) return null;
  return latestCase(ctx, REPORT_ENTITY, r.id);
}

function toCommentInputs(steps: readonly RoutingStep[]): CommentInput[] {
  return signedComments(steps).map((s) => ({
    heading: s.heading,
    text: s.text,
    signatureName: s.signatureName,
    name: s.name,
    positions: s.positions,
    signedAt: s.signedAt,
  }));
}

const IMAGE_TYPES: Record<string, ImageAsset['type']> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** The organization's uploaded emblem (its Garuda) as a memo image, or undefined (pre-printed paper). */
export async function organizationGaruda(ctx: ServiceContext, org: Organization): Promise<ImageAsset | undefined> {
  if (!org.logoFileId) return undefined;
  try {
    const { file, bytes } = await readFileBytes(ctx, org.logoFileId);
    const type = IMAGE_TYPES[file.mime];
    return type ? { bytes, type } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The MemoInput of a version: the memo fields, the rows, the register number as ที่, the date,
 * the signed routing comments (typed-name marks with dates) and the organization's Garuda.
 */
export async function buildReportMemo(ctx: ServiceContext, r: MeasureReport, steps?: readonly RoutingStep[]): Promise<MemoInput> {
  const doc = await documentOf(ctx, r);
  const org = await getOrganization(ctx);
  const routed = steps ?? (await caseOf(ctx, r))?.steps ?? [];
  return reportMemoInput({
    memo: doc.memo,
    rows: doc.rows,
    reference: doc.reference,
    date: doc.date ?? undefined,
    comments: toCommentInputs(routed),
    garuda: await organizationGaruda(ctx, org),
  });
}

/** The consistency warnings of a version (of its frozen content once submitted). */
export async function checkReportVersion(ctx: ServiceContext, r: MeasureReport): Promise<ReportWarning[]> {
  const doc = await documentOf(ctx, r);
  return checkReport({ org: await getOrganization(ctx), fiscalYear: doc.fiscalYear, memo: doc.memo, rows: doc.rows });
}

export type RenderFormat = 'pdf' | 'docx' | 'html';

export function reportFileName(fiscalYear: number, version: number, format: 'pdf' | 'docx'): string {
  return `ita-measures-report-${fiscalYear}-v${version}.${format}`;
}

/** The version as PDF or DOCX bytes. */
export async function renderReportFile(
  ctx: ServiceContext,
  id: number,
  format: 'pdf' | 'docx',
): Promise<{ bytes: Uint8Array; fileName: string; contentType: string }> {
  const r = await getReport(ctx, id);
  const input = await buildReportMemo(ctx, r);
  const doc = await documentOf(ctx, r);
  const bytes = format === 'pdf' ? await renderMemo(input) : await renderMemoDocx(input);
  return {
    bytes,
    fileName: reportFileName(doc.fiscalYear, r.version, format),
    contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
}

// ---------- memo defaults ----------

/** The memo fields a new report starts with: the coordinator as author, the chain's last position as addressee. */
export async function defaultMemo(ctx: ServiceContext, fiscalYear: number): Promise<ReportMemo> {
  const org = await getOrganization(ctx);
  const me = ctx.actor?.userId ? await staffOfUser(ctx, ctx.actor.userId) : null;
  const division = me?.divisionId ? await getDivision(ctx, me.divisionId).catch(() => null) : null;
  const positions = await listPositions(ctx);
  const own = me?.positionId ? positions.find((p) => p.id === me.positionId) : undefined;
  const chain = await resolveCommandChain(ctx);
  const last = chain.at(-1);
  return {
    agency: defaultAgency(org, division?.name ?? null),
    subject: defaultSubject(fiscalYear),
    to: last ? positionTitle(last.position, org.name, org.names.typeFull) : org.names.mayor,
    body: defaultBody(org, fiscalYear, division?.name ?? null),
    authorStaffId: me?.id ?? null,
    signerName: me ? fullName(me) : (ctx.actor?.displayName ?? ''),
    signerPositions: own ? [positionTitle(own, org.name, org.names.typeFull)] : [],
    tableTitle: defaultTableTitle(org, fiscalYear),
    tableIntro: defaultTableIntro(org, fiscalYear),
  };
}

// ---------- commands ----------

/**
 * The draft to work on for a plan: the existing draft, or a new version (v1 from the defaults;
 * later versions copy the latest version's memo fields). Refused while a version is routing.
 */
export async function startVersion(ctx: ServiceContext, planId: number): Promise<MeasureReport> {
  return runCommand(ctx, { action: 'reports.startVersion', allowed: allowedCoordinate(ctx) }, async (tx, _tools, txCtx) => {
    const plan = await getPlan(txCtx, planId);
    const [latest] = await tx
      .select()
      .from(measureReports)
      .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.planId, plan.id)))
      .orderBy(desc(measureReports.version))
      .limit(1)
      .for('update');
    if (latest?.status === 'draft')
      return {
        result: latest,
        entity: REPORT_ENTITY,
        entityId: latest.id,
        summary: `เปิดร่างรายงานผลมาตรการ ปี ${plan.fiscalYear} ฉบับที่ ${latest.version}`,
      };
    if (latest?.status === 'routing') throw conflict('reports.errors.routing');
    const memo = latest ? (contentOf(latest)?.memo ?? memoOf(latest)) : await defaultMemo(txCtx, plan.fiscalYear);
    const [agg] = await tx
      .select({ v: max(measureReports.version) })
      .from(measureReports)
      .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.planId, plan.id)));
    const version = (agg?.v ?? 0) + 1;
    const now = ctx.app.now();
    const [row] = await tx
      .insert(measureReports)
      .values({
        orgId: ctx.orgId,
        planId: plan.id,
        version,
        status: 'draft',
        memo: memo as unknown as Record<string, unknown>,
        createdBy: ctx.actor?.userId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('report version not written');
    return {
      result: row,
      entity: REPORT_ENTITY,
      entityId: row.id,
      summary: `เริ่มรายงานผลการดำเนินการตามมาตรการ ปีงบประมาณ ${plan.fiscalYear} ฉบับที่ ${version}`,
      data: { planId: plan.id, version, from: latest?.id ?? null },
    };
  });
}

/** Saves the memo fields of a draft; `rev` must be the one the editor read. */
export async function updateMemo(ctx: ServiceContext, id: number, input: MemoForm): Promise<MeasureReport> {
  return runCommand(ctx, { action: 'reports.updateMemo', allowed: allowedCoordinate(ctx) }, async (tx) => {
    const [row] = await tx
      .select()
      .from(measureReports)
      .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, id)))
      .for('update');
    if (!row) throw notFound();
    if (!isEditable(row)) throw conflict('reports.errors.notEditable');
    if (row.rev !== input.rev) throw conflict('reports.errors.stale');
    const old = memoOf(row);
    const memo: ReportMemo = {
      agency: input.agency,
      subject: input.subject,
      to: input.to,
      body: input.body,
      authorStaffId: old.authorStaffId ?? null,
      signerName: input.signerName,
      signerPositions: input.signerPositions,
      tableTitle: input.tableTitle,
      tableIntro: input.tableIntro ?? '',
    };
    const changed = (Object.keys(memo) as (keyof ReportMemo)[]).filter((k) => JSON.stringify(memo[k]) !== JSON.stringify(old[k]));
    const [updated] = await tx
      .update(measureReports)
      .set({ memo: memo as unknown as Record<string, unknown>, rev: row.rev + 1, updatedAt: ctx.app.now() })
      .where(
        and(
          eq(measureReports.orgId, ctx.orgId),
          eq(measureReports.id, id),
          eq(measureReports.rev, input.rev),
          eq(measureReports.status, 'draft'),
        ),
      )
      .returning();
    if (!updated) throw conflict('reports.errors.stale');
    return {
      result: updated,
      entity: REPORT_ENTITY,
      entityId: id,
      summary: `แก้ไขบันทึกข้อความรายงานผลมาตรการ ฉบับที่ ${row.version}`,
      data: { changed },
    };
  });
}

/** Sends a draft up the chain (routing.submit; the freezing happens in `prepare`). */
export async function submitReport(ctx: ServiceContext, id: number): Promise<RoutingCase> {
  if (!ctx.actor) throw unauthorized();
  if (!allowedCoordinate(ctx)) throw forbidden();
  await getReport(ctx, id);
  return submitForRouting(ctx, REPORT_ENTITY, id);
}

/**
 * Inside the submit transaction: freezes the draft — the full document data with its rows —
 * takes a register number for its ที่ and sets the status to 'routing'.
 */
export async function prepareReport(tx: Db, ctx: ServiceContext, entityId: string): Promise<{ title: string; href: string }> {
  if (!ctx.actor) throw unauthorized();
  if (!allowedCoordinate(ctx)) throw forbidden();
  const txCtx: ServiceContext = { ...ctx, tx };
  // Only the id as this module writes it: "1e1" or "012" would name the report yet not match its routing case.
  const id = parseRowId(entityId);
  if (id === null) throw notFound();
  const [row] = await tx
    .select()
    .from(measureReports)
    .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, id)))
    .for('update');
  if (!row) throw notFound();
  if (row.status !== 'draft') throw conflict('reports.errors.notDraft');
  const plan = await getPlan(txCtx, row.planId);
  const rows = rowsFromMeasures(await listMeasures(txCtx, row.planId));
  if (rows.length === 0) throw new AppError(422, 'no_measures', 'reports.errors.noMeasures');
  const org = await getOrganization(txCtx);
  const memo = memoOf(row);
  const date = ctx.app.now();
  const author = ctx.actor.userId ? await staffOfUser(txCtx, ctx.actor.userId) : null;
  const entry = await issueNumber(tx, txCtx, {
    series: '',
    documentDate: date,
    subject: memo.subject,
    recipient: memo.to,
    divisionId: author?.divisionId ?? null,
    entity: REPORT_ENTITY,
    entityId: id,
  });
  const content: ReportContent = {
    fiscalYear: plan.fiscalYear,
    memo,
    rows,
    reference: formatRegisterNumber(org.docCode, '', entry.number, 'thai'),
    date: date.toISOString(),
  };
  await tx
    .update(measureReports)
    .set({
      status: 'routing',
      content: content as unknown as Record<string, unknown>,
      registerEntryId: entry.id,
      submittedAt: date,
      rev: row.rev + 1,
      updatedAt: date,
    })
    .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, id)));
  return { title: memo.subject, href: reportHref(id) };
}

async function setStatusFromCase(tx: Db, ctx: ServiceContext, c: RoutingCase, to: ReportStatus) {
  const id = parseRowId(c.entityId);
  if (id === null) return;
  const now = ctx.app.now();
  await tx
    .update(measureReports)
    .set({ status: to, updatedAt: now, ...(to === 'signed' ? { signedAt: now } : {}) })
    .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, id), eq(measureReports.status, 'routing')));
}

export const onReportCompleted = (tx: Db, ctx: ServiceContext, c: RoutingCase) => setStatusFromCase(tx, ctx, c, 'signed');
export const onReportReturned = (tx: Db, ctx: ServiceContext, c: RoutingCase) => setStatusFromCase(tx, ctx, c, 'returned');

/**
 * Publishes a signed version: the final PDF (with the comment blocks) is rendered first, outside
 * the transaction; the command then stores it as a publication under the year's OIT item and
 * marks the version published. An earlier published version of the plan is superseded, with
 * the coordinator's reason.
 */
export async function publishReport(ctx: ServiceContext, id: number, input: { reason?: string }): Promise<MeasureReport> {
  if (!ctx.actor) throw unauthorized();
  if (!allowedCoordinate(ctx)) throw forbidden();
  const r = await getReport(ctx, id);
  if (r.status !== 'signed') throw conflict('reports.errors.notSigned');
  const content = contentOf(r);
  if (!content) throw conflict('reports.errors.notSigned');
  const pdf = await renderMemo(await buildReportMemo(ctx, r));
  return runCommand(ctx, { action: 'reports.publish', allowed: allowedCoordinate(ctx) }, async (tx, _tools, txCtx) => {
    const [row] = await tx
      .select()
      .from(measureReports)
      .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, id)))
      .for('update');
    if (!row) throw notFound();
    // Signed again in between? The rendered PDF is of the row we read; refuse anything else.
    if (row.status !== 'signed' || row.rev !== r.rev) throw conflict('reports.errors.notSigned');
    const [previous] = await tx
      .select()
      .from(measureReports)
      .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.planId, row.planId), eq(measureReports.status, 'published')))
      .orderBy(desc(measureReports.version))
      .limit(1)
      .for('update');
    const reason = input.reason?.trim() ?? '';
    // What the new version replaces on the public page: the previous version's publication, or
    // the correction that has since superseded it on the publication log.
    const replaced = previous?.publicationId ? await currentPublication(txCtx, previous.publicationId) : null;
    if (replaced && !reason) {
      throw new AppError(422, 'validation_failed', 'core.errors.validation', {}, [
        { field: 'reason', label: 'reports.fields.reason', message: 'reports.errors.reasonRequired' },
      ]);
    }
    const publication = await publish(tx, txCtx, {
      fiscalYear: content.fiscalYear,
      itemCode: measuresReportItem(content.fiscalYear),
      title: content.memo.subject,
      bytes: pdf,
      fileName: reportFileName(content.fiscalYear, row.version, 'pdf'),
      source: { entity: REPORT_ENTITY, id: row.id },
      ...(replaced ? { supersedes: { id: replaced.id, reason } } : {}),
    });
    const now = ctx.app.now();
    if (previous) {
      await tx
        .update(measureReports)
        .set({ status: 'superseded', updatedAt: now })
        .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, previous.id)));
    }
    const [updated] = await tx
      .update(measureReports)
      .set({ status: 'published', publicationId: publication.id, rev: row.rev + 1, updatedAt: now })
      .where(and(eq(measureReports.orgId, ctx.orgId), eq(measureReports.id, id)))
      .returning();
    if (!updated) throw new Error('report not updated');
    return {
      result: updated,
      entity: REPORT_ENTITY,
      entityId: id,
      summary: `เผยแพร่รายงานผลการดำเนินการตามมาตรการ ปีงบประมาณ ${content.fiscalYear} ฉบับที่ ${row.version} (sha256 ${publication.sha256.slice(0, 12)}…)`,
      data: { publicationId: publication.id, supersedes: previous?.id ?? null, reason: reason || null },
    };
  });
}

// ---------- what waits for the coordinator ----------

export async function reportsTodo(ctx: ServiceContext): Promise<TodoItem[]> {
  if (!allowedCoordinate(ctx)) return [];
  const rows = await dbOf(ctx)
    .select({ r: measureReports })
    .from(measureReports)
    .where(and(eq(measureReports.orgId, ctx.orgId), inArray(measureReports.status, ['signed', 'returned', 'draft'])))
    .orderBy(asc(measureReports.planId), desc(measureReports.version));
  const out: TodoItem[] = [];
  const seenPlan = new Set<number>();
  // Only the newest version of each plan counts: a returned v1 with a draft v2 is handled.
  const all = await dbOf(ctx)
    .select({ planId: measureReports.planId, v: max(measureReports.version) })
    .from(measureReports)
    .where(eq(measureReports.orgId, ctx.orgId))
    .groupBy(measureReports.planId);
  const newest = new Map(all.map((a) => [a.planId, a.v ?? 0]));
  for (const { r } of rows) {
    if (seenPlan.has(r.planId) || newest.get(r.planId) !== r.version) continue;
    seenPlan.add(r.planId);
    if (r.status === 'signed')
      out.push({ label: 'reports.todo.publish', params: { version: r.version }, href: reportHref(r.id), tone: 'warning' });
    if (r.status === 'returned')
      out.push({ label: 'reports.todo.returned', params: { version: r.version }, href: reportHref(r.id), tone: 'danger' });
  }
  return out;
}
