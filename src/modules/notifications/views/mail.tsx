import { formatThaiDateTime } from '../../../core/thai/dates.js';
import { Banner, Button, Card, Form, PageHeader, Tag, type Tone } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { MAIL_STATUSES, type MailStatus, type OutboxOverview } from '../service.js';

const TONE: Record<MailStatus, Tone> = { pending: 'warning', sent: 'success', failed: 'danger' };

const statusOf = (s: string): MailStatus => ((MAIL_STATUSES as readonly string[]).includes(s) ? (s as MailStatus) : 'pending');

/** The organization's outbox for its administrators: how much waits, what failed and why. */
export function MailPage(props: { overview: OutboxOverview; smtpConfigured: boolean }) {
  const t = useT();
  const { counts, recent } = props.overview;
  return (
    <StaffLayout title={t('notifications.mail.title')}>
      <PageHeader
        title={t('notifications.mail.title')}
        lead={t('notifications.mail.lead')}
        actions={
          counts.failed > 0 ? (
            <Form action="/staff/admin/mail/retry">
              <Button variant="secondary" icon="mail">
                {t('notifications.mail.retry')}
              </Button>
            </Form>
          ) : null
        }
      />
      {props.smtpConfigured ? null : <Banner tone="warning">{t('notifications.mail.notConfigured')}</Banner>}
      <h2 class="visually-hidden">{t('notifications.mail.counts')}</h2>
      <div class="grid">
        {MAIL_STATUSES.map((s) => (
          <Card>
            <p>
              <Tag tone={TONE[s]}>{t(`notifications.mail.status.${s}`)}</Tag>
            </p>
            <p class="stat">{counts[s].toLocaleString('th-TH')}</p>
          </Card>
        ))}
      </div>
      <h2 class="form-section">{t('notifications.mail.recent', { n: recent.length })}</h2>
      {recent.length === 0 ? (
        <p>{t('notifications.mail.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('notifications.mail.recent', { n: recent.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.mail.columns.created')}</th>
                <th scope="col">{t('notifications.mail.columns.to')}</th>
                <th scope="col">{t('notifications.mail.columns.subject')}</th>
                <th scope="col">{t('notifications.mail.columns.status')}</th>
                <th scope="col" class="num">
                  {t('notifications.mail.columns.attempts')}
                </th>
                <th scope="col">{t('notifications.mail.columns.next')}</th>
                <th scope="col">{t('notifications.mail.columns.error')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((m) => {
                const status = statusOf(m.status);
                return (
                  <tr>
                    <td class="nowrap">{formatThaiDateTime(m.createdAt)}</td>
                    <td>{m.toAddress}</td>
                    <td>{m.subject}</td>
                    <td>
                      <Tag tone={TONE[status]}>{t(`notifications.mail.status.${status}`)}</Tag>
                    </td>
                    <td class="num">{m.attempts}</td>
                    <td class="nowrap">
                      {status === 'sent' && m.sentAt
                        ? `${t('notifications.mail.columns.sentAt')} ${formatThaiDateTime(m.sentAt)}`
                        : status === 'pending'
                          ? formatThaiDateTime(m.nextAttemptAt)
                          : '—'}
                    </td>
                    <td>{m.lastError ? <span class="mono">{m.lastError}</span> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
