import type { FieldError } from '../../../core/http/errors.js';
import { formatThaiTime } from '../../../core/thai/dates.js';
import { Banner, Button, ErrorSummary, Form, PageHeader, SelectField, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { CounterWithServices, PriorityGroup, QueueService, Ticket } from '../service.js';

export interface CounterPageProps {
  counters: CounterWithServices[];
  counter: CounterWithServices | null;
  current: Ticket | null;
  waiting: Ticket[];
  services: QueueService[];
  groups: PriorityGroup[];
  /** An action that was refused, already translated, shown above the controls. */
  notice: string | null;
  errors: FieldError[];
}

export function CounterPage(props: CounterPageProps) {
  const t = useT();
  const serviceName = (id: number) => props.services.find((s) => s.id === id)?.name ?? '';
  const groupName = (id: number | null) => (id ? (props.groups.find((g) => g.id === id)?.name ?? '') : t('queue.counter.normal'));
  const c = props.counter;
  const base = c ? `/staff/queue/${c.id}` : '';
  const cur = props.current;
  const canCall = !!c && !cur && !c.paused;
  return (
    <StaffLayout title={t('queue.counter.title')}>
      <PageHeader title={t('queue.counter.title')} lead={t('queue.counter.lead')} />
      {props.counters.length === 0 ? (
        <p>{t('queue.counter.none')}</p>
      ) : (
        <Form method="get" action="/staff/queue" class="filters" aria-label={t('queue.counter.choose')}>
          <SelectField
            name="counter"
            label="queue.counter.choose"
            value={c ? String(c.id) : ''}
            options={props.counters.map((x) => ({
              value: String(x.id),
              text: t('queue.counter.counterName', { number: x.number, name: x.name }),
            }))}
          />
          <Button variant="secondary">{t('queue.counter.chooseButton')}</Button>
        </Form>
      )}
      {props.notice ? (
        <Banner tone="warning" role="alert">
          {props.notice}
        </Banner>
      ) : null}
      <ErrorSummary errors={props.errors} />
      {c ? (
        <>
          <section class="panel" aria-labelledby="queue-current">
            <h2 id="queue-current">
              {t('queue.counter.current')} – {t('queue.counter.counterName', { number: c.number, name: c.name })}
            </h2>
            {c.paused ? <Banner tone="info">{t('queue.counter.paused', { reason: c.pausedReason ?? '' })}</Banner> : null}
            {cur ? (
              <p class="lead">
                {t('queue.counter.currentLine', {
                  label: cur.label,
                  service: serviceName(cur.serviceId),
                  status: t(`queue.status.${cur.status}`),
                })}
              </p>
            ) : (
              <p>{t('queue.counter.noCurrent')}</p>
            )}
            <div>
              {!cur && !c.paused ? (
                <Form action={`${base}/call`} class="inline-form">
                  <Button icon="bell">{t('queue.counter.callNext')}</Button>
                </Form>
              ) : null}
              {cur?.status === 'called' ? (
                <>
                  <Form action={`${base}/recall`} class="inline-form">
                    <input type="hidden" name="ticketId" value={String(cur.id)} />
                    <Button variant="secondary">{t('queue.counter.recall')}</Button>
                  </Form>
                  <Form action={`${base}/start`} class="inline-form">
                    <input type="hidden" name="ticketId" value={String(cur.id)} />
                    <Button>{t('queue.counter.start')}</Button>
                  </Form>
                  <Form action={`${base}/no-show`} class="inline-form">
                    <input type="hidden" name="ticketId" value={String(cur.id)} />
                    <Button variant="secondary">{t('queue.counter.noShow')}</Button>
                  </Form>
                </>
              ) : null}
              {cur ? (
                <Form action={`${base}/finish`} class="inline-form">
                  <input type="hidden" name="ticketId" value={String(cur.id)} />
                  <Button variant={cur.status === 'serving' ? 'primary' : 'secondary'}>{t('queue.counter.finish')}</Button>
                </Form>
              ) : null}
            </div>
            {cur ? (
              <Form action={`${base}/transfer`}>
                <input type="hidden" name="ticketId" value={String(cur.id)} />
                <SelectField
                  name="to"
                  label="queue.fields.transferTo"
                  errors={props.errors}
                  options={[
                    ...props.services
                      .filter((s) => s.id !== cur.serviceId)
                      .map((s) => ({ value: `service:${s.id}`, text: t('queue.counter.toService', { prefix: s.prefix, name: s.name }) })),
                    ...props.counters
                      .filter((x) => x.id !== c.id)
                      .map((x) => ({ value: `counter:${x.id}`, text: t('queue.counter.toCounter', { number: x.number, name: x.name }) })),
                  ]}
                />
                <TextField name="transferReason" label="queue.fields.reason" optional errors={props.errors} />
                <Button variant="secondary">{t('queue.counter.transfer')}</Button>
              </Form>
            ) : null}
            {c.paused ? (
              <Form action={`${base}/resume`}>
                <Button variant="secondary">{t('queue.counter.resume')}</Button>
              </Form>
            ) : (
              <details class="counter-pause" open={props.errors.some((e) => e.field === 'reason')}>
                <summary>{t('queue.counter.pause')}</summary>
                <Form action={`${base}/pause`}>
                  <TextField name="reason" label="queue.fields.pauseReason" hint="queue.counter.pauseHint" errors={props.errors} />
                  <Button variant="secondary">{t('queue.counter.pause')}</Button>
                </Form>
              </details>
            )}
          </section>
          <section class="panel" aria-labelledby="queue-waiting">
            <h2 id="queue-waiting">{t('queue.counter.waiting', { n: props.waiting.length })}</h2>
            {props.waiting.length === 0 ? (
              <p>{t('queue.counter.waitingNone')}</p>
            ) : (
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('queue.counter.columns.label')}</th>
                      <th scope="col">{t('queue.counter.columns.service')}</th>
                      <th scope="col">{t('queue.counter.columns.group')}</th>
                      <th scope="col">{t('queue.counter.columns.issuedAt')}</th>
                      {canCall ? <th scope="col">{t('queue.counter.columns.outOfOrder')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {props.waiting.map((w) => (
                      <tr>
                        <td class="nowrap">{w.label}</td>
                        <td>{serviceName(w.serviceId)}</td>
                        <td>{groupName(w.priorityGroupId)}</td>
                        <td class="nowrap">{formatThaiTime(w.issuedAt)}</td>
                        {canCall ? (
                          <td>
                            <details class="call-ticket">
                              <summary>{t('queue.counter.callThis', { label: w.label })}</summary>
                              <Form action={`${base}/call-ticket`}>
                                <input type="hidden" name="ticketId" value={String(w.id)} />
                                <TextField
                                  name={`reason_${w.id}`}
                                  label="queue.fields.outOfOrderReason"
                                  hint="queue.counter.outOfOrderHint"
                                  errors={props.errors}
                                />
                                <Button variant="secondary">{t('queue.counter.callThisButton', { label: w.label })}</Button>
                              </Form>
                            </details>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <nav class="panel" aria-label={t('queue.counter.screens')}>
            <ul class="counter-screens">
              <li>
                <a href="/queue/board">{t('queue.counter.openBoard')}</a>
              </li>
              <li>
                <a href="/queue/kiosk">{t('queue.counter.openKiosk')}</a>
              </li>
            </ul>
          </nav>
        </>
      ) : null}
    </StaffLayout>
  );
}
