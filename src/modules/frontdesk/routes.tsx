import type { Hono } from 'hono';
import { XLSX_TYPE } from '../../core/documents/xlsx.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, ValidationError } from '../../core/http/errors.js';
import { type FormValues, formValue, readForm } from '../../core/http/forms.js';
import { parseRowId } from '../../core/http/ids.js';
import { translator } from '../../core/i18n/i18n.js';
import { bangkokDate, bangkokIsoDay, fiscalYearOf, formatThaiMonthYear, parseIsoDay } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { attachLinkedEvidence, type LinkedEvidenceState, linkedEvidenceState } from '../measures/service.js';
import { listPriorityGroups, listServices } from '../queue/service.js';
import { parsePeriod } from '../queue/stats-routes.js';
import { listDivisions } from '../staff/service.js';
import { FRONTDESK_MEASURE_NUMBER, frontdeskPolicy } from './policy.js';
import { frontdeskReport } from './report.js';
import { renderFrontdeskPdf, renderFrontdeskXlsx, reportFileName } from './report-pdf.js';
import type { HelpKind, VisitChannel, VisitOutcome } from './schema.js';
import {
  addScreeningNote,
  getFrontdeskSettings,
  listScreeningNotes,
  listVisits,
  logVisit,
  updateFrontdeskSettings,
  type VisitInput,
} from './service.js';
import { FrontdeskLogPage, OutOfHoursPage, type VisitFormProps, type VisitFormValues } from './views/log.js';
import { ReportPage } from './views/report.js';
import { ScreeningPage, SettingsPage } from './views/screening.js';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const shiftDay = (day: string, by: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
};

function formValues(values: FormValues): VisitFormValues {
  const help = values.help;
  return {
    purpose: formValue(values, 'purpose'),
    channel: formValue(values, 'channel'),
    help: Array.isArray(help) ? help.filter(Boolean) : [],
    dest: formValue(values, 'dest'),
    priorityGroupId: formValue(values, 'priorityGroupId'),
    note: formValue(values, 'note'),
    visitorName: formValue(values, 'visitorName'),
    visitorPhone: formValue(values, 'visitorPhone'),
    date: formValue(values, 'date'),
    time: formValue(values, 'time'),
  };
}

/**
 * The form's one "outcome" choice into the service's fields: finish here, a ticket for a
 * service (svc:<id>), a division (div:<id>), follow up or referred out.
 */
function destInput(v: VisitFormValues): Pick<VisitInput, 'outcome' | 'routedDivisionId' | 'issueTicket'> | FieldError {
  const dest = v.dest || 'resolved';
  const bad: FieldError = { field: 'dest', label: 'frontdesk.fields.dest', message: 'core.validation.choose' };
  if (dest === 'resolved' || dest === 'follow_up' || dest === 'referred_out') return { outcome: dest };
  const [kind, raw] = dest.split(':');
  const id = parseRowId(raw);
  if (id === null) return bad;
  if (kind === 'div') return { outcome: 'routed', routedDivisionId: id };
  if (kind === 'svc') {
    const g = v.priorityGroupId && v.priorityGroupId !== 'general' ? parseRowId(v.priorityGroupId) : null;
    return { outcome: 'queued', issueTicket: { serviceId: id, priorityGroupId: g } };
  }
  return bad;
}

/** Errors of the service's fields shown where the form asks for them. */
const FORM_FIELD: Record<string, string> = {
  outcome: 'dest',
  routedDivisionId: 'dest',
  issueTicket: 'dest',
  serviceId: 'dest',
  visitedAt: 'time',
};
const onForm = (errors: FieldError[]) => errors.map((e) => ({ ...e, field: FORM_FIELD[e.field] ?? e.field }));

function refusalText(c: AppContext, e: AppError): string {
  return c.get('t')(e.messageKey, e.params);
}

