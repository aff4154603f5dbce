import { Banner } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import type { ReportWarning } from '../check.js';

function whereText(t: ReturnType<typeof useT>, w: ReportWarning): string {
  if (w.where.kind === 'measure') return t('reports.where.measure', { number: w.where.number });
  const [field, n] = w.where.field.split('.');
  if (field === 'body') return t('reports.where.field.body', { n: n ?? '' });
  return t(`reports.where.field.${field}`);
}

/** The consistency check's warnings, each naming where and what. */
export function ReportWarnings(props: { warnings: readonly ReportWarning[]; headingLevel?: 2 | 3 }) {
  const t = useT();
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  if (props.warnings.length === 0) {
    return (
      <section class="report-warnings" aria-labelledby="report-warnings">
        <H id="report-warnings" class="visually-hidden">
          {t('reports.warnings')}
        </H>
        <Banner tone="success">{t('reports.warningsNone')}</Banner>
      </section>
    );
  }
  return (
    <section class="report-warnings" aria-labelledby="report-warnings">
      <Banner tone="warning" title={<H id="report-warnings">{t('reports.warnings')}</H>}>
        <p>
          {t('reports.warningsCount', { count: props.warnings.length })}. {t('reports.warningsLead')}
        </p>
        <ul>
          {props.warnings.map((w) => (
            <li>
              <strong>{whereText(t, w)}</strong>: {t(`reports.check.${w.code}`, w.params)}
            </li>
          ))}
        </ul>
      </Banner>
    </section>
  );
}
