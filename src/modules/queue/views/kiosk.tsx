import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { assetUrl } from '../../../core/ui/assets.js';
import { CsrfField, Icon } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { KioskLayout } from '../../../core/ui/layouts.js';
import type { PriorityGroup, QueueService, ServiceSummary } from '../service.js';
import { localName, type Paper } from './public-common.js';

export interface KioskPageProps {
  /** services: the start; group: the chosen service's priority-group question; error: a refusal. */
  step: 'services' | 'group' | 'error';
  services: ServiceSummary[];
  groups: PriorityGroup[];
  selected?: QueueService | null;
  /** One per page render: a double press sends the same key and gets the same ticket. */
  idempotencyKey: string;
  paper: Paper;
  /** The day's holiday, when the office is closed. */
  holiday: string | null;
  /** A refusal, already translated. */
  error?: string | null;
  returnSeconds: number;
}

/** The kiosk's start, with the paper setting of this kiosk kept. */
export function kioskStart(paper: Paper): string {
  return paper === '80' ? '/queue/kiosk' : `/queue/kiosk?paper=${paper}`;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A reload (to `url`) only for browsers without JavaScript; with it, the script decides. Written
 * as raw HTML: hono/jsx would lift a <meta> out of its <noscript> into the head.
 */
export function RefreshWithoutScript(props: { seconds: number; url?: string }) {
  const content = props.url ? `${props.seconds};url=${props.url}` : String(props.seconds);
  return raw(`<noscript><meta http-equiv="refresh" content="${attr(content)}"></noscript>`);
}

/** The head of every kiosk screen: its CSS and script; without JavaScript a refresh back to the start. */
export function KioskHead(props: { returnUrl: string; seconds: number }) {
  return (
    <>
      <link rel="stylesheet" href={assetUrl('queue-public.css')} />
      <script src={assetUrl('queue-kiosk.js')} defer />
      <RefreshWithoutScript seconds={props.seconds} url={props.returnUrl} />
    </>
  );
}

export function KioskPage(props: KioskPageProps) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const start = kioskStart(props.paper);
  // The start screen refreshes now and then (hours open and close); the others return to it.
  const seconds = props.step === 'services' ? 300 : props.returnSeconds;
  const directIssue = props.groups.length === 0;
  const hidden = (
    <>
      <CsrfField />
      <input type="hidden" name="key" value={props.idempotencyKey} />
      <input type="hidden" name="paper" value={props.paper} />
    </>
  );
  return (
    <KioskLayout title={t('queue.public.kiosk.title')} head={<KioskHead returnUrl={start} seconds={seconds} />}>
      <div
        class="kiosk"
        data-kiosk-return={start}
        data-kiosk-seconds={String(props.step === 'services' ? 0 : props.returnSeconds)}
        data-kiosk-working={t('queue.public.kiosk.working')}
      >
        {props.step === 'error' ? (
          <section class="kiosk-message" role="alert" aria-labelledby="kiosk-title">
            <span class="kiosk-message__icon" aria-hidden="true">
              <Icon name="info" size={96} />
            </span>
            <h1 id="kiosk-title" class="kiosk-title">
              {t('queue.public.kiosk.errorTitle')}
            </h1>
            <p class="kiosk-message__text">{props.error}</p>
            <p class="kiosk-message__help">{t('queue.public.kiosk.errorHelp')}</p>
            <a class="kiosk-button kiosk-button--primary" href={start}>
              <Icon name="house" size={40} />
              <span>{t('queue.public.kiosk.tryAgain')}</span>
            </a>
            <Returning seconds={props.returnSeconds} />
          </section>
        ) : props.step === 'group' && props.selected ? (
          <section aria-labelledby="kiosk-title">
            <p class="kiosk-chosen">
              <span class="kiosk-prefix" aria-hidden="true">
                {props.selected.prefix}
              </span>
              {t('queue.public.kiosk.forService', { service: localName(props.selected, locale) })}
            </p>
            <h1 id="kiosk-title" class="kiosk-title">
              {t('queue.public.kiosk.chooseGroup')}
            </h1>
            <p class="kiosk-hint">{t('queue.public.kiosk.chooseGroupHint')}</p>
            <form method="post" action="/queue/kiosk" class="kiosk-form" data-kiosk-form>
              {hidden}
              <input type="hidden" name="serviceId" value={String(props.selected.id)} />
              <div class="kiosk-grid kiosk-grid--groups">
                {props.groups.map((g) => (
                  <button class="kiosk-button kiosk-button--group" type="submit" name="priorityGroupId" value={String(g.id)}>
                    <Icon name="users" size={44} />
                    <span>{localName(g, locale)}</span>
                  </button>
                ))}
                <button class="kiosk-button kiosk-button--primary" type="submit" name="priorityGroupId" value="">
                  <Icon name="ticket" size={44} />
                  <span>{t('queue.public.general')}</span>
                </button>
              </div>
            </form>
            <a class="kiosk-button kiosk-button--back" href={start}>
              <Icon name="chevron-left" size={40} />
              <span>{t('queue.public.kiosk.back')}</span>
            </a>
            <Returning seconds={props.returnSeconds} />
          </section>
        ) : (
          <section aria-labelledby="kiosk-title">
            <h1 id="kiosk-title" class="kiosk-title">
              {t('queue.public.kiosk.chooseService')}
            </h1>
            <p class="kiosk-hint">{t('queue.public.kiosk.chooseServiceHint')}</p>
            {props.holiday ? (
              <p class="kiosk-closed-day" role="status">
                <Icon name="info" size={40} /> {t('queue.public.kiosk.holiday', { name: props.holiday })}
              </p>
            ) : null}
            {props.services.length === 0 ? <p class="kiosk-closed-day">{t('queue.public.kiosk.noServices')}</p> : null}
            <ServiceButtons {...props} start={start} direct={directIssue} hidden={hidden} />
          </section>
        )}
      </div>
    </KioskLayout>
  );
}

