// The display board, live: follows GET /api/queue/events (Server-Sent Events), updates the page
// in place, and announces each call with a chime (generated with WebAudio) and a voice
// (speechSynthesis): "ขอเชิญหมายเลข A ๑๒ ที่ช่องบริการ ๒". Without a voice for the language on
// this device, the chime alone. Without this script the page refreshes itself every 15 s.
(() => {
  const root = document.getElementById('board');
  if (!root || typeof window.EventSource !== 'function') return;

  const S = JSON.parse(root.getAttribute('data-strings') || '{}');
  const url = root.getAttribute('data-events') || '/api/queue/events';
  const dateLocale = root.getAttribute('data-date-locale') || 'th-TH-u-ca-buddhist';
  const part = (name) => root.querySelector(`[data-board="${name}"]`);
  const fill = (template, params) =>
    String(template || '').replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined ? m : String(params[k])));

  // ------------------------------------------------------------------------------------------
  // The page

  const FLASH_MS = 5000;
  const flashing = new Map(); // counter number → until (ms)

  function text(tag, cls, value) {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = value;
    return el;
  }

  function setText(el, value) {
    if (el.textContent !== value) el.textContent = value;
  }

  function rowFor(counter) {
    const body = part('counters');
    let row = body.querySelector(`tr[data-counter="${counter.number}"]`);
    if (!row) {
      row = document.createElement('tr');
      row.setAttribute('data-counter', String(counter.number));
      const label = document.createElement('td');
      label.className = 'call__label';
      const where = document.createElement('td');
      where.className = 'call__counter';
      where.append(text('span', 'call__counter-caption', S.counter), text('span', 'call__counter-number', String(counter.number)));
      row.append(label, where);
    }
    return row;
  }

  function paintRow(row, counter) {
    const cur = counter.current;
    const label = row.querySelector('.call__label');
    const want = cur ? 'call__number' : 'call__idle';
    let inner = label.firstElementChild;
    if (!inner || inner.className !== want) {
      inner = text('span', want, '');
      label.replaceChildren(inner);
    }
    setText(inner, cur ? cur.label : counter.paused ? S.paused : S.free);
    const until = flashing.get(counter.number) || 0;
    const cls = `call${cur ? '' : counter.paused ? ' call--paused' : ' call--free'}${until > Date.now() ? ' call--new' : ''}`;
    if (row.className !== cls) row.className = cls;
  }

  function renderCounters(counters) {
    const body = part('counters');
    const table = part('calls');
    table.className = `calls calls--rows-${Math.min(Math.max(counters.length, 1), 7)}`;
    const rows = counters.map((c) => {
      const row = rowFor(c);
      paintRow(row, c);
      return row;
    });
    // In counter order; rows of counters that are gone are dropped.
    rows.forEach((row, i) => {
      if (body.children[i] !== row) body.insertBefore(row, body.children[i] || null);
    });
    while (body.children.length > rows.length) body.lastElementChild.remove();
    const none = part('no-counters');
    if (none) none.hidden = counters.length > 0;
  }

  function renderRecent(recent) {
    const list = part('recent');
    const items = recent.length
      ? recent.map((call) => {
          const li = document.createElement('li');
          li.className = 'recent__item';
          li.append(
            text('span', 'recent__label', call.label),
            text('span', 'recent__counter', fill(S.counterN, { n: call.counterNumber })),
          );
          return li;
        })
      : [text('li', 'recent__none', S.noRecent)];
    list.replaceChildren(...items);
  }

  function renderWaiting(waiting) {
    part('waiting').replaceChildren(
      ...waiting.map((w) => {
        const li = document.createElement('li');
        li.className = 'waiting__item';
        li.append(
          text('span', 'waiting__prefix', w.prefix),
          text('span', 'waiting__name', w.name),
          text('span', 'waiting__count', fill(S.waitingCount, { n: w.waiting })),
        );
        return li;
      }),
    );
  }

  const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Bangkok' });
  let dateFormat;
  try {
    dateFormat = new Intl.DateTimeFormat(dateLocale, { dateStyle: 'full', timeZone: 'Asia/Bangkok' });
  } catch {
    dateFormat = new Intl.DateTimeFormat('th-TH', { dateStyle: 'full', timeZone: 'Asia/Bangkok' });
  }

  function renderClock() {
    const now = new Date();
    setText(part('time'), timeFormat.format(now));
    setText(part('date'), dateFormat.format(now));
  }

  function renderSnapshot(s) {
    renderCounters(s.counters || []);
    renderRecent(s.recent || []);
    renderWaiting(s.waiting || []);
    setText(part('asof'), fill(S.asOf, { time: timeFormat.format(new Date(s.now)) }));
  }

  // ------------------------------------------------------------------------------------------
  // Sound: a chime, then the voice

  const SOUND_KEY = 'prongsai.board.sound';
  let audio = null;
  let soundOn = false;

  function audioContext() {
    if (!audio) {
      const AC = window.AudioContext || window.webkitAudioContext;
      if (AC) audio = new AC();
    }
    return audio;
  }

  const wait = (ms) => new Promise((r) => setTimeout(r, ms));

  // Two falling tones, like a shop's door chime; generated, so no audio file to load.
  function chime() {
    const ctx = audioContext();
    if (ctx?.state !== 'running') return wait(0);
    const t0 = ctx.currentTime + 0.05;
    for (const [freq, at] of [
      [659.25, 0],
      [523.25, 0.5],
    ]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + at);
      gain.gain.exponentialRampToValueAtTime(0.45, t0 + at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + at + 1.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + at);
      osc.stop(t0 + at + 1.35);
    }
    return wait(1500);
  }

  const synth = window.speechSynthesis || null;

  function voiceFor(lang) {
    if (!synth) return null;
    const want = lang.toLowerCase();
    const voices = synth.getVoices() || [];
    const norm = (v) =>
      String(v.lang || '')
        .replace('_', '-')
        .toLowerCase();
    return voices.find((v) => norm(v) === want) || voices.find((v) => norm(v).split('-')[0] === want.split('-')[0]) || null;
  }

  const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
  const digitsFor = (lang, n) =>
    lang.toLowerCase().startsWith('th') ? String(n).replace(/\d/g, (d) => THAI_DIGITS[Number(d)]) : String(n);

  /**
   * What to say for a call: the prefix letter by letter, the number without leading zeros,
   * the counter number — Thai digits for a Thai voice. The screen's language first, then Thai.
   */
  function utteranceFor(call) {
    const m = /^([A-Za-z]*)0*(\d+)$/.exec(call.label);
    for (const v of [S.voice, S.thaiVoice]) {
      if (!v?.lang) continue;
      const voice = voiceFor(v.lang);
      if (!voice) continue;
      const letters = m ? m[1].split('').join(' ') : call.label;
      const number = m ? digitsFor(v.lang, Number(m[2])) : '';
      const said = fill(v.call, { letters, number, counter: digitsFor(v.lang, call.counterNumber) })
        .replace(/\s+/g, ' ')
        .trim();
      return { text: said, lang: v.lang, voice };
    }
    return null;
  }

  function say(u) {
    return new Promise((resolve) => {
      const utterance = new window.SpeechSynthesisUtterance(u.text);
      utterance.lang = u.lang;
      utterance.voice = u.voice;
      utterance.rate = 0.9;
      const done = () => {
        clearTimeout(guard);
        resolve();
      };
      // Some engines never fire 'end': do not let one call hold back the next.
      const guard = setTimeout(done, 12000);
      utterance.onend = done;
      utterance.onerror = done;
      synth.speak(utterance);
    });
  }

  const announcements = [];
  let announcing = false;

  async function announce(call) {
    setText(part('announce'), fill(S.announce, { label: call.label, counter: call.counterNumber }));
    if (!soundOn) return;
    announcements.push(call);
    if (announcing) return;
    announcing = true;
    try {
      while (announcements.length) {
        const next = announcements.shift();
        await chime();
        const u = utteranceFor(next);
        part('no-voice').hidden = !!u || !synth;
        if (u) await say(u);
        await wait(400);
      }
    } finally {
      announcing = false;
    }
  }

  const soundButton = part('sound');

  function showSound() {
    soundButton.hidden = false;
    soundButton.setAttribute('aria-pressed', soundOn ? 'true' : 'false');
    soundButton.classList.toggle('board__sound--on', soundOn);
  }

  // Browsers let a page make sound only after a person touched it (autoplay policy): the
  // button is that touch. The choice is remembered; a kiosk-mode browser that allows autoplay
  // starts with sound by itself.
  soundButton.addEventListener('click', () => {
    soundOn = !soundOn;
    try {
      localStorage.setItem(SOUND_KEY, soundOn ? 'on' : 'off');
    } catch {
      /* private mode: remembered for this page only */
    }
    if (soundOn) {
      const ctx = audioContext();
      if (ctx && ctx.state !== 'running') ctx.resume().catch(() => {});
      if (synth) {
        // Speaking once inside the click unlocks speech for later calls.
        const u = new window.SpeechSynthesisUtterance(' ');
        u.volume = 0;
        synth.speak(u);
      }
      void chime();
      part('no-voice').hidden = !synth || !!utteranceFor({ label: 'A1', counterNumber: 1 });
    } else {
      announcements.length = 0;
      if (synth) synth.cancel();
    }
    showSound();
  });

  let remembered = null;
  try {
    remembered = localStorage.getItem(SOUND_KEY);
  } catch {
    /* no storage */
  }
  if (remembered === 'on') {
    const ctx = audioContext();
    if (ctx) {
      ctx
        .resume()
        .then(() => {
          soundOn = ctx.state === 'running';
          showSound();
        })
        .catch(() => {});
    }
  }
  showSound();
  if (synth && typeof synth.addEventListener === 'function') {
    synth.addEventListener('voiceschanged', () => {
      if (soundOn) part('no-voice').hidden = !!utteranceFor({ label: 'A1', counterNumber: 1 });
    });
  }

  // ------------------------------------------------------------------------------------------
  // The stream: EventSource reconnects by itself after a drop (the server says retry: 3000);
  // when it gives up (an error page from a proxy while the server restarts), we start it again.
  // The server sends a snapshot at least every minute: silence longer than that means a dead
  // connection the browser has not noticed, so it is replaced.

  let source = null;
  // The call each counter shows, as last heard: what a reconnection may have missed.
  const known = new Map();
  const callKey = (call) => `${call.ticketId}|${call.calledAt}`;
  let lastHeard = Date.now();
  let backoff = 2000;
  let retryTimer = null;
  const status = part('status');

  function reconnecting(on) {
    status.hidden = !on;
    root.classList.toggle('board--offline', on);
  }

  function connect() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (source) source.close();
    const es = new EventSource(url);
    source = es;
    es.addEventListener('snapshot', (e) => {
      lastHeard = Date.now();
      backoff = 2000;
      const wasOffline = !status.hidden;
      reconnecting(false);
      let snap;
      try {
        snap = JSON.parse(e.data);
      } catch {
        return; /* a malformed message: the next snapshot repairs the page */
      }
      // Back after a drop: calls made meanwhile (in the last two minutes) are still announced.
      if (wasOffline) {
        for (const c of snap.counters || []) {
          if (c.current && known.get(c.number) !== callKey(c.current) && Date.now() - Date.parse(c.current.calledAt) < 120000) {
            void announce(c.current);
          }
        }
      }
      for (const c of snap.counters || []) known.set(c.number, c.current ? callKey(c.current) : '');
      renderSnapshot(snap);
    });
    es.addEventListener('call', (e) => {
      lastHeard = Date.now();
      let call;
      try {
        call = JSON.parse(e.data);
      } catch {
        return;
      }
      known.set(call.counterNumber, callKey(call));
      flashing.set(call.counterNumber, Date.now() + FLASH_MS);
      const row = part('counters').querySelector(`tr[data-counter="${call.counterNumber}"]`);
      if (row) paintRow(row, { number: call.counterNumber, paused: false, current: call });
      setTimeout(() => {
        const r = part('counters').querySelector(`tr[data-counter="${call.counterNumber}"]`);
        if (r && (flashing.get(call.counterNumber) || 0) <= Date.now()) r.classList.remove('call--new');
      }, FLASH_MS + 50);
      void announce(call);
    });
    es.addEventListener('open', () => {
      lastHeard = Date.now();
    });
    es.addEventListener('error', () => {
      if (source !== es) return;
      reconnecting(true);
      if (es.readyState === EventSource.CLOSED) {
        retryTimer = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 30000);
      }
    });
  }

  setInterval(() => {
    renderClock();
    if (Date.now() - lastHeard > 90000) {
      lastHeard = Date.now();
      reconnecting(true);
      connect();
    }
  }, 5000);

  // Meta refresh is only in <noscript>; this page stays and follows the stream.
  connect();
  renderClock();
})();