export function routes(app: Hono<AppEnv>) {
  const checkLog = (c: AppContext) => ensureAllowed(frontdeskPolicy.log(c.get('actor')), !!c.get('actor'));
  const checkReport = (c: AppContext) => ensureAllowed(frontdeskPolicy.report(c.get('actor')), !!c.get('actor'));

  const formProps = async (c: AppContext, mode: VisitFormProps['mode']) => {
    const ctx = serviceContext(c);
    const [divisions, services, groups, settings] = await Promise.all([
      listDivisions(ctx),
      mode === 'visit' ? listServices(ctx) : Promise.resolve([]),
      mode === 'visit' ? listPriorityGroups(ctx) : Promise.resolve([]),
      getFrontdeskSettings(ctx),
    ]);
    const locale = c.get('locale');
    return {
      mode,
      divisions,
      services: services
        .filter((s) => s.openNow)
        .map((s) => ({
          id: s.service.id,
          prefix: s.service.prefix,
          name: locale === 'en' && s.service.nameEn ? s.service.nameEn : s.service.name,
          openNow: s.openNow,
        })),
      groups: groups.map((g) => ({ id: g.id, name: locale === 'en' && g.nameEn ? g.nameEn : g.name })),
      retentionDays: settings.retentionDays,
    };
  };

  // ---------------------------------------------------------------------------------------------
  // The desk: quick log and today's list

  const logPage = async (c: AppContext, values: VisitFormValues, errors: FieldError[], notice: string | null, status = 200) => {
    checkLog(c);
    const ctx = serviceContext(c);
    const today = bangkokIsoDay(ctx.app.now());
    const [props, visits] = await Promise.all([
      formProps(c, 'visit'),
      listVisits(ctx, { from: today, to: today, kind: 'visit', limit: 300 }),
    ]);
    return renderPage(
      c,
      <FrontdeskLogPage
        {...props}
        values={values}
        errors={errors}
        notice={notice}
        today={visits}
        showReport={frontdeskPolicy.report(ctx.actor)}
      />,
      status,
    );
  };

  app.get('/staff/frontdesk', (c) => logPage(c, {}, [], null));

  app.post('/staff/frontdesk', async (c) => {
    checkLog(c);
    const { values } = await readForm(c);
    const v = formValues(values);
    const dest = destInput(v);
    if ('field' in dest) return logPage(c, v, [dest], null, 422);
    try {
      const { ticket } = await logVisit(serviceContext(c), {
        kind: 'visit',
        purpose: v.purpose ?? '',
        channel: (v.channel || 'walk_in') as VisitChannel,
        help: (v.help ?? []) as HelpKind[],
        ...dest,
        note: v.note,
        visitorName: v.visitorName,
        visitorPhone: v.visitorPhone,
      });
      if (ticket) return c.redirect(`/queue/ticket/${ticket.token}/print?print=1&from=frontdesk&paper=80`, 303);
      flash(c, 'frontdesk.flash.logged');
      return c.redirect('/staff/frontdesk', 303);
    } catch (e) {
      if (e instanceof ValidationError) return logPage(c, v, onForm(e.fields), null, 422);
      if (e instanceof AppError && (e.status === 404 || e.status === 409)) return logPage(c, v, [], refusalText(c, e), e.status);
      throw e;
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Out of office hours (7.5)

  const oohPage = async (c: AppContext, values: VisitFormValues, errors: FieldError[], status = 200) => {
    checkLog(c);
    const ctx = serviceContext(c);
    const today = bangkokIsoDay(ctx.app.now());
    const [props, recent] = await Promise.all([
      formProps(c, 'out_of_hours'),
      listVisits(ctx, { from: shiftDay(today, -30), to: today, kind: 'out_of_hours', limit: 200 }),
    ]);
    return renderPage(
      c,
      <OutOfHoursPage
        {...props}
        values={{ date: today, ...values }}
        errors={errors}
        notice={null}
        recent={recent}
        showReport={frontdeskPolicy.report(ctx.actor)}
      />,
      status,
    );
  };

  app.get('/staff/frontdesk/out-of-hours', (c) => oohPage(c, {}, []));

  app.post('/staff/frontdesk/out-of-hours', async (c) => {
    checkLog(c);
    const { values } = await readForm(c);
    const v = formValues(values);
    const errors: FieldError[] = [];
    const day = parseIsoDay(v.date ?? '');
    const time = TIME.exec(v.time ?? '');
    if (!day) errors.push({ field: 'date', label: 'frontdesk.fields.date', message: 'frontdesk.errors.day' });
    if (!time) errors.push({ field: 'time', label: 'frontdesk.fields.time', message: 'frontdesk.errors.time' });
    const dest = destInput(v);
    if ('field' in dest) errors.push(dest);
    else if (dest.issueTicket) errors.push({ field: 'dest', label: 'frontdesk.fields.dest', message: 'frontdesk.errors.ticketOutOfHours' });
    if (errors.length || !day || !time || 'field' in dest) return oohPage(c, v, errors, 422);
    try {
      await logVisit(serviceContext(c), {
        kind: 'out_of_hours',
        visitedAt: bangkokDate(day.year, day.month, day.day, Number(time[1]), Number(time[2])),
        purpose: v.purpose ?? '',
        channel: (v.channel || 'walk_in') as VisitChannel,
        help: (v.help ?? []) as HelpKind[],
        outcome: dest.outcome as VisitOutcome,
        routedDivisionId: dest.routedDivisionId ?? null,
        note: v.note,
        visitorName: v.visitorName,
        visitorPhone: v.visitorPhone,
      });
    } catch (e) {
      if (e instanceof ValidationError) return oohPage(c, v, onForm(e.fields), 422);
      throw e;
    }
    flash(c, 'frontdesk.flash.ooh');
    return c.redirect('/staff/frontdesk/out-of-hours', 303);
  });

  // ---------------------------------------------------------------------------------------------
  // Screening point (7.8)

  const screeningPage = async (c: AppContext, values: Record<string, string | undefined>, errors: FieldError[], status = 200) => {
    checkLog(c);
    const ctx = serviceContext(c);
    const today = bangkokIsoDay(ctx.app.now());
    const recent = await listScreeningNotes(ctx, { from: shiftDay(today, -30), to: today });
    return renderPage(
      c,
      <ScreeningPage values={{ day: today, ...values }} errors={errors} recent={recent} showReport={frontdeskPolicy.report(ctx.actor)} />,
      status,
    );
  };

  app.get('/staff/frontdesk/screening', (c) => screeningPage(c, {}, []));

  app.post('/staff/frontdesk/screening', async (c) => {
    checkLog(c);
    const { values } = await readForm(c);
    const v = { day: formValue(values, 'day'), screened: formValue(values, 'screened'), note: formValue(values, 'note') };
    const raw = (v.screened ?? '').trim();
    const screened = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
    try {
      await addScreeningNote(serviceContext(c), { day: v.day ?? '', screened, note: v.note ?? '' });
    } catch (e) {
      if (e instanceof ValidationError) return screeningPage(c, v, e.fields, 422);
      throw e;
    }
    flash(c, 'frontdesk.flash.screening');
    return c.redirect('/staff/frontdesk/screening', 303);
  });

  // ---------------------------------------------------------------------------------------------
  // Report: page, PDF, XLSX

  /** A month's report as evidence of measure 2 (จุดแรกรับ) of the plan of the month's fiscal year. */
  const monthEvidence = (year: number, month: number) => ({
    fiscalYear: fiscalYearOf(bangkokDate(year, month, 1)),
    kind: 'frontdesk_report' as const,
    href: `/staff/frontdesk/report.pdf?period=month&month=${year}-${String(month).padStart(2, '0')}`,
  });

  app.get('/staff/frontdesk/report', async (c) => {
    checkReport(c);
    const ctx = serviceContext(c);
    const today = bangkokIsoDay(ctx.app.now());
    const parsed = parsePeriod((k) => c.req.query(k), today);
    const showLog = frontdeskPolicy.log(ctx.actor);
    if (!('period' in parsed)) {
      return renderPage(
        c,
        <ReportPage
          period={null}
          report={null}
          errors={parsed.errors}
          dayValue={parsed.dayValue}
          monthValue={parsed.monthValue}
          prevHref={null}
          nextHref={null}
          evidence={null}
          query=""
          showLog={showLog}
        />,
        422,
      );
    }
    const report = await frontdeskReport(ctx, parsed.range);
    let evidence: { state: LinkedEvidenceState; fiscalYear: number } | null = null;
    if (parsed.period.kind === 'month') {
      const e = monthEvidence(parsed.period.year, parsed.period.month);
      evidence = { state: await linkedEvidenceState(ctx, e.fiscalYear, FRONTDESK_MEASURE_NUMBER, e), fiscalYear: e.fiscalYear };
    }
    return renderPage(
      c,
      <ReportPage
        evidence={evidence}
        period={parsed.period}
        report={report}
        errors={[]}
        dayValue={parsed.dayValue}
        monthValue={parsed.monthValue}
        prevHref={`/staff/frontdesk/report?${parsed.prev}`}
        nextHref={parsed.range.to < today ? `/staff/frontdesk/report?${parsed.next}` : null}
        query={parsed.query}
        showLog={showLog}
      />,
    );
  });

  const download = (format: 'pdf' | 'xlsx') => async (c: AppContext) => {
    checkReport(c);
    const ctx = serviceContext(c);
    const parsed = parsePeriod((k) => c.req.query(k), bangkokIsoDay(ctx.app.now()));
    if (!('period' in parsed)) throw new ValidationError(parsed.errors);
    const report = await frontdeskReport(ctx, parsed.range);
    const name = reportFileName(report, parsed.period, format);
    const body =
      format === 'pdf'
        ? await renderFrontdeskPdf(ctx, report, parsed.period)
        : await renderFrontdeskXlsx(ctx, report, parsed.period, c.get('t'), c.get('locale'));
    return new Response(body, {
      headers: {
        'content-type': format === 'pdf' ? 'application/pdf' : XLSX_TYPE,
        'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`,
        'cache-control': 'private, no-store',
      },
    });
  };
  app.post('/staff/frontdesk/report/evidence', async (c) => {
    checkReport(c);
    const ctx = serviceContext(c);
    const parsed = parsePeriod((k) => c.req.query(k), bangkokIsoDay(ctx.app.now()));
    if (!('period' in parsed) || parsed.period.kind !== 'month') throw new ValidationError('errors' in parsed ? parsed.errors : []);
    const { year, month } = parsed.period;
    const e = monthEvidence(year, month);
    const th = translator(ctx.app.catalogs, 'th'); // the measures report is an official Thai document
    const { created } = await attachLinkedEvidence(ctx, e.fiscalYear, FRONTDESK_MEASURE_NUMBER, {
      ...e,
      title: th('frontdesk.report.evidenceTitle', { month: formatThaiMonthYear({ year, month }) }),
    });
    if (created) flash(c, 'frontdesk.report.evidenceAttached');
    return c.redirect(`/staff/frontdesk/report?${parsed.query}#evidence`, 303);
  });

  app.get('/staff/frontdesk/report.pdf', download('pdf'));
  app.get('/staff/frontdesk/report.xlsx', download('xlsx'));

  // ---------------------------------------------------------------------------------------------
  // Settings (admin): how long names and phones are kept

  const settingsPage = async (c: AppContext, values: { retentionDays?: string }, errors: FieldError[], status = 200) => {
    ensureAllowed(frontdeskPolicy.settings(c.get('actor')), !!c.get('actor'));
    const current = await getFrontdeskSettings(serviceContext(c));
    return renderPage(c, <SettingsPage values={{ retentionDays: String(current.retentionDays), ...values }} errors={errors} />, status);
  };

  app.get('/staff/admin/frontdesk', (c) => settingsPage(c, {}, []));

  app.post('/staff/admin/frontdesk', async (c) => {
    ensureAllowed(frontdeskPolicy.settings(c.get('actor')), !!c.get('actor'));
    const { values } = await readForm(c);
    const raw = formValue(values, 'retentionDays').trim();
    const days = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
    try {
      await updateFrontdeskSettings(serviceContext(c), { retentionDays: days });
    } catch (e) {
      if (e instanceof ValidationError) return settingsPage(c, { retentionDays: raw }, e.fields, 422);
      throw e;
    }
    flash(c, 'frontdesk.flash.settings');
    return c.redirect('/staff/admin/frontdesk', 303);
  });
}