function ServiceButtons(props: KioskPageProps & { start: string; direct: boolean; hidden: Child }) {
  const t = useT();
  const locale = useAppContext().get('locale');
  const sep = props.start.includes('?') ? '&' : '?';
  const items = props.services.map(({ service, openNow: openByHours, hoursToday, waiting }) => {
    // On a holiday only the services open around the clock take numbers (as issueTicket decides).
    const holidayClosed = props.holiday !== null && !service.alwaysOpen;
    const openNow = openByHours && !holidayClosed;
    const body = (
      <>
        <span class="kiosk-prefix" aria-hidden="true">
          {service.prefix}
        </span>
        <span class="kiosk-service__text">
          <span class="kiosk-service__name">{localName(service, locale)}</span>
          <span class="kiosk-service__meta">
            {openNow
              ? t('queue.public.kiosk.waiting', { n: waiting })
              : holidayClosed
                ? t('queue.public.kiosk.closedHoliday')
                : hoursToday
                  ? t('queue.public.kiosk.closedHours', { hours: hoursToday })
                  : t('queue.public.kiosk.closedToday')}
          </span>
        </span>
      </>
    );
    if (!openNow) {
      return (
        <li>
          <span class="kiosk-service kiosk-service--closed" aria-disabled="true">
            {body}
            <span class="kiosk-service__tag">{t('queue.public.kiosk.closedTag')}</span>
          </span>
        </li>
      );
    }
    return (
      <li>
        {props.direct ? (
          <button class="kiosk-service" type="submit" name="serviceId" value={String(service.id)}>
            {body}
          </button>
        ) : (
          <a class="kiosk-service" href={`${props.start}${sep}service=${service.id}`}>
            {body}
          </a>
        )}
      </li>
    );
  });
  const list = <ul class="kiosk-grid kiosk-services">{items}</ul>;
  return props.direct ? (
    <form method="post" action="/queue/kiosk" class="kiosk-form" data-kiosk-form>
      {props.hidden}
      {list}
    </form>
  ) : (
    list
  );
}

/** "Going back to the start in 20 seconds": shown and counted down by the kiosk script. */
function Returning({ seconds }: { seconds: number }) {
  const t = useT();
  return (
    <p class="kiosk-returning" data-kiosk-countdown={t('queue.public.kiosk.returning')} hidden>
      {t('queue.public.kiosk.returning', { seconds })}
    </p>
  );
}
