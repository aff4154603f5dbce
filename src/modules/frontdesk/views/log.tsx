import type { FieldError } from '../../../core/http/errors.js';
import { formatThaiDate, formatThaiTime } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Banner, Button, ErrorSummary, Form, Icon, PageHeader, Tag, TextArea, TextField } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { Division } from '../../staff/service.js';
import { PURPOSES, purposeLabel } from '../purposes.js';
import { HELP_KINDS, VISIT_CHANNELS } from '../schema.js';
import type { VisitRow } from '../service.js';
import { FrontdeskTabs, Tiles, TimeField } from './common.js';

export interface VisitFormValues {
  purpose?: string;
  channel?: string;
  help?: string[];
  /** resolved | follow_up | referred_out | div:<id> | svc:<id> */
  dest?: string;
  priorityGroupId?: string;
  note?: string;
  visitorName?: string;
  visitorPhone?: string;
  date?: string;
  time?: string;
}

export interface TicketServiceOption {
  id: number;
  prefix: string;
  name: string;
  openNow: boolean;
}

export interface VisitFormProps {
  mode: 'visit' | 'out_of_hours';
  values: VisitFormValues;
  errors: FieldError[];
  divisions: Division[];
  /** Services a ticket can be issued for (open now); empty out of hours. */
  services: TicketServiceOption[];
  groups: { id: number; name: string }[];
  retentionDays: number;
  /** A refusal from the queue (closed, holiday), already translated. */
  notice: string | null;
}

const localName = (x: { name: string; nameEn?: string | null }, locale: string) => (locale === 'en' && x.nameEn ? x.nameEn : x.name);

