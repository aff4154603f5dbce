// The live status page of a ticket: progressive enhancement (without it the page reloads every 30 s).
// Asks GET /api/queue/status/:token every 10 s (a few hundred bytes); when anything changed, fetches
// the page once and swaps the #queue-status block. When the ticket is called: vibrates, and beeps
// if the citizen turned the sound on (browsers allow sound only after a tap).
(() => {
  const root = document.getElementById('queue-status');
  if (root?.getAttribute('data-live') !== 'true') return;
  const token = root.getAttribute('data-token') || '';
  const every = (Number.parseInt(root.getAttribute('data-poll') || '10', 10) || 10) * 1000;
  const FINAL = ['finished', 'no_show', 'cancelled'];
  const offline = document.querySelector('[data-status-offline]');
  const tools = document.querySelector('.queue-status__tools');
  let status = root.getAttribute('data-status') || '';
  let last = null;
  let calls = null;
  let timer = null;
  let audio = null;
  let swapped = Date.now();

  const showScripted = () => {
    for (const el of document.querySelectorAll('.js-only')) el.hidden = false;
  };
  showScripted();

  // Sound: a tap unlocks audio; the tap itself plays one short tone as confirmation.
  const soundButton = document.querySelector('[data-status-sound]');
  const beep = (times) => {
    if (!audio) return;
    const t0 = audio.currentTime + 0.05;
    for (let i = 0; i < times; i++) {
      for (const [j, freq] of [880, 660].entries()) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        const start = t0 + i * 0.9 + j * 0.3;
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.28);
        osc.connect(gain).connect(audio.destination);
        osc.start(start);
        osc.stop(start + 0.3);
      }
    }
  };
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (soundButton && Ctx) {
    soundButton.hidden = false;
    soundButton.addEventListener('click', () => {
      if (!audio) audio = new Ctx();
      audio.resume();
      beep(1);
      soundButton.setAttribute('aria-pressed', 'true');
      const text = soundButton.querySelector('[data-on]');
      if (text) text.textContent = text.getAttribute('data-on');
    });
  }

  const called = () => {
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 800]);
    beep(3);
    const box = root.querySelector('.queue-status__box--called');
    if (box) box.classList.add('is-new');
  };

  // The page's own block, fetched again: every word stays in the server's catalogs.
  const swap = () =>
    fetch(window.location.pathname, { headers: { Accept: 'text/html' }, cache: 'no-store', credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => {
        swapped = Date.now();
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('queue-status');
        if (!fresh) return;
        const before = status;
        root.innerHTML = fresh.innerHTML;
        status = fresh.getAttribute('data-status') || status;
        root.setAttribute('data-status', status);
        root.setAttribute('data-live', fresh.getAttribute('data-live') || 'false');
        showScripted();
        if (status === 'called' && before !== 'called') called();
        if (fresh.getAttribute('data-live') !== 'true' && tools) tools.hidden = true;
      });

  const schedule = () => {
    clearTimeout(timer);
    if (root.getAttribute('data-live') === 'true') timer = setTimeout(check, every);
  };

  function check() {
    fetch(`/api/queue/status/${encodeURIComponent(token)}`, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((s) => {
        if (offline) offline.hidden = true;
        const sig = [s.status, s.counterNumber, s.waitingAhead, s.estimateMinutes, s.callCount].join('|');
        const changed = last === null ? s.status !== status : sig !== last;
        // Called again at the counter (a recall): the status stays "called", the alert sounds again.
        const recalled = calls !== null && s.status === 'called' && status === 'called' && s.callCount > calls;
        calls = s.callCount;
        last = sig;
        if (recalled) called();
        // Unchanged: the block is fetched again only once a minute, so its "as of" time stays true.
        if (changed || FINAL.includes(s.status) || Date.now() - swapped > 60000) return swap();
      })
      .catch(() => {
        if (offline) offline.hidden = false;
      })
      .finally(schedule);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  schedule();
})();
