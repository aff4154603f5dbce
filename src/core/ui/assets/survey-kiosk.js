// Satisfaction surveys: progressive enhancement only (the pages work without it).
// - one submit only: a second tap while the answers are being sent does nothing;
// - the counter tablet: a half-filled form nobody touches is cleared; the thank-you screen returns to a fresh form;
// - paper entry: typing a digit 1–5 moves on to the next question.
(() => {
  for (const form of document.querySelectorAll('[data-survey-form]')) {
    let busy = false;
    form.addEventListener('submit', (e) => {
      if (busy) {
        e.preventDefault();
        return;
      }
      busy = true;
      form.classList.add('is-busy');
      form.setAttribute('aria-busy', 'true');
    });
    window.addEventListener('pageshow', (e) => {
      if (!e.persisted) return;
      busy = false;
      form.classList.remove('is-busy');
      form.removeAttribute('aria-busy');
    });
  }

  const kiosk = document.querySelector('[data-survey-kiosk]');
  if (kiosk) {
    const url = kiosk.getAttribute('data-return') || '/survey/kiosk';
    const after = Number.parseInt(kiosk.getAttribute('data-after') || '0', 10);
    if (after > 0) {
      // The thank-you screen.
      setTimeout(() => window.location.replace(url), after * 1000);
    } else {
      const idle = Number.parseInt(kiosk.getAttribute('data-idle') || '90', 10);
      const warnFor = 15;
      const notice = kiosk.querySelector('[data-survey-idle]');
      const template = notice ? notice.getAttribute('data-survey-idle') || '' : '';
      const form = kiosk.querySelector('form');
      let dirty = false;
      let quiet = 0;
      if (form) form.addEventListener('change', () => (dirty = true));
      const touched = () => {
        quiet = 0;
        if (notice) notice.hidden = true;
      };
      for (const type of ['pointerdown', 'keydown', 'touchstart', 'input']) document.addEventListener(type, touched, { passive: true });
      setInterval(() => {
        if (!dirty) return;
        quiet += 1;
        const left = idle + warnFor - quiet;
        if (left <= 0) window.location.replace(url);
        else if (quiet >= idle && notice) {
          notice.textContent = template.replace('{seconds}', String(left));
          notice.hidden = false;
        }
      }, 1000);
    }
  }

  const digits = [...document.querySelectorAll('[data-survey-digit]')];
  digits.forEach((input, i) => {
    input.addEventListener('input', () => {
      if (!/^[1-5]$/.test(input.value)) return;
      const next = digits[i + 1];
      if (next) {
        next.focus();
        next.select();
      }
    });
  });
})();
