import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import type { Organization } from '../../../core/tenancy/organization.js';
import { Banner, Breadcrumbs, Button, ErrorSummary, FileField, Form, Tag, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import { type Publication, publicationHref } from '../service.js';
import { useLocale } from './entry.js';
import { beDateTime, fileSize } from './format.js';
import { CHECK_HREF, kindLabel, PUBLIC_LOG_HREF } from './log.js';

/** What a check found: the sha256 checked (from the upload or pasted) and every log row with it. */
export interface CheckOutcome {
  sha256: string;
  file?: { name: string; size: number };
  matches: Publication[];
}

/** The form: upload a file (hashed, never kept) or paste a sha256. Posts to `action`. */
export function CheckForm({ action, values, errors }: { action: string; values: FormValues; errors: FieldError[] }) {
  const t = useT();
  return (
    <Form action={action} multipart>
      <ErrorSummary errors={errors} />
      <FileField name="file" label="publications.check.file" hint="publications.check.fileHint" optional errors={errors} />
      <TextField
        name="sha256"
        label="publications.check.sha256"
        hint="publications.check.sha256Hint"
        value={formValue(values, 'sha256')}
        maxlength={200}
        spellcheck={false}
        optional
        errors={errors}
      />
      <div class="form-actions">
        <Button icon="file-check">{t('publications.check.submit')}</Button>
      </div>
    </Form>
  );
}

function status(t: ReturnType<typeof useT>, p: Publication) {
  if (p.action === 'withdraw') return <Tag tone="neutral">{t('publications.check.statusWithdrawal')}</Tag>;
  if (p.withdrawnBy) return <Tag tone="warning">{t('publications.check.statusWithdrawn')}</Tag>;
  if (p.supersededBy) return <Tag tone="warning">{t('publications.check.statusSuperseded')}</Tag>;
  return <Tag tone="success">{t('publications.check.statusCurrent')}</Tag>;
}

export function MatchList({ matches }: { matches: Publication[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul class="inbox">
      {matches.map((p) => (
        <li class="inbox__item">
          <p class="inbox__meta">
            {status(t, p)}
            <span>{kindLabel(t, p.kind)}</span>
            <time datetime={p.publishedAt.toISOString()}>{beDateTime(p.publishedAt, locale)}</time>
          </p>
          <p>
            <a href={publicationHref(p)}>
              #{p.id} {p.title}
            </a>
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * The outcome, said plainly: on an entry's page (here = that entry) whether the file is that
 * entry's, and else where else in the log it is; on the check page, every entry it is in.
 */
export function CheckResult({ org, outcome, here }: { org: Organization; outcome: CheckOutcome; here?: Publication }) {
  const t = useT();
  const matchesHere = here ? here.sha256 === outcome.sha256 : false;
  const others = here ? outcome.matches.filter((p) => p.id !== here.id) : outcome.matches;
  return (
    <section aria-labelledby="check-result" class="check-result">
      {here ? <h3 id="check-result">{t('publications.check.result')}</h3> : <h2 id="check-result">{t('publications.check.result')}</h2>}
      {outcome.file ? <p>{t('publications.check.fromFile', { name: outcome.file.name, size: fileSize(t, outcome.file.size) })}</p> : null}
      <p>
        {t('publications.check.computed')}: <code class="mono">{outcome.sha256}</code>
      </p>
      {here ? (
        matchesHere ? (
          <Banner tone="success" title={t('publications.check.matchHere')} />
        ) : (
          <Banner tone="warning" title={t('publications.check.notHere')}>
            {others.length ? (
              <p>{t('publications.check.matchOther')}</p>
            ) : (
              <p>{t('publications.check.noMatch', { name: org.names.full })}</p>
            )}
          </Banner>
        )
      ) : others.length ? (
        <Banner tone="success" title={t('publications.check.found', { n: others.length })} />
      ) : (
        <Banner tone="warning" title={t('publications.check.noMatch', { name: org.names.full })} />
      )}
      {others.length ? <MatchList matches={others} /> : null}
    </section>
  );
}

/** /publications/check: the form, and after a POST the outcome above it. */
export function CheckPage(props: { org: Organization; values: FormValues; errors: FieldError[]; outcome: CheckOutcome | null }) {
  const t = useT();
  const title = t('publications.check.title');
  return (
    <PublicLayout
      title={title}
      meta={{ description: t('publications.check.lead', { name: props.org.names.full }), canonicalPath: CHECK_HREF }}
    >
      <Breadcrumbs items={[{ href: PUBLIC_LOG_HREF, text: t('publications.log.title') }, { text: title }]} />
      <h1>{title}</h1>
      <p class="prose">{t('publications.check.lead', { name: props.org.names.full })}</p>
      {props.outcome ? <CheckResult org={props.org} outcome={props.outcome} /> : null}
      <CheckForm action={CHECK_HREF} values={props.values} errors={props.errors} />
    </PublicLayout>
  );
}