function VisitForm(props: VisitFormProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const v = props.values;
  const ooh = props.mode === 'out_of_hours';
  const moreOpen =
    !!(v.note || v.visitorName || v.visitorPhone) || props.errors.some((e) => ['note', 'visitorName', 'visitorPhone'].includes(e.field));
  return (
    <Form action={ooh ? '/staff/frontdesk/out-of-hours' : '/staff/frontdesk'} class="fd-form">
      {ooh ? (
        <div class="fd-when">
          <TextField name="date" type="date" label="frontdesk.fields.date" value={v.date ?? ''} errors={props.errors} width="m" />
          <TimeField name="time" label="frontdesk.fields.time" hint="frontdesk.hints.time" value={v.time ?? ''} errors={props.errors} />
        </div>
      ) : null}
      <Tiles
        kind="radio"
        name="purpose"
        label="frontdesk.fields.purpose"
        errors={props.errors}
        value={v.purpose ?? null}
        size="l"
        groups={[{ options: PURPOSES.map((p) => ({ value: p, text: t(purposeLabel(p)) })) }]}
      />
      <Tiles
        kind="radio"
        name="channel"
        label="frontdesk.fields.channel"
        errors={props.errors}
        value={v.channel ?? 'walk_in'}
        groups={[{ options: VISIT_CHANNELS.map((c) => ({ value: c, text: t(`frontdesk.channels.${c}`) })) }]}
      />
      <Tiles
        kind="checkbox"
        name="help"
        label="frontdesk.fields.help"
        hint="frontdesk.hints.help"
        errors={props.errors}
        value={v.help ?? []}
        groups={[{ options: HELP_KINDS.map((h) => ({ value: h, text: t(`frontdesk.help.${h}`) })) }]}
      />
      <Tiles
        kind="radio"
        name="dest"
        label="frontdesk.fields.dest"
        errors={props.errors}
        errorFields={['dest', 'outcome', 'routedDivisionId', 'issueTicket', 'serviceId']}
        value={v.dest ?? 'resolved'}
        groups={[
          { options: [{ value: 'resolved', text: t('frontdesk.log.finishHere') }] },
          ...(props.services.length
            ? [
                {
                  title: t('frontdesk.log.ticketGroup'),
                  options: props.services.map((s) => ({
                    value: `svc:${s.id}`,
                    text: t('frontdesk.log.ticketOption', { prefix: s.prefix, name: s.name }),
                  })),
                },
              ]
            : []),
          {
            title: t('frontdesk.log.routeGroup'),
            options: props.divisions.map((d) => ({ value: `div:${d.id}`, text: localName(d, locale) })),
          },
          {
            title: t('frontdesk.log.otherGroup'),
            options: [
              { value: 'follow_up', text: t('frontdesk.outcomes.follow_up') },
              { value: 'referred_out', text: t('frontdesk.outcomes.referred_out') },
            ],
          },
        ]}
      />
      {props.services.length && props.groups.length ? (
        <Tiles
          kind="radio"
          name="priorityGroupId"
          label="frontdesk.fields.priorityGroupId"
          errors={props.errors}
          value={v.priorityGroupId || 'general'}
          groups={[
            {
              options: [
                { value: 'general', text: t('frontdesk.log.general') },
                ...props.groups.map((g) => ({ value: String(g.id), text: g.name })),
              ],
            },
          ]}
        />
      ) : null}
      <details class="fd-more" open={moreOpen}>
        <summary>{t('frontdesk.log.more')}</summary>
        <div class="fd-more__body">
          <TextArea
            name="note"
            label="frontdesk.fields.note"
            hint="frontdesk.hints.note"
            value={v.note ?? ''}
            errors={props.errors}
            rows={2}
            optional
          />
          <div class="fd-pdpa" role="note" aria-labelledby="fd-pdpa-title">
            <p class="fd-pdpa__title" id="fd-pdpa-title">
              <Icon name="lock" size={18} /> {t('frontdesk.log.pdpaTitle')}
            </p>
            <p>{t('frontdesk.log.pdpa', { days: props.retentionDays })}</p>
          </div>
          <TextField
            name="visitorName"
            label="frontdesk.fields.visitorName"
            value={v.visitorName ?? ''}
            errors={props.errors}
            autocomplete="off"
            optional
          />
          <TextField
            name="visitorPhone"
            type="tel"
            label="frontdesk.fields.visitorPhone"
            hint="frontdesk.hints.visitorPhone"
            value={v.visitorPhone ?? ''}
            errors={props.errors}
            inputmode="tel"
            autocomplete="off"
            width="m"
            optional
          />
        </div>
      </details>
      <div class="fd-submit">
        <Button icon="circle-check" class="fd-submit__button">
          {t(ooh ? 'frontdesk.ooh.submit' : 'frontdesk.log.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** What happened to the visitor, in words: the division, the ticket (with a reprint link), or the outcome. */
function OutcomeCell({ v }: { v: VisitRow }) {
  const t = useT();
  if (v.outcome === 'queued' && v.ticketLabel) {
    return (
      <>
        <Tag tone="info" icon="ticket">
          {v.ticketLabel}
        </Tag>{' '}
        {v.serviceName ?? ''}{' '}
        {v.ticketToken ? (
          <a href={`/queue/ticket/${v.ticketToken}/print?from=desk&paper=80`}>{t('frontdesk.list.reprint', { label: v.ticketLabel })}</a>
        ) : null}
      </>
    );
  }
  if (v.outcome === 'routed') return <>{`${t('frontdesk.outcomes.routed')}: ${v.divisionName ?? ''}`}</>;
  return <>{t(`frontdesk.outcomes.${v.outcome}`)}</>;
}

export function VisitList(props: { visits: VisitRow[]; withDate?: boolean; caption: string }) {
  const t = useT();
  if (props.visits.length === 0) return <p class="muted">{t('frontdesk.log.none')}</p>;
  return (
    <section class="table-wrap" aria-label={props.caption} tabindex={0}>
      <table class="table fd-list">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(props.withDate ? 'frontdesk.list.date' : 'frontdesk.list.time')}</th>
            <th scope="col">{t('frontdesk.list.purpose')}</th>
            <th scope="col">{t('frontdesk.list.channel')}</th>
            <th scope="col">{t('frontdesk.list.help')}</th>
            <th scope="col">{t('frontdesk.list.outcome')}</th>
            <th scope="col">{t('frontdesk.list.visitor')}</th>
          </tr>
        </thead>
        <tbody>
          {props.visits.map((v) => (
            <tr>
              <td class="nowrap fd-list__time">
                {props.withDate ? `${formatThaiDate(v.visitedAt, { style: 'short' })} ` : ''}
                {formatThaiTime(v.visitedAt)}
              </td>
              <th scope="row">
                {t(purposeLabel(v.purpose))}
                {v.note ? <span class="fd-list__note">{v.note}</span> : null}
              </th>
              <td data-label={t('frontdesk.list.channel')}>{t(`frontdesk.channels.${v.channel}`)}</td>
              <td data-label={t('frontdesk.list.help')}>{v.help.map((h) => t(`frontdesk.help.${h}`)).join(', ') || '–'}</td>
              <td data-label={t('frontdesk.list.outcome')}>
                <OutcomeCell v={v} />
              </td>
              <td
                data-label={t('frontdesk.list.visitor')}
                class={v.personalErasedAt || v.visitorName || v.visitorPhone ? undefined : 'fd-list__none'}
              >
                {v.personalErasedAt ? (
                  <span class="muted">{t('frontdesk.list.erased')}</span>
                ) : (
                  [v.visitorName, v.visitorPhone].filter(Boolean).join(' · ') || '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const head = <link rel="stylesheet" href={assetUrl('frontdesk.css')} />;

export function FrontdeskLogPage(props: VisitFormProps & { today: VisitRow[]; showReport: boolean }) {
  const t = useT();
  return (
    <StaffLayout title={t('frontdesk.log.title')} head={head}>
      <PageHeader title={t('frontdesk.log.title')} lead={t('frontdesk.log.lead')} />
      <FrontdeskTabs current="log" showReport={props.showReport} />
      {props.notice ? (
        <Banner tone="warning" role="alert">
          {props.notice}
        </Banner>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <VisitForm {...props} />
      <h2 id="today">
        {t('frontdesk.log.today')} <span class="fd-count">{t('frontdesk.log.todayCount', { n: props.today.length })}</span>
      </h2>
      <VisitList visits={props.today} caption={t('frontdesk.log.today')} />
    </StaffLayout>
  );
}

export function OutOfHoursPage(props: VisitFormProps & { recent: VisitRow[]; showReport: boolean }) {
  const t = useT();
  return (
    <StaffLayout title={t('frontdesk.ooh.title')} head={head}>
      <PageHeader title={t('frontdesk.ooh.title')} lead={t('frontdesk.ooh.lead')} />
      <FrontdeskTabs current="ooh" showReport={props.showReport} />
      <ErrorSummary errors={props.errors} />
      <VisitForm {...props} />
      <h2 id="recent">{t('frontdesk.ooh.recent')}</h2>
      <VisitList visits={props.recent} withDate caption={t('frontdesk.ooh.recent')} />
    </StaffLayout>
  );
}
