import type { Locale, Translate } from '../../../core/i18n/i18n.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { useAppContext, useT } from '../../../core/ui/context.js';
import { DisplayLayout } from '../../../core/ui/layouts.js';
import type { BoardCall, BoardCounter, BoardSnapshot } from '../board.js';

/** How the board's date and clock are written per language (the client uses the same tags). */
export const BOARD_DATE_LOCALES: Record<Locale, string> = { th: 'th-TH-u-ca-buddhist', en: 'en-GB', ms: 'ms-MY' };

export function boardClock(iso: string, locale: Locale): { date: string; time: string } {
  const d = new Date(iso);
  const tag = BOARD_DATE_LOCALES[locale];
  return {
    date: new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeZone: 'Asia/Bangkok' }).format(d),
    time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Bangkok' }).format(d),
  };
}

/** The rows class: fewer counters, bigger numbers (about a fifth of the screen height for up to three). */
export function rowsClass(n: number): string {
  return `calls calls--rows-${Math.min(Math.max(n, 1), 7)}`;
}

/** The strings the board's script needs, from the catalog (it never has text of its own). */
function clientStrings(t: Translate, thai: Translate) {
  return {
    counter: t('queue.board.counter'),
    counterN: t('queue.board.counterN'),
    free: t('queue.board.free'),
    paused: t('queue.board.paused'),
    noRecent: t('queue.board.noRecent'),
    waitingCount: t('queue.board.waitingCount'),
    noCounters: t('queue.board.noCounters'),
    asOf: t('queue.board.asOf'),
    noVoice: t('queue.board.noVoice'),
    announce: t('queue.board.announce'),
    voice: { call: t('queue.board.voice.call'), lang: t('queue.board.voice.lang') },
    // The office's own language, spoken when the screen's language has no voice on this device.
    thaiVoice: { call: thai('queue.board.voice.call'), lang: thai('queue.board.voice.lang') },
  };
}

function CallRow({ counter }: { counter: BoardCounter }) {
  const t = useT();
  const cur = counter.current;
  const state = cur ? 'call' : counter.paused ? 'call call--paused' : 'call call--free';
  return (
    <tr class={state} data-counter={String(counter.number)}>
      <td class="call__label">
        {cur ? (
          <span class="call__number">{cur.label}</span>
        ) : (
          <span class="call__idle">{counter.paused ? t('queue.board.paused') : t('queue.board.free')}</span>
        )}
      </td>
      <td class="call__counter">
        <span class="call__counter-caption">{t('queue.board.counter')}</span>
        <span class="call__counter-number">{counter.number}</span>
      </td>
    </tr>
  );
}

function RecentItem({ call }: { call: BoardCall }) {
  const t = useT();
  return (
    <li class="recent__item">
      <span class="recent__label">{call.label}</span>
      <span class="recent__counter">{t('queue.board.counterN', { n: call.counterNumber })}</span>
    </li>
  );
}

export function BoardPage({ snapshot }: { snapshot: BoardSnapshot }) {
  const c = useAppContext();
  const t = useT();
  const locale = c.get('locale');
  const thai = (key: string) => c.get('app').catalogs.th.get(key) ?? key;
  const clock = boardClock(snapshot.now, locale);
  const head = (
    <>
      {/* Without JavaScript the board shows a fresh snapshot every 15 seconds; with it, the stream keeps it live. */}
      <noscript>
        <meta http-equiv="refresh" content="15" />
      </noscript>
      <link rel="stylesheet" href={assetUrl('queue-board.css')} />
      <script src={assetUrl('queue-board.js')} defer />
    </>
  );
  return (
    <DisplayLayout title={t('queue.board.title')} head={head}>
      <div
        class="board"
        id="board"
        data-events="/api/queue/events"
        data-locale={locale}
        data-date-locale={BOARD_DATE_LOCALES[locale]}
        data-strings={JSON.stringify(clientStrings(t, thai))}
      >
        <header class="board__top">
          <div class="board__heading">
            <h1 class="board__org">{snapshot.orgName}</h1>
            <p class="board__title">{t('queue.board.title')}</p>
          </div>
          <p class="board__clock">
            <span class="board__time" data-board="time">
              {clock.time}
            </span>
            <span class="board__date" data-board="date">
              {clock.date}
            </span>
          </p>
        </header>

        <section class="board__calls" aria-labelledby="board-calls">
          <h2 id="board-calls" class="board__section-title">
            {t('queue.board.nowCalling')}
          </h2>
          {snapshot.counters.length === 0 ? (
            <p class="board__empty" data-board="no-counters">
              {t('queue.board.noCounters')}
            </p>
          ) : null}
          <table class={rowsClass(snapshot.counters.length)} data-board="calls">
            <colgroup>
              <col />
              <col class="calls__col-counter" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('queue.board.number')}</th>
                <th scope="col">{t('queue.board.counter')}</th>
              </tr>
            </thead>
            <tbody data-board="counters">
              {snapshot.counters.map((counter) => (
                <CallRow counter={counter} />
              ))}
            </tbody>
          </table>
        </section>

        <aside class="board__side">
          <section class="board__recent" aria-labelledby="board-recent">
            <h2 id="board-recent" class="board__section-title">
              {t('queue.board.recent')}
            </h2>
            <ol class="recent" data-board="recent">
              {snapshot.recent.length === 0 ? (
                <li class="recent__none">{t('queue.board.noRecent')}</li>
              ) : (
                snapshot.recent.map((call) => <RecentItem call={call} />)
              )}
            </ol>
          </section>
          <section class="board__waiting" aria-labelledby="board-waiting">
            <h2 id="board-waiting" class="board__section-title">
              {t('queue.board.waiting')}
            </h2>
            <ul class="waiting" data-board="waiting">
              {snapshot.waiting.map((w) => (
                <li class="waiting__item">
                  <span class="waiting__prefix">{w.prefix}</span>
                  <span class="waiting__name">{w.name}</span>
                  <span class="waiting__count">{t('queue.board.waitingCount', { n: w.waiting })}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>

        <footer class="board__foot">
          <p class="board__status" data-board="status" role="status" hidden>
            {t('queue.board.reconnecting')}
          </p>
          <p class="board__asof" data-board="asof">
            {t('queue.board.asOf', { time: clock.time })}
          </p>
          <p class="board__voice-note" data-board="no-voice" hidden>
            {t('queue.board.noVoice')}
          </p>
          <button type="button" class="board__sound" data-board="sound" hidden>
            {t('queue.board.soundOn')}
          </button>
        </footer>
        <p class="visually-hidden" aria-live="assertive" data-board="announce" />
      </div>
    </DisplayLayout>
  );
}
