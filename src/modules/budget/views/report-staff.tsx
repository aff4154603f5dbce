import type { FieldError } from '../../../core/http/errors.js';
import { formatSatang, formatThaiDateTime } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Banner, Button, ButtonLink, ErrorSummary, Form, Icon, PageHeader, TextArea, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { PlanProgress } from '../progress.js';
import type { BudgetReportRow } from '../report.js';
import { kindKey } from '../report-messages.js';
import { fiscalMonthLabel, percentOf } from '../report-pdf.js';
import { BUDGET_REPORT_KINDS, type BudgetReportKind } from '../schema.js';
import { QuarterChart } from './report-chart.js';

export interface KindState {
  kind: BudgetReportKind;
  item: string | null;
  ended: boolean;
  published: BudgetReportRow | null;
  publishedAt: Date | null;
  values: { narrative: string; reason: string };
  errors: FieldError[];
}

export interface StaffReportsProps {
  fy: number;
  fyText: string;
  fyErrors: FieldError[];
  plan: null | { publishedAt: Date | null; progress: PlanProgress };
  kinds: KindState[];
  history: BudgetReportRow[];
  canPublish: boolean;
}

function KindPanel({ fy, s, canPublish }: { fy: number; s: KindState; canPublish: boolean }) {
  const t = useT();
  const id = `kind-${s.kind}`;
  return (
    <section class="panel budget-kind" aria-labelledby={id}>
      <h2 id={id}>{t(`budget.report.kinds.${kindKey(s.kind)}`)}</h2>
      {s.published && s.publishedAt ? (
        <p>
          <Icon name="circle-check" /> {t('budget.report.staff.published', { at: formatThaiDateTime(s.publishedAt) })} ·{' '}
          <a href={`/publications/${s.published.publicationId}`}>{t('budget.report.staff.view')}</a>
        </p>
      ) : null}
      {!s.ended ? (
        <>
          <ErrorSummary errors={s.errors} />
          <p class="muted">{t('budget.report.staff.notEnded')}</p>
        </>
      ) : (
        <Form action="/staff/budget/reports/publish" id={`form-${s.kind}`}>
          <ErrorSummary errors={s.errors} />
          <input type="hidden" name="fy" value={String(fy)} />
          <input type="hidden" name="kind" value={s.kind} />
          {s.kind !== 'plan' ? (
            <TextArea
              name="narrative"
              label="budget.report.fields.narrative"
              hint="budget.report.hints.narrative"
              value={s.values.narrative}
              errors={s.errors}
              rows={5}
            />
          ) : null}
          {s.published && canPublish ? (
            <TextArea
              name="reason"
              label="budget.report.fields.reason"
              hint="budget.report.hints.reason"
              value={s.values.reason}
              errors={s.errors}
              rows={2}
            />
          ) : null}
          {s.item && canPublish ? <p class="muted">{t('budget.report.staff.publishLead', { item: s.item, year: fy })}</p> : null}
          <div class="budget-actions">
            <button
              class="button button--secondary"
              type="submit"
              formaction="/staff/budget/reports/preview.pdf"
              formmethod="get"
              formtarget="_blank"
            >
              <span>{t('budget.report.staff.previewPdf')}</span>
            </button>
            <button class="button button--secondary" type="submit" formaction="/staff/budget/reports/preview.xlsx" formmethod="get">
              <span>{t('budget.report.staff.previewXlsx')}</span>
            </button>
            {canPublish ? (
              <Button icon="upload" variant={s.published ? 'secondary' : 'primary'}>
                {s.published ? t('budget.report.staff.publishAgain') : t('budget.report.staff.publish')}
              </Button>
            ) : null}
          </div>
        </Form>
      )}
    </section>
  );
}

