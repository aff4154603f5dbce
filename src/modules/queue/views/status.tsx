import { assetUrl } from '../../../core/ui/assets.js';
import { ButtonLink, Icon } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { PublicLayout } from '../../../core/ui/layouts.js';
import type { PublicTicket } from '../service.js';
import { RefreshWithoutScript } from './kiosk.js';
import { dayText, localName, ticketDateTime, ticketTime } from './public-common.js';

/** Without JavaScript the page reloads itself this often; with it, the script asks every POLL_SECONDS. */
export const REFRESH_SECONDS = 30;
export const POLL_SECONDS = 10;

export interface StatusPageProps {
  ticket: PublicTicket;
  token: string;
  now: Date;
  /** Today's Bangkok day: a waiting ticket of an earlier day will never be called. */
  today: string;
  /**
   * Issue 5 hook: the satisfaction survey of this ticket, shown once it has been served. Null
   * until the survey module provides one (the finished state then links to it).
   */
  surveyHref: string | null;
  /** Online tickets may take another number after this one ends. */
  onlineHref: string | null;
}

const FINAL = new Set(['finished', 'no_show', 'cancelled']);

/**
 * The ticket's live status (the QR on the ticket leads here): no sign-in, no personal data.
 * It works without JavaScript (reloads every 30 s); queue-status.js polls the status API,
 * swaps the #queue-status block when something changes, and vibrates and beeps when called.
 */
export function StatusPage(props: StatusPageProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const p = props.ticket;
  const expired = !FINAL.has(p.status) && p.day < props.today;
  const live = !FINAL.has(p.status) && !expired;
  return (
    <PublicLayout
      title={t('queue.public.status.title', { label: p.label })}
      head={
        <>
          <link rel="stylesheet" href={assetUrl('queue-public.css')} />
          {live ? (
            <>
              <script src={assetUrl('queue-status.js')} defer />
              <RefreshWithoutScript seconds={REFRESH_SECONDS} />
            </>
          ) : null}
        </>
      }
    >
      <div
        class="queue-status"
        id="queue-status"
        data-token={props.token}
        data-status={expired ? 'expired' : p.status}
        data-live={live ? 'true' : 'false'}
        data-poll={String(POLL_SECONDS)}
      >
        <p class="queue-status__service">{localName({ name: p.serviceName, nameEn: p.serviceNameEn }, locale)}</p>
        <h1 class="queue-status__heading">
          <span class="queue-status__caption">{t('queue.public.status.heading')}</span>
          <span class="queue-status__label">{p.label}</span>
        </h1>
        <StatusBlock {...props} expired={expired} />
        <p class="queue-status__meta">
          {t('queue.public.status.issuedAt', { datetime: ticketDateTime(p.issuedAt, locale) })}
          <br />
          <span data-status-updated>{t('queue.public.status.updated', { time: ticketTime(props.now, locale) })}</span>
          {live ? (
            <>
              <br />
              <span class="js-only" hidden>
                {t('queue.public.status.autoUpdate', { seconds: POLL_SECONDS })}
              </span>
              <noscript>{t('queue.public.status.autoUpdate', { seconds: REFRESH_SECONDS })}</noscript>
            </>
          ) : null}
        </p>
      </div>
      {live ? (
        <div class="queue-status__tools">
          <p class="queue-status__offline" data-status-offline hidden role="status">
            <Icon name="triangle-alert" size={20} /> {t('queue.public.status.offline')}
          </p>
          <button class="button button--secondary queue-status__sound" type="button" data-status-sound hidden aria-pressed="false">
            <Icon name="bell" />
            <span data-off={t('queue.public.status.sound')} data-on={t('queue.public.status.soundOn')}>
              {t('queue.public.status.sound')}
            </span>
          </button>
          <p class="queue-status__keep">{t('queue.public.status.keepOpen')}</p>
        </div>
      ) : null}
    </PublicLayout>
  );
}

function StatusBlock(props: StatusPageProps & { expired: boolean }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const p = props.ticket;
  if (props.expired) {
    return (
      <div class="queue-status__box queue-status__box--ended" role="status">
        <p class="queue-status__big">{t('queue.public.status.expired', { date: dayText(p.day, locale) })}</p>
        {props.onlineHref ? <ButtonLink href={props.onlineHref}>{t('queue.public.status.takeAnother')}</ButtonLink> : null}
      </div>
    );
  }
  switch (p.status) {
    case 'called':
      return (
        <div class="queue-status__box queue-status__box--called" role="alert">
          <p class="queue-status__called-title">
            <Icon name="bell" size={32} /> {t('queue.public.status.calledTitle')}
          </p>
          <p class="queue-status__goto">
            {t('queue.public.status.goTo')} <span class="queue-status__counter">{p.counterNumber ?? '–'}</span>
          </p>
        </div>
      );
    case 'serving':
      return (
        <div class="queue-status__box queue-status__box--serving" role="status">
          <p class="queue-status__big">{t('queue.public.status.serving', { counter: p.counterNumber ?? '–' })}</p>
        </div>
      );
    case 'finished':
      return (
        <div class="queue-status__box queue-status__box--done" role="status">
          <p class="queue-status__big">
            <Icon name="circle-check" size={32} /> {t('queue.public.status.finished')}
          </p>
          <p>{t('queue.public.status.finishedBody')}</p>
          {/* Issue 5: the satisfaction survey link goes here (props.surveyHref). */}
          {props.surveyHref ? (
            <p data-survey>
              <a class="button button--primary" href={props.surveyHref}>
                {t('queue.public.status.survey')}
              </a>
            </p>
          ) : null}
        </div>
      );
    case 'no_show':
      return (
        <div class="queue-status__box queue-status__box--ended" role="status">
          <p class="queue-status__big">{t('queue.public.status.noShow')}</p>
        </div>
      );
    case 'cancelled':
      return (
        <div class="queue-status__box queue-status__box--ended" role="status">
          <p class="queue-status__big">{t('queue.public.status.cancelled')}</p>
          {props.onlineHref ? <ButtonLink href={props.onlineHref}>{t('queue.public.status.takeAnother')}</ButtonLink> : null}
        </div>
      );
    default:
      // issued or transferred: waiting.
      return (
        <div class="queue-status__box queue-status__box--waiting" role="status">
          {p.status === 'transferred' ? <p>{t('queue.public.status.transferred')}</p> : null}
          {p.waitingAhead > 0 ? (
            <>
              <p class="queue-status__big">{t('queue.public.status.ahead', { n: p.waitingAhead })}</p>
              <p class="queue-status__estimate">
                <Icon name="clock" size={24} /> {t('queue.public.status.estimate', { minutes: p.estimateMinutes })}
              </p>
            </>
          ) : (
            <p class="queue-status__big">{t('queue.public.status.next')}</p>
          )}
        </div>
      );
  }
}
