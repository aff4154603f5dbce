import { raw } from 'hono/html';
import { assetUrl } from '../../../core/ui/assets.js';
import { Icon } from '../../../core/ui/components.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { OrgFullName } from '../../../core/ui/names.js';
import type { PublicTicket } from '../service.js';
import { RefreshWithoutScript } from './kiosk.js';
import { localName, type Paper, ticketDateTime } from './public-common.js';

export interface TicketPrintProps {
  ticket: PublicTicket;
  token: string;
  /** The QR code (SVG from src/core/qr.ts) to the live status page. */
  qr: string;
  paper: Paper;
  /** Where the page was opened from: the kiosk (big, returns to the start), the front desk, or a reprint. */
  from: 'kiosk' | 'desk' | null;
  /** Print as soon as the page has loaded (the kiosk and the front desk after issuing). */
  autoPrint: boolean;
  /** Where "done" leads (the kiosk's start with its paper setting, or the front desk's form). */
  doneHref: string;
  returnSeconds: number;
}

/**
 * The printed ticket. One page for screen and paper: on screen the slip is shown with what to
 * do next; in print only the slip, black on white, sized by @page for 80 mm or 58 mm rolls
 * (queue-public.css; the kiosk script fits the page length to the slip before printing).
 */
export function TicketPrintPage(props: TicketPrintProps) {
  const c = useAppContext();
  const t = useT();
  const locale = c.get('locale');
  const org = c.get('org');
  const p = props.ticket;
  const kiosk = props.from === 'kiosk';
  const title = t('queue.public.ticket.title', { label: p.label });
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{org ? `${title} — ${org.names.short}` : title}</title>
        <link rel="stylesheet" href={assetUrl('fonts.css')} />
        <link rel="stylesheet" href={assetUrl('app.css')} />
        {org ? <link rel="stylesheet" href={`/theme.css?v=${org.version}`} /> : null}
        <link rel="stylesheet" href={assetUrl('queue-public.css')} />
        <script src={assetUrl('queue-kiosk.js')} defer />
        {kiosk ? <RefreshWithoutScript seconds={props.returnSeconds} url={props.doneHref} /> : null}
      </head>
      <body class={`ticket-page paper-${props.paper}${kiosk ? ' ticket-page--kiosk' : ''}`}>
        <main
          class="ticket-screen"
          data-ticket-print={props.autoPrint ? 'auto' : 'manual'}
          data-paper={props.paper}
          data-kiosk-return={kiosk ? props.doneHref : undefined}
          data-kiosk-seconds={kiosk ? String(props.returnSeconds) : undefined}
        >
          <div class="ticket-screen__intro screen-only">
            <h1 class="ticket-screen__title">{kiosk ? t('queue.public.ticket.take') : title}</h1>
            {kiosk ? <p class="ticket-screen__hint">{t('queue.public.ticket.takeHint')}</p> : null}
          </div>
          <article class="ticket" aria-label={title}>
            {org ? (
              <p class="ticket__org">
                <OrgFullName typeFull={org.names.typeFull} name={org.name} />
              </p>
            ) : null}
            <p class="ticket__service">{localName({ name: p.serviceName, nameEn: p.serviceNameEn }, locale)}</p>
            <p class="ticket__caption">{t('queue.public.ticket.number')}</p>
            <p class="ticket__number">{p.label}</p>
            <p class="ticket__ahead">
              {p.waitingAhead > 0 ? t('queue.public.ticket.ahead', { n: p.waitingAhead }) : t('queue.public.ticket.aheadNone')}
              {p.waitingAhead > 0 ? (
                <>
                  <br />
                  {t('queue.public.ticket.estimate', { minutes: p.estimateMinutes })}
                </>
              ) : null}
            </p>
            <div class="ticket__qr">{raw(props.qr)}</div>
            <p class="ticket__scan">{t('queue.public.ticket.scan')}</p>
            <p class="ticket__time">{t('queue.public.ticket.issuedAt', { datetime: ticketDateTime(p.issuedAt, locale) })}</p>
            <p class="ticket__keep">{t('queue.public.ticket.keep')}</p>
          </article>
          <div class="ticket-screen__actions screen-only">
            <button class="button button--secondary" type="button" data-ticket-print-again hidden>
              <Icon name="ticket" />
              <span>{t('queue.public.ticket.printAgain')}</span>
            </button>
            <a class="button button--primary" href={props.doneHref}>
              <Icon name={props.from === 'desk' ? 'plus' : 'house'} />
              <span>{props.from === 'desk' ? t('queue.public.ticket.issueAnother') : t('queue.public.ticket.done')}</span>
            </a>
            {kiosk ? null : (
              <a class="button button--quiet" href={`/queue/t/${props.token}`}>
                <Icon name="clock" />
                <span>{t('queue.public.ticket.follow')}</span>
              </a>
            )}
          </div>
          {kiosk ? (
            <p class="kiosk-returning screen-only" data-kiosk-countdown={t('queue.public.kiosk.returning')} hidden>
              {t('queue.public.kiosk.returning', { seconds: props.returnSeconds })}
            </p>
          ) : null}
        </main>
      </body>
    </html>
  );
}
