import { formatThaiDate } from '../../../core/thai/dates.js';
import { ButtonLink, PageHeader, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { caseHref, type Inbox } from '../service.js';
import { CaseStatusTag } from './parts.js';

/**
 * The signing folder (แฟ้มเสนอลงนาม), phone first: what waits for me at the top, each document a
 * card with one large button; then what I sent and what has finished.
 */
export function RoutingInboxPage({ inbox }: { inbox: Inbox }) {
  const t = useT();
  return (
    <StaffLayout title={t('routing.inbox.title')}>
      <PageHeader title={t('routing.inbox.title')} lead={t('routing.inbox.lead')} />

      <section aria-labelledby="waiting">
        <h2 id="waiting">
          {t('routing.inbox.waiting')} {inbox.waiting.length > 0 ? <Tag tone="warning">{String(inbox.waiting.length)}</Tag> : null}
        </h2>
        {inbox.waiting.length === 0 ? (
          <p>{t('routing.inbox.waitingNone')}</p>
        ) : (
          <ol class="inbox">
            {inbox.waiting.map((w) => (
              <li class="inbox__item inbox__item--unread" id={`step-${w.step.id}`}>
                <p class="inbox__meta">
                  <Tag tone={w.daysWaiting >= 3 ? 'danger' : w.daysWaiting >= 1 ? 'warning' : 'info'} icon="clock">
                    {w.daysWaiting > 0 ? t('routing.inbox.daysWaiting', { n: w.daysWaiting }) : t('routing.inbox.today')}
                  </Tag>
                </p>
                <h3 class="inbox__title">{w.case.title}</h3>
                <p class="inbox__body muted">{w.step.heading}</p>
                <div class="inbox__actions">
                  <ButtonLink href={caseHref(w.case.id)} variant="primary" icon="pencil">
                    {t('routing.inbox.open')}
                  </ButtonLink>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="sent">
        <h2 id="sent">{t('routing.inbox.sent')}</h2>
        {inbox.sent.length === 0 ? (
          <p>{t('routing.inbox.sentNone')}</p>
        ) : (
          <ol class="inbox">
            {inbox.sent.map((s) => (
              <li class="inbox__item">
                <p class="inbox__meta">
                  <CaseStatusTag status={s.case.status} />{' '}
                  <span class="muted">
                    {t('routing.inbox.submittedOn', { date: formatThaiDate(s.case.submittedAt, { style: 'short' }) })}
                  </span>
                </p>
                <h3 class="inbox__title">
                  <a href={caseHref(s.case.id)}>{s.case.title}</a>
                </h3>
                {s.current.length > 0 ? (
                  <p class="inbox__body">{t('routing.inbox.waitingAt', { names: s.current.map((x) => x.assigneeName).join(', ') })}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="done">
        <h2 id="done">{t('routing.inbox.done')}</h2>
        {inbox.done.length === 0 ? (
          <p>{t('routing.inbox.doneNone')}</p>
        ) : (
          <ol class="inbox">
            {inbox.done.map((c) => (
              <li class="inbox__item">
                <p class="inbox__meta">
                  <CaseStatusTag status={c.status} />{' '}
                  {c.completedAt ? <span class="muted">{formatThaiDate(c.completedAt, { style: 'short' })}</span> : null}
                </p>
                <h3 class="inbox__title">
                  <a href={caseHref(c.id)}>{c.title}</a>
                </h3>
              </li>
            ))}
          </ol>
        )}
      </section>
    </StaffLayout>
  );
}