export function StaffReportsPage(props: StaffReportsProps) {
  const t = useT();
  const p = props.plan?.progress;
  return (
    <StaffLayout title={t('budget.report.title')} current="/staff/budget" head={<link rel="stylesheet" href={assetUrl('budget.css')} />}>
      <PageHeader title={t('budget.report.title')} lead={t('budget.report.lead')} />
      <Form method="get" action="/staff/budget/reports" class="budget-year" aria-label={t('budget.report.staff.year')}>
        <TextField name="fy" label="budget.report.fields.fy" inputmode="numeric" width="xs" value={props.fyText} errors={props.fyErrors} />
        <Button variant="secondary">{t('budget.report.staff.show')}</Button>
      </Form>
      {!props.plan ? (
        <Banner tone="info">
          {t('budget.report.staff.noPlan', { year: props.fy })}{' '}
          <a href={`/staff/budget?fy=${props.fy}`}>{t('budget.report.staff.toPlan')}</a>
        </Banner>
      ) : (
        <>
          {props.plan.publishedAt ? (
            <p>
              <Icon name="circle-check" /> <a href={`/budget/${props.fy}`}>{t('budget.report.staff.planPublic')}</a>
            </p>
          ) : (
            <Banner tone="warning">{t('budget.report.staff.planNotPublic')}</Banner>
          )}
          {p ? (
            <section aria-labelledby="budget-progress">
              <h2 id="budget-progress">
                {p.throughMonth > 0
                  ? t('budget.report.staff.progressTitle', { month: fiscalMonthLabel(props.fy, p.throughMonth) })
                  : t('budget.report.staff.progressNone')}
              </h2>
              <p>
                {t('budget.public.approved')}: <strong>{formatSatang(p.total.approvedSatang)}</strong> · {t('budget.public.planned')}:{' '}
                <strong>{formatSatang(p.total.plannedToDateSatang)}</strong> · {t('budget.public.disbursed')}:{' '}
                <strong>{formatSatang(p.total.disbursedToDateSatang)}</strong> ({percentOf(p.total.disbursedBp)}%)
              </p>
              <QuarterChart total={p.total} throughMonth={p.throughMonth} id="staff-quarters" />
            </section>
          ) : null}
          <div class="budget-kinds">
            {props.kinds.map((s) => (
              <KindPanel fy={props.fy} s={s} canPublish={props.canPublish} />
            ))}
          </div>
          <section aria-labelledby="budget-history">
            <h2 id="budget-history">{t('budget.report.staff.history')}</h2>
            {props.history.length === 0 ? (
              <p class="muted">{t('budget.report.staff.noHistory')}</p>
            ) : (
              <section class="table-wrap" aria-labelledby="budget-history" tabindex={0}>
                <table class="table">
                  <caption class="visually-hidden">{t('budget.report.staff.history')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('budget.report.staff.cols.created')}</th>
                      <th scope="col">{t('budget.report.staff.cols.kind')}</th>
                      <th scope="col">{t('budget.report.staff.cols.through')}</th>
                      <th scope="col" class="num">
                        {t('budget.report.staff.cols.disbursed')}
                      </th>
                      <th scope="col">{t('budget.report.staff.cols.files')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {props.history.map((r) => (
                      <tr>
                        <td>{formatThaiDateTime(r.createdAt)}</td>
                        <th scope="row">{t(`budget.report.kinds.${kindKey(r.kind)}`)}</th>
                        <td>{r.throughMonth > 0 ? fiscalMonthLabel(props.fy, r.throughMonth) : '–'}</td>
                        <td class="num">{formatSatang(r.totals.disbursedToDateSatang)}</td>
                        <td>
                          {r.publicationId ? <a href={`/publications/${r.publicationId}`}>PDF</a> : null}
                          {r.xlsxFileId ? (
                            <>
                              {' · '}
                              <a href={`/staff/budget/reports/${r.id}/report.xlsx`}>XLSX</a>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </section>
        </>
      )}
      <p>
        <ButtonLink href={`/staff/budget?fy=${props.fy}`} icon="landmark">
          {t('budget.report.staff.toPlan')}
        </ButtonLink>
      </p>
    </StaffLayout>
  );
}

export const ALL_KINDS = BUDGET_REPORT_KINDS;
