import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import { conflict, ensureAllowed, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { translator } from '../../core/i18n/i18n.js';
import { readFileBytes, saveFile } from '../../core/storage/files.js';
import { bangkokIsoDay, thaiMonthName, toBuddhistYear } from '../../core/thai/index.js';
import { oitItemForTopic } from '../publications/oit-items.js';
import { livePublications, publish } from '../publications/service.js';
import { buildAnnualReport, renderAnnualPdf, renderAnnualXlsx } from './annual.js';
import { isFiscalYear, isMonthKey, monthBounds } from './list.js';
import { buildMonthlySummary, fiscalMonthKeys } from './monthly.js';
import { monthlyFileName, renderMonthlyPdf } from './monthly-pdf.js';
import { renderMonthlyXlsx } from './monthly-xlsx.js';
import { procurementPolicy } from './policy.js';
import { buildQuarterSummary, isQuarter, renderQuarterPdf } from './quarterly.js';
import { type ProcurementAnalysis, type ProcurementReportKind, procurementReports } from './schema.js';

/**
 * Producing and publishing the procurement reports: a produced report (procurement_reports) keeps
 * its PDF (and XLSX) and the totals it showed; publishing puts the PDF in the publication log
 * under the OIT item of procurement-monthly (monthly, quarterly) or procurement-annual; a new
 * version of a published report supersedes the old one with a reason.
 */

export type ProcurementReport = typeof procurementReports.$inferSelect;

export const ANALYSIS_MAX = 5000;
export const REASON_MAX = 2000;

export interface ReportPeriodRef {
  fiscalYear: number;
  kind: ProcurementReportKind;
  /** monthly 'YYYY-MM', quarterly '1'–'4', annual ''. */
  period: string;
}

/** Is the period one of the year's, and over (its last day before today, Bangkok)? */
export function checkPeriod(ctx: ServiceContext, ref: ReportPeriodRef): void {
  const bad = () => new ValidationError([{ field: 'period', message: 'procurement.report.errors.period' }]);
  if (!isFiscalYear(ref.fiscalYear)) throw bad();
  const months = fiscalMonthKeys(ref.fiscalYear);
  let lastMonth: string;
  if (ref.kind === 'monthly') {
    if (!isMonthKey(ref.period) || !months.includes(ref.period)) throw bad();
    lastMonth = ref.period;
  } else if (ref.kind === 'quarterly') {
    const q = Number(ref.period);
    if (!isQuarter(q) || ref.period !== String(q)) throw bad();
    lastMonth = months[q * 3 - 1] as string;
  } else if (ref.kind === 'annual') {
    if (ref.period !== '') throw bad();
    lastMonth = months[11] as string;
  } else throw bad();
  const today = bangkokIsoDay(ctx.app.now());
  if (monthBounds(lastMonth).until > today) {
    throw new ValidationError([{ field: 'period', message: 'procurement.report.errors.notEnded' }]);
  }
}

/** The report's name in Thai (titles in the publication log, the audit). */
export function reportLabel(ctx: ServiceContext, ref: ReportPeriodRef): string {
  const t = translator(ctx.app.catalogs, 'th');
  if (ref.kind === 'monthly') {
    const m = Number(ref.period.slice(5, 7));
    return t('procurement.monthly.label', { month: `${thaiMonthName(m)} ${toBuddhistYear(Number(ref.period.slice(0, 4)))}` });
  }
  if (ref.kind === 'quarterly') return t('procurement.quarterly.label', { quarter: ref.period, year: ref.fiscalYear });
  return t('procurement.annual.label', { year: ref.fiscalYear });
}

function cleanText(field: 'problems' | 'improvements', v: string | undefined): string {
  const s = (v ?? '').replace(/\r\n/g, '\n').trim();
  if (s.length > ANALYSIS_MAX) {
    throw new ValidationError([
      {
        field,
        label: `procurement.report.fields.${field}`,
        message: 'procurement.report.errors.textTooLong',
        params: { max: ANALYSIS_MAX },
      },
    ]);
  }
  return s;
}

/** Builds the documents of a period: PDF and (monthly, annual) XLSX, with the totals they show. */
export async function renderReport(ctx: ServiceContext, ref: ReportPeriodRef, analysis?: ProcurementAnalysis) {
  if (ref.kind === 'monthly') {
    const s = await buildMonthlySummary(ctx, ref.fiscalYear, ref.period);
    const [pdf, xlsx] = [await renderMonthlyPdf(ctx, s), await renderMonthlyXlsx(ctx, s)];
    return {
      pdf,
      xlsx: xlsx as Uint8Array | null,
      name: monthlyFileName(ref.period, 'pdf').replace(/\.pdf$/, ''),
      totals: { count: s.totals.count, budgetSatang: s.totals.budgetSatang, agreedSatang: s.totals.agreedSatang },
    };
  }
  if (ref.kind === 'quarterly') {
    const s = await buildQuarterSummary(ctx, ref.fiscalYear, Number(ref.period));
    return {
      pdf: await renderQuarterPdf(ctx, s),
      xlsx: null,
      name: `procurement-winners-${ref.fiscalYear}-q${ref.period}`,
      totals: { count: s.totals.count, budgetSatang: s.totals.budgetSatang, agreedSatang: s.totals.amountSatang },
    };
  }
  const r = await buildAnnualReport(ctx, ref.fiscalYear, analysis);
  return {
    pdf: await renderAnnualPdf(ctx, r),
    xlsx: (await renderAnnualXlsx(ctx, r)) as Uint8Array,
    name: `procurement-annual-${ref.fiscalYear}`,
    totals: { count: r.total.count, budgetSatang: r.total.budgetSatang, agreedSatang: r.total.agreedSatang },
  };
}

/**
 * Produces a report (runCommand 'procurement.produceReport'): the documents are rendered from the
 * register now (totals checked), stored, and kept as a new procurement_reports row to preview
 * and publish. The annual report takes the officer's problems and improvements.
 */
export async function produceReport(
  ctx: ServiceContext,
  ref: ReportPeriodRef,
  input: { problems?: string; improvements?: string } = {},
): Promise<ProcurementReport> {
  ensureAllowed(procurementPolicy.publish(ctx.actor), !!ctx.actor);
  checkPeriod(ctx, ref);
  const analysis =
    ref.kind === 'annual'
      ? { problems: cleanText('problems', input.problems), improvements: cleanText('improvements', input.improvements) }
      : null;
  const label = reportLabel(ctx, ref);
  return runCommand(
    ctx,
    { action: 'procurement.produceReport', allowed: procurementPolicy.publish(ctx.actor) },
    async (tx, _tools, txCtx) => {
      const doc = await renderReport(txCtx, ref, analysis ?? undefined);
      const pdf = await saveFile(txCtx, { bytes: doc.pdf, name: `${doc.name}.pdf`, kinds: ['pdf'] });
      const xlsx = doc.xlsx ? await saveFile(txCtx, { bytes: doc.xlsx, name: `${doc.name}.xlsx`, kinds: ['office'] }) : null;
      const [row] = await tx
        .insert(procurementReports)
        .values({
          orgId: ctx.orgId,
          fiscalYear: ref.fiscalYear,
          kind: ref.kind,
          period: ref.period,
          totals: doc.totals,
          analysis,
          fileId: pdf.id,
          xlsxFileId: xlsx?.id ?? null,
          createdBy: ctx.actor?.userId || null,
          createdAt: ctx.app.now(),
        })
        .returning();
      if (!row) throw new Error('report row not created');
      return {
        result: row,
        entity: 'procurement_report',
        entityId: row.id,
        summary: translator(ctx.app.catalogs, 'th')('procurement.report.audit.produce', { label }),
        data: { fiscalYear: ref.fiscalYear, kind: ref.kind, period: ref.period, totals: doc.totals },
      };
    },
  );
}

async function findReport(ctx: ServiceContext, id: number): Promise<ProcurementReport> {
  if (!isRowId(id)) throw notFound();
  const [row] = await dbOf(ctx)
    .select()
    .from(procurementReports)
    .where(and(eq(procurementReports.orgId, ctx.orgId), eq(procurementReports.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function getReport(ctx: ServiceContext, id: number): Promise<ProcurementReport> {
  ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
  return findReport(ctx, id);
}

/** The live (not superseded, not withdrawn) publication of the same period, if any. */
async function livePublicationOf(ctx: ServiceContext, ref: ReportPeriodRef): Promise<{ reportId: number; publicationId: number } | null> {
  const rows = await dbOf(ctx)
    .select({ reportId: procurementReports.id, publicationId: procurementReports.publicationId })
    .from(procurementReports)
    .where(
      and(
        eq(procurementReports.orgId, ctx.orgId),
        eq(procurementReports.fiscalYear, ref.fiscalYear),
        eq(procurementReports.kind, ref.kind),
        eq(procurementReports.period, ref.period),
        isNotNull(procurementReports.publicationId),
      ),
    )
    .orderBy(desc(procurementReports.id));
  const live = await livePublications(
    ctx,
    rows.map((r) => r.publicationId as number),
  );
  const r = rows.find((x) => x.publicationId != null && live.has(x.publicationId));
  return r?.publicationId != null ? { reportId: r.reportId, publicationId: r.publicationId } : null;
}

/**
 * Publishes a produced report (runCommand 'procurement.publishReport') in the publication log
 * (topic procurement-monthly or procurement-annual of the year's OIT list); when the period has a
 * published version already, the new one supersedes it and needs the reason.
 */
export async function publishReport(ctx: ServiceContext, id: number, input: { reason?: string } = {}): Promise<ProcurementReport> {
  ensureAllowed(procurementPolicy.publish(ctx.actor), !!ctx.actor);
  const report = await findReport(ctx, id);
  if (report.publicationId != null) throw conflict('procurement.report.errors.alreadyPublished');
  const ref = { fiscalYear: report.fiscalYear, kind: report.kind, period: report.period };
  const topic = report.kind === 'annual' ? 'procurement-annual' : 'procurement-monthly';
  const itemCode = oitItemForTopic(report.fiscalYear, topic);
  if (!itemCode) {
    throw new ValidationError([{ field: 'period', message: 'procurement.report.errors.noItem', params: { year: report.fiscalYear } }]);
  }
  const live = await livePublicationOf(ctx, ref);
  const reason = (input.reason ?? '').trim();
  if (live && !reason) {
    throw new ValidationError([
      { field: 'reason', label: 'procurement.report.fields.reason', message: 'procurement.report.errors.reasonRequired' },
    ]);
  }
  if (reason.length > REASON_MAX) {
    throw new ValidationError([
      {
        field: 'reason',
        label: 'procurement.report.fields.reason',
        message: 'procurement.report.errors.textTooLong',
        params: { max: REASON_MAX },
      },
    ]);
  }
  const label = reportLabel(ctx, ref);
  return runCommand(
    ctx,
    { action: 'procurement.publishReport', allowed: procurementPolicy.publish(ctx.actor) },
    async (tx, _tools, txCtx) => {
      const { bytes, file } = await readFileBytes(txCtx, report.fileId);
      const pub = await publish(tx, txCtx, {
        kind: 'document',
        fiscalYear: report.fiscalYear,
        itemCode,
        title: label,
        bytes,
        fileName: file.name,
        source: { entity: 'procurement_report', id: report.id },
        supersedes: live ? { id: live.publicationId, reason } : undefined,
        allowedBy: 'procurement: procurementPolicy.publish (procurement reports)',
      });
      const [row] = await tx
        .update(procurementReports)
        .set({ publicationId: pub.id })
        .where(and(eq(procurementReports.orgId, ctx.orgId), eq(procurementReports.id, report.id), isNull(procurementReports.publicationId)))
        .returning();
      if (!row) throw conflict('procurement.report.errors.alreadyPublished');
      return {
        result: row,
        entity: 'procurement_report',
        entityId: row.id,
        summary: translator(ctx.app.catalogs, 'th')('procurement.report.audit.publish', { label }),
        data: { publicationId: pub.id, supersedes: live?.publicationId ?? null, itemCode },
      };
    },
  );
}

/** Every produced report of a year (staff), oldest first within each period. */
export async function listReports(ctx: ServiceContext, fiscalYear: number): Promise<ProcurementReport[]> {
  ensureAllowed(procurementPolicy.read(ctx.actor), !!ctx.actor);
  if (!isFiscalYear(fiscalYear)) throw notFound();
  return dbOf(ctx)
    .select()
    .from(procurementReports)
    .where(and(eq(procurementReports.orgId, ctx.orgId), eq(procurementReports.fiscalYear, fiscalYear)))
    .orderBy(asc(procurementReports.kind), asc(procurementReports.period), asc(procurementReports.id));
}

export interface PublishedReport {
  report: ProcurementReport;
  publicationId: number;
  publishedAt: Date;
  title: string;
}

/** The live published reports of a year (public): the current version of each period. */
export async function publishedReports(ctx: ServiceContext, fiscalYear: number): Promise<PublishedReport[]> {
  if (!isFiscalYear(fiscalYear)) return [];
  const rows = await dbOf(ctx)
    .select()
    .from(procurementReports)
    .where(
      and(
        eq(procurementReports.orgId, ctx.orgId),
        eq(procurementReports.fiscalYear, fiscalYear),
        isNotNull(procurementReports.publicationId),
      ),
    )
    .orderBy(asc(procurementReports.kind), asc(procurementReports.period));
  const live = await livePublications(
    ctx,
    rows.map((r) => r.publicationId as number),
  );
  const now = ctx.app.now().getTime();
  const out: PublishedReport[] = [];
  for (const report of rows) {
    const p = report.publicationId == null ? undefined : live.get(report.publicationId);
    if (p && p.publishedAt.getTime() <= now) out.push({ report, publicationId: p.id, publishedAt: p.publishedAt, title: p.title });
  }
  return out;
}

/** Fiscal years with a published report, newest first. */
export async function reportYears(ctx: ServiceContext): Promise<number[]> {
  const rows = await dbOf(ctx)
    .selectDistinct({ fy: procurementReports.fiscalYear })
    .from(procurementReports)
    .where(and(eq(procurementReports.orgId, ctx.orgId), isNotNull(procurementReports.publicationId)))
    .orderBy(desc(procurementReports.fiscalYear));
  return rows.map((r) => r.fy);
}

/** The XLSX of a published report (public) — the PDF is served by the publication log. */
export async function publishedXlsx(ctx: ServiceContext, id: number): Promise<{ bytes: Buffer; name: string; type: string }> {
  const report = await findReport(ctx, id);
  if (report.publicationId == null || report.xlsxFileId == null) throw notFound();
  const live = await publishedReports(ctx, report.fiscalYear);
  if (!live.some((r) => r.report.id === report.id)) throw notFound();
  const { bytes, file } = await readFileBytes(ctx, report.xlsxFileId);
  return { bytes, name: file.name, type: XLSX_TYPE };
}

/** A produced report's file for staff preview. */
export async function reportFile(
  ctx: ServiceContext,
  id: number,
  format: 'pdf' | 'xlsx',
): Promise<{ bytes: Buffer; name: string; type: string }> {
  const report = await getReport(ctx, id);
  const fileId = format === 'pdf' ? report.fileId : report.xlsxFileId;
  if (fileId == null) throw notFound();
  const { bytes, file } = await readFileBytes(ctx, fileId);
  return { bytes, name: file.name, type: format === 'pdf' ? 'application/pdf' : XLSX_TYPE };
}

/** Published monthly periods of a year (the procurement-monthly dataset). */
export async function publishedMonths(ctx: ServiceContext): Promise<string[]> {
  const rows = await dbOf(ctx)
    .selectDistinct({ period: procurementReports.period })
    .from(procurementReports)
    .where(
      and(eq(procurementReports.orgId, ctx.orgId), eq(procurementReports.kind, 'monthly'), isNotNull(procurementReports.publicationId)),
    )
    .orderBy(desc(procurementReports.period));
  return rows.map((r) => r.period);
}
