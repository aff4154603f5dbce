import { formatThaiDateTime } from '../../../core/thai/index.js';
import { Button, Form, Icon, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import type { LinkedEvidenceState } from '../service.js';

/**
 * A box on another module's page (the facilities checklist, the first-contact point's monthly
 * report) that attaches that record as evidence of measure `number` of the year's plan, or says
 * it is attached, with a link to the measure.
 */
export function LinkedEvidenceBox(props: {
  state: LinkedEvidenceState;
  fiscalYear: number;
  number: number;
  /** Where the attach form posts. */
  action: string;
  /** What is attached, in a sentence (catalog text already translated). */
  text: string;
}) {
  const t = useT();
  const { state, fiscalYear: year, number } = props;
  return (
    <section class="card linked-evidence" id="evidence" aria-labelledby="evidence-title">
      <h2 class="card__title" id="evidence-title">
        <Icon name="clipboard-list" /> {t('measures.linked.title', { number })}
      </h2>
      {state.measureId === null ? (
        <p>{t(state.planId === null ? 'measures.errors.noPlanOfYear' : 'measures.errors.noMeasureNumbered', { year, number })}</p>
      ) : state.attached ? (
        <>
          <p>
            <Tag tone="success">{t('measures.linked.attached', { number })}</Tag>{' '}
            <span class="muted">{formatThaiDateTime(state.attached.createdAt)}</span>
          </p>
          <p>
            <a href={`/staff/measures/${state.measureId}#evidence`}>{t('measures.linked.open', { number })}</a>
          </p>
        </>
      ) : (
        <>
          <p>{props.text}</p>
          {state.canAttach ? (
            <Form action={props.action}>
              <Button icon="clipboard-list">{t('measures.linked.attach', { number })}</Button>
            </Form>
          ) : (
            <p class="muted">{t('measures.linked.cannot', { number })}</p>
          )}
          <p>
            <a href={`/staff/measures/${state.measureId}`}>{t('measures.linked.open', { number })}</a>
          </p>
        </>
      )}
    </section>
  );
}
