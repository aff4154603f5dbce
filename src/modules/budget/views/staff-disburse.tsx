import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { Breadcrumbs, Button, ErrorSummary, Form, fieldId, PageHeader } from '../../../core/ui/components.js';
import { errorText, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { PeriodNav } from '../../../core/ui/period.js';
import type { PlanWithLines } from '../service.js';
import { baht, disburseHref, monthYear, planHref, staffCss } from './staff-common.js';

export interface DisbursePageProps {
  fiscalYear: number;
  month: number;
  /** The last month that may be recorded (the current month, 12 for a past year). */
  maxMonth: number;
  data: PlanWithLines;
  /** Planned amount of each line in each month (12), by line id. */
  plannedByMonth: Map<number, number[]>;
  values: FormValues;
  errors: FieldError[];
}

/** The name of the amount field of a line in a month (also the service's error field). */
export const amountField = (lineId: number, month: number) => `amount-${lineId}-${month}`;

export function DisbursePage(props: DisbursePageProps) {
  const t = useT();
  const { fiscalYear: fy, month, data } = props;
  const when = monthYear(t, fy, month);
  const title = t('budget.disburse.title', { month: when });
  const posted = Object.keys(props.values).length > 0;
  const byProgram = new Map<string, typeof data.lines>();
  for (const l of data.lines) byProgram.set(l.program, [...(byProgram.get(l.program) ?? []), l]);
  return (
    <StaffLayout title={title} head={staffCss()}>
      <Breadcrumbs items={[{ href: planHref(fy), text: t('budget.plan.title', { year: fy }) }, { text: title }]} />
      <PageHeader title={title} lead={t('budget.disburse.lead')} />
      <PeriodNav
        block="budget-years"
        label={t('budget.disburse.monthNav')}
        prevHref={month > 1 ? disburseHref(fy, month - 1) : null}
        prevText={monthYear(t, fy, month - 1 || 1)}
        nextHref={month < props.maxMonth ? disburseHref(fy, month + 1) : null}
        nextText={monthYear(t, fy, Math.min(12, month + 1))}
      >
        {when}
      </PeriodNav>
      <ErrorSummary errors={props.errors} />
      <p class="field__hint">
        {t('budget.disburse.hint')} {t('budget.disburse.futureNote')}
      </p>
      <Form action={disburseHref(fy, month)} aria-label={title}>
        <section class="table-wrap budget-table-wrap" tabindex={0} aria-label={t('budget.disburse.region')}>
          <table class="table budget-table budget-disburse">
            <caption>{t('budget.disburse.caption', { month: when })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('budget.disburse.colItem')}</th>
                <th scope="col" class="num">
                  {t('budget.disburse.colApproved')}
                </th>
                <th scope="col" class="num">
                  {t('budget.disburse.colBefore')}
                </th>
                <th scope="col" class="num">
                  {t('budget.disburse.colPlanned')}
                </th>
                <th scope="col" class="num">
                  {t('budget.disburse.colRemaining')}
                </th>
                <th scope="col">{t('budget.disburse.colAmount')}</th>
              </tr>
            </thead>
            {[...byProgram].map(([program, lines]) => (
              <tbody>
                <tr class="budget-group budget-group--program">
                  <th scope="rowgroup" colspan={6}>
                    {program}
                  </th>
                </tr>
                {lines.map((l) => {
                  const name = amountField(l.id, month);
                  const id = fieldId(name);
                  const error = props.errors.find((e) => e.field === name);
                  const before = l.disbursedByMonth.slice(0, month - 1).reduce((s, x) => s + x, 0);
                  const yearTotal = l.disbursedByMonth.reduce((s, x) => s + x, 0);
                  const recorded = l.recordedMonths.includes(month);
                  const value = posted ? formValue(props.values, name) : recorded ? baht(l.disbursedByMonth[month - 1] ?? 0) : '';
                  return (
                    <tr class={error ? 'budget-row--error' : undefined}>
                      <th scope="row">
                        {l.item}
                        <span class="budget-sub">
                          {l.work} · {t(`budget.categories.${l.category}`)}
                        </span>
                      </th>
                      <td class="num">{baht(l.approvedSatang)}</td>
                      <td class="num">{baht(before)}</td>
                      <td class="num">{baht(props.plannedByMonth.get(l.id)?.[month - 1] ?? 0)}</td>
                      <td class="num">{baht(l.approvedSatang - yearTotal)}</td>
                      <td>
                        {error ? (
                          <p class="field__error" id={`${id}-error`}>
                            {errorText(t, error)}
                          </p>
                        ) : null}
                        <input
                          class="input input--s budget-amount"
                          id={id}
                          name={name}
                          inputmode="decimal"
                          autocomplete="off"
                          value={value}
                          aria-label={t('budget.disburse.amountLabel', { month: when, item: l.item })}
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </section>
        <div class="form-actions">
          <Button icon="circle-check">{t('budget.disburse.submit')}</Button>
          <a href={planHref(fy)}>{t('budget.disburse.back')}</a>
        </div>
      </Form>
    </StaffLayout>
  );
}
