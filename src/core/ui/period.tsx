import type { PropsWithChildren } from 'hono/jsx';
import type { FieldError } from '../http/errors.js';
import { Button, Form, Icon, TextField } from './components.js';
import { useT } from './context.js';

/**
 * The period controls of the report pages (queue statistics, front desk report, satisfaction
 * report): the bar with the period's label between links to the previous and next periods, and
 * the folding chooser of a day or a month.
 */

/**
 * The bar: `block` is the CSS block (`stats-period`, `survey-period`; the label is its
 * `__label`), children the label. A missing neighbour keeps its place with an empty span.
 */
export function PeriodNav(
  props: PropsWithChildren<{
    block: string;
    /** Accessible name of the navigation (already translated). */
    label: string;
    prevHref: string | null;
    prevText: string;
    nextHref: string | null;
    nextText: string;
  }>,
) {
  return (
    <nav class={props.block} aria-label={props.label}>
      {props.prevHref ? (
        <a href={props.prevHref} rel="prev">
          <Icon name="chevron-left" />
          {props.prevText}
        </a>
      ) : (
        <span />
      )}
      <h2 class={`${props.block}__label`}>{props.children}</h2>
      {props.nextHref ? (
        <a href={props.nextHref} rel="next">
          {props.nextText}
          <Icon name="chevron-right" />
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Catalog keys of the day / month chooser. */
export interface DayMonthChooserKeys {
  /** The summary of the folding block. */
  legend: string;
  /** The buttons, also the forms' accessible names. */
  day: string;
  month: string;
  dayField: string;
  dayHint: string;
  monthField: string;
  monthHint: string;
}

/**
 * Two GET forms to `action`: `period=day&day=YYYY-MM-DD` and `period=month&month=YYYY-MM`, in a
 * block open when no report is shown.
 */
export function DayMonthChooser(props: {
  action: string;
  open: boolean;
  dayValue: string;
  monthValue: string;
  errors: FieldError[];
  keys: DayMonthChooserKeys;
}) {
  const t = useT();
  const k = props.keys;
  return (
    <details class="stats-details" open={props.open}>
      <summary>{t(k.legend)}</summary>
      <div class="stats-choose">
        <Form method="get" action={props.action} class="filters stats-form" aria-label={t(k.day)}>
          <input type="hidden" name="period" value="day" />
          <TextField name="day" type="date" label={k.dayField} hint={k.dayHint} value={props.dayValue} errors={props.errors} />
          <Button variant="secondary">{t(k.day)}</Button>
        </Form>
        <Form method="get" action={props.action} class="filters stats-form" aria-label={t(k.month)}>
          <input type="hidden" name="period" value="month" />
          <TextField
            name="month"
            type="text"
            inputmode="numeric"
            label={k.monthField}
            hint={k.monthHint}
            value={props.monthValue}
            errors={props.errors}
            width="s"
          />
          <Button variant="secondary">{t(k.month)}</Button>
        </Form>
      </div>
    </details>
  );
}
