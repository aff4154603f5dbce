import type { Child } from 'hono/jsx';
import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { formatThaiDateTime } from '../../../core/thai/dates.js';
import {
  Banner,
  Breadcrumbs,
  Button,
  ButtonLink,
  ChoiceGroup,
  ErrorSummary,
  Form,
  PageHeader,
  SummaryList,
  TextArea,
  TextField,
} from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { type CaseDetail, decisionText, MAX_COMMENT, type RoutingStep } from '../service.js';
import { CaseStatusTag, StepStatusTag } from './parts.js';

/**
 * One routed document: what it is, the document itself (the kind's preview) with a link to the
 * PDF, the decision form for the person whose turn it is — placed before the history so that on
 * a phone the mayor reaches it after reading — and the full history.
 */
export function RoutingCasePage(props: {
  detail: CaseDetail;
  preview: Child | null;
  signerName: string | null;
  values: FormValues;
  errors: FieldError[];
}) {
  const t = useT();
  const { detail } = props;
  const c = detail.case;
  const activeNames = detail.steps.filter((s) => s.status === 'active').map((s) => s.assigneeName);
  return (
    <StaffLayout title={c.title}>
      <Breadcrumbs items={[{ href: '/staff/routing', text: t('routing.inbox.title') }, { text: c.title }]} />
      <PageHeader title={c.title} />
      <SummaryList
        rows={[
          { key: t('routing.case.status'), value: <CaseStatusTag status={c.status} /> },
          { key: t('routing.case.submittedBy'), value: detail.submitterName ?? '—' },
          { key: t('routing.case.submittedAt'), value: formatThaiDateTime(c.submittedAt) },
          ...(c.returnReason ? [{ key: t('routing.case.returnReason'), value: c.returnReason }] : []),
        ]}
      />

      <section aria-labelledby="doc" class="stack">
        <h2 id="doc">{t('routing.case.document')}</h2>
        <p class="form-actions">
          <ButtonLink href={c.href} icon="file-text">
            {t('routing.case.openDocument')}
          </ButtonLink>
          {detail.myStep ? <a href="#decide">{t('routing.case.toDecide')}</a> : null}
        </p>
        {props.preview ? <div class="panel routing-preview">{props.preview}</div> : <p class="muted">{t('routing.case.noPreview')}</p>}
      </section>

      {detail.myStep ? (
        <DecideForm caseId={c.id} step={detail.myStep} signerName={props.signerName} values={props.values} errors={props.errors} />
      ) : c.status === 'in_progress' && activeNames.length > 0 ? (
        <Banner tone="info">{t('routing.form.waitingOther', { names: activeNames.join(', ') })}</Banner>
      ) : null}

      <section aria-labelledby="history">
        <h2 id="history">{t('routing.case.history')}</h2>
        <ol class="chain">
          {detail.steps.map((s) => (
            <HistoryStep step={s} parallel={detail.steps.some((o) => o.id !== s.id && o.seq === s.seq)} />
          ))}
        </ol>
      </section>
      <p>
        <a href="/staff/routing">{t('routing.case.back')}</a>
      </p>
    </StaffLayout>
  );
}

function HistoryStep({ step: s, parallel }: { step: RoutingStep; parallel: boolean }) {
  const t = useT();
  const text = s.status === 'signed' || s.status === 'returned' ? decisionText(s) : '';
  return (
    <li class="panel" id={`step-${s.id}`}>
      <p class="chain__position">{s.heading}</p>
      <p>
        <StepStatusTag status={s.status} /> {parallel ? <span class="muted">({t('routing.case.parallel')})</span> : null}
      </p>
      {s.status === 'returned' ? (
        <p>
          <strong>{t('routing.case.returnReason')}:</strong> {text}
        </p>
      ) : text ? (
        <p>
          <strong>{text}</strong>
          {s.decision !== 'comment' && s.comment ? <span> — {s.comment}</span> : null}
        </p>
      ) : null}
      <p>
        ({s.assigneeName})
        {s.assigneePositions.map((p) => (
          <>
            <br />
            {p}
          </>
        ))}
      </p>
      {s.signedAt ? (
        <p class="muted">
          {t('routing.case.typedSignature', { name: s.signatureName ?? '' })}
          <br />
          <time datetime={s.signedAt.toISOString()}>{t('routing.case.signedAt', { date: formatThaiDateTime(s.signedAt) })}</time>
        </p>
      ) : s.status === 'active' && s.activatedAt ? (
        <p class="muted">
          <time datetime={s.activatedAt.toISOString()}>{t('routing.case.activeSince', { date: formatThaiDateTime(s.activatedAt) })}</time>
        </p>
      ) : null}
    </li>
  );
}

function DecideForm(props: { caseId: number; step: RoutingStep; signerName: string | null; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  const s = props.step;
  return (
    <section class="panel" aria-labelledby="decide">
      <h2 id="decide">{t('routing.form.title')}</h2>
      <p class="chain__position">{s.heading}</p>
      <ErrorSummary errors={props.errors} />
      <Form action={`/staff/routing/${props.caseId}/steps/${s.id}`}>
        <ChoiceGroup
          kind="radio"
          name="decision"
          label="routing.fields.decision"
          value={formValue(props.values, 'decision') || 'acknowledge'}
          errors={props.errors}
          options={[
            { value: 'forward', text: t('routing.decisions.forward') },
            { value: 'acknowledge', text: t('routing.decisions.acknowledge') },
            { value: 'approve', text: t('routing.decisions.approve') },
            { value: 'comment', text: t('routing.decisions.comment'), hint: t('routing.decisionHints.comment') },
            { value: 'return', text: t('routing.decisions.return'), hint: t('routing.decisionHints.return') },
          ]}
        />
        <TextArea
          name="comment"
          label="routing.fields.comment"
          hint="routing.fields.commentHint"
          optional
          rows={3}
          maxlength={MAX_COMMENT}
          value={formValue(props.values, 'comment')}
          errors={props.errors}
        />
        <TextArea
          name="reason"
          label="routing.fields.reason"
          hint="routing.fields.reasonHint"
          optional
          rows={3}
          maxlength={MAX_COMMENT}
          value={formValue(props.values, 'reason')}
          errors={props.errors}
        />
        <p class="field__hint">{t('routing.form.legal')}</p>
        <TextField
          name="signatureName"
          label="routing.fields.signatureName"
          value={formValue(props.values, 'signatureName')}
          errors={props.errors}
          autocomplete="name"
          maxlength={200}
          spellcheck={false}
        />
        {props.signerName ? <p class="field__hint">{t('routing.fields.signatureHint', { name: props.signerName })}</p> : null}
        <div class="form-actions">
          <Button icon="pencil" class="button--block">
            {t('routing.form.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
