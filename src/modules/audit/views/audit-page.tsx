import type { ChainReport } from '../../../core/audit/audit.js';
import type { AuditEntry } from '../../../core/audit/query.js';
import { formatThaiDateTime } from '../../../core/thai/dates.js';
import { Banner, Button, Form, PageHeader, Pagination, SelectField, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';

export function AuditPage(props: {
  entries: AuditEntry[];
  actions: string[];
  filter: Record<string, string>;
  nextHref: string | null;
  firstHref: string | null;
  chain: ChainReport;
}) {
  const t = useT();
  const { chain } = props;
  return (
    <StaffLayout title={t('audit.title')}>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      {chain.ok ? (
        <Banner tone="success">{t('audit.chainOk', { n: chain.entries })}</Banner>
      ) : (
        <Banner tone="danger">{t('audit.chainBroken', { seq: chain.problem?.seq ?? '?', reason: chain.problem?.reason ?? '' })}</Banner>
      )}
      <Form method="get" action="/staff/audit" class="filters" aria-label={t('core.actions.filter')}>
        <TextField name="q" type="search" label="audit.search" value={props.filter.q} width="m" />
        <SelectField
          name="action"
          label="audit.action"
          value={props.filter.action}
          placeholder="audit.allActions"
          options={props.actions.map((a) => ({ value: a, text: a }))}
        />
        <TextField name="from" label="audit.from" hint="audit.dateHint" value={props.filter.from} width="s" />
        <TextField name="to" label="audit.to" hint="audit.dateHint" value={props.filter.to} width="s" />
        <Button variant="secondary" icon="search">
          {t('core.actions.filter')}
        </Button>
      </Form>
      {props.entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t('audit.title')}>
          <table class="table">
            <caption class="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('audit.columns.seq')}
                </th>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.actor')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.summary')}</th>
                <th scope="col">{t('audit.columns.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td class="num">{e.seq}</td>
                  <td>{formatThaiDateTime(e.at)}</td>
                  <td>{e.actorLabel}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.summary}</td>
                  <td>
                    <span class="mono" title={e.hash}>
                      {e.hash.slice(0, 12)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination prevHref={props.firstHref} nextHref={props.nextHref} />
    </StaffLayout>
  );
}
