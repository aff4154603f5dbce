import type { FieldError } from '../../../core/http/errors.js';
import { Banner, Button, ChoiceGroup, ErrorSummary, Form, PageHeader } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { PriorityGroup, ServiceSummary } from '../service.js';
import { GENERAL, localName, type Paper } from './public-common.js';

export interface FrontDeskProps {
  services: ServiceSummary[];
  groups: PriorityGroup[];
  idempotencyKey: string;
  paper: Paper;
  values: { serviceId?: string; priorityGroupId?: string };
  errors: FieldError[];
  /** A refusal (closed, holiday), already translated. */
  notice: string | null;
}

/** The front desk (จุดแรกรับ) issues a ticket for a visitor in person, then prints it. */
export function FrontDeskPage(props: FrontDeskProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  return (
    <StaffLayout title={t('queue.public.desk.title')}>
      <PageHeader title={t('queue.public.desk.title')} lead={t('queue.public.desk.lead')} />
      {props.notice ? (
        <Banner tone="warning" role="alert">
          {props.notice}
        </Banner>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <Form action="/staff/queue/issue">
        <input type="hidden" name="key" value={props.idempotencyKey} />
        <ChoiceGroup
          kind="radio"
          name="serviceId"
          label="queue.public.desk.service"
          errors={props.errors}
          value={props.values.serviceId ?? null}
          options={props.services.map((s) => ({
            value: String(s.service.id),
            text: t(s.openNow ? 'queue.public.desk.serviceOption' : 'queue.public.desk.serviceClosed', {
              prefix: s.service.prefix,
              name: localName(s.service, locale),
              n: s.waiting,
            }),
          }))}
        />
        {props.groups.length > 0 ? (
          <ChoiceGroup
            kind="radio"
            name="priorityGroupId"
            label="queue.public.desk.group"
            errors={props.errors}
            inline
            value={props.values.priorityGroupId || GENERAL}
            options={[
              { value: GENERAL, text: t('queue.public.general') },
              ...props.groups.map((g) => ({ value: String(g.id), text: localName(g, locale) })),
            ]}
          />
        ) : null}
        <ChoiceGroup
          kind="radio"
          name="paper"
          label="queue.public.desk.paper"
          inline
          value={props.paper}
          options={[
            { value: '80', text: t('queue.public.desk.paper80') },
            { value: '58', text: t('queue.public.desk.paper58') },
          ]}
        />
        <Button icon="ticket">{t('queue.public.desk.submit')}</Button>
      </Form>
    </StaffLayout>
  );
}
