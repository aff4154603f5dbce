import type { FieldError } from '../../../core/http/errors.js';
import { Banner, Button, ChoiceGroup, ErrorSummary, Form, PageHeader, TextField } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import type { PriorityGroup, ServiceSummary } from '../service.js';
import { GENERAL, localName } from './public-common.js';

export interface OnlinePageProps {
  services: ServiceSummary[];
  groups: PriorityGroup[];
  idempotencyKey: string;
  values: { serviceId?: string; priorityGroupId?: string; phone?: string };
  errors: FieldError[];
  /** A refusal (holiday, closed, one ticket at a time), already translated. */
  notice: string | null;
  holiday: string | null;
}

/** Take a number on the public site (when the organization allows it): one thing per page, GOV.UK style. */
export function OnlinePage(props: OnlinePageProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  // On a holiday only the services open around the clock take numbers (as issueTicket decides).
  const takes = (s: ServiceSummary) => s.openNow && (!props.holiday || s.service.alwaysOpen);
  const open = props.services.filter(takes);
  const closed = props.services.filter((s) => !takes(s));
  return (
    <PublicLayout title={t('queue.public.online.title')}>
      <div class="queue-online">
        <PageHeader title={t('queue.public.online.title')} lead={t('queue.public.online.lead')} />
        {props.notice ? (
          <Banner tone="warning" role="alert" title={t('queue.public.online.refused')}>
            <p>{props.notice}</p>
          </Banner>
        ) : null}
        {props.holiday ? <Banner tone="info">{t('queue.public.kiosk.holiday', { name: props.holiday })}</Banner> : null}
        <ErrorSummary errors={props.errors} />
        {open.length === 0 ? (
          <p>{t('queue.public.online.noneOpen')}</p>
        ) : (
          <Form action="/queue/online">
            <input type="hidden" name="key" value={props.idempotencyKey} />
            <ChoiceGroup
              kind="radio"
              name="serviceId"
              label="queue.public.online.service"
              errors={props.errors}
              value={props.values.serviceId ?? null}
              options={open.map((s) => ({
                value: String(s.service.id),
                text: localName(s.service, locale),
                hint: t('queue.public.kiosk.waiting', { n: s.waiting }),
              }))}
            />
            {props.groups.length > 0 ? (
              <ChoiceGroup
                kind="radio"
                name="priorityGroupId"
                label="queue.public.online.group"
                hint="queue.public.online.groupHint"
                errors={props.errors}
                value={props.values.priorityGroupId || GENERAL}
                options={[
                  { value: GENERAL, text: t('queue.public.general') },
                  ...props.groups.map((g) => ({ value: String(g.id), text: localName(g, locale) })),
                ]}
              />
            ) : null}
            <TextField
              name="phone"
              label="queue.public.online.phone"
              hint="queue.public.online.phoneHint"
              type="tel"
              inputmode="tel"
              autocomplete="tel-national"
              width="m"
              maxlength={20}
              value={props.values.phone ?? ''}
              errors={props.errors}
            />
            <Button icon="ticket">{t('queue.public.online.submit')}</Button>
          </Form>
        )}
        {closed.length > 0 ? (
          <p class="muted">
            {t('queue.public.online.closedNow', { services: closed.map((s) => localName(s.service, locale)).join(', ') })}
          </p>
        ) : null}
      </div>
    </PublicLayout>
  );
}

/** The organization does not take numbers online: say so plainly and where to go instead. */
export function OnlineClosedPage() {
  const c = useAppContext();
  const t = useT();
  const org = c.get('org');
  return (
    <PublicLayout title={t('queue.public.online.closedTitle')}>
      <div class="prose">
        <h1>{t('queue.public.online.closedTitle')}</h1>
        <p>{t('queue.public.online.closedBody', { org: org?.names.full ?? '' })}</p>
      </div>
    </PublicLayout>
  );
}
