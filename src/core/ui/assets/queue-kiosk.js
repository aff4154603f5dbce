// The kiosk and the printed ticket: progressive enhancement only (the pages work without it).
// - returns to the start after some seconds without a touch (counting down on screen);
// - one press only: a second tap while the ticket is being made does nothing;
// - the ticket page fits the paper's length to the slip, then prints (?print=1), and offers "print again".
(() => {
  const root = document.querySelector('[data-kiosk-return]');

  if (root) {
    const url = root.getAttribute('data-kiosk-return') || '/queue/kiosk';
    const seconds = Number.parseInt(root.getAttribute('data-kiosk-seconds') || '0', 10);
    // The start screen has no countdown: it only reloads after five quiet minutes (hours open and close).
    const limit = seconds > 0 ? seconds : 300;
    const label = document.querySelector('[data-kiosk-countdown]');
    const template = label ? label.getAttribute('data-kiosk-countdown') || '' : '';
    let left = limit;
    const show = () => {
      if (label && seconds > 0) {
        label.textContent = template.replace('{seconds}', String(left));
        label.hidden = false;
      }
    };
    const touched = () => {
      left = limit;
      show();
    };
    for (const type of ['pointerdown', 'keydown', 'touchstart']) document.addEventListener(type, touched, { passive: true });
    show();
    setInterval(() => {
      if (document.body.classList.contains('is-printing')) return;
      left -= 1;
      if (left <= 0) window.location.replace(url);
      else show();
    }, 1000);
  }

  // One press only. The server would give the same ticket again (same key); this keeps the screen calm.
  for (const form of document.querySelectorAll('[data-kiosk-form]')) {
    let busy = false;
    form.addEventListener('submit', (e) => {
      if (busy) {
        e.preventDefault();
        return;
      }
      busy = true;
      const kiosk = form.closest('.kiosk');
      if (kiosk) {
        kiosk.classList.add('is-busy');
        kiosk.setAttribute('aria-busy', 'true');
      }
    });
    // Back from the browser's page cache: ready again.
    window.addEventListener('pageshow', (e) => {
      if (!e.persisted) return;
      busy = false;
      const kiosk = form.closest('.kiosk');
      if (kiosk) {
        kiosk.classList.remove('is-busy');
        kiosk.removeAttribute('aria-busy');
      }
    });
  }

  // The ticket.
  const screen = document.querySelector('[data-ticket-print]');
  const ticket = document.querySelector('.ticket');
  if (!screen || !ticket) return;
  const paper = screen.getAttribute('data-paper') === '58' ? '58' : '80';

  // Thermal rolls have no page length: make the page as long as the slip, so no paper is wasted.
  const fitPage = () => {
    const sheet = [...document.styleSheets].find((s) => (s.href || '').includes('/assets/queue-public.css'));
    if (!sheet) return;
    document.body.classList.add('is-measuring');
    const mm = Math.ceil((ticket.getBoundingClientRect().height * 25.4) / 96) + 1;
    document.body.classList.remove('is-measuring');
    try {
      sheet.insertRule(`@page ticket-${paper} { size: ${paper}mm ${mm}mm; margin: 0; }`, sheet.cssRules.length);
    } catch {
      // An old browser without named pages keeps the stylesheet's length.
    }
  };

  const print = () => {
    document.body.classList.add('is-printing');
    try {
      window.print();
    } finally {
      document.body.classList.remove('is-printing');
    }
  };

  const ready = document.fonts?.ready ? document.fonts.ready : Promise.resolve();
  ready.then(() => {
    fitPage();
    const again = document.querySelector('[data-ticket-print-again]');
    if (again) {
      again.hidden = false;
      again.addEventListener('click', print);
    }
    if (screen.getAttribute('data-ticket-print') === 'auto') {
      // Printed once per issuing: a reload or "back" does not print the same ticket again.
      const key = `printed:${window.location.pathname}`;
      let printed = false;
      try {
        printed = sessionStorage.getItem(key) === '1';
        sessionStorage.setItem(key, '1');
      } catch {
        // No storage (private mode): print anyway.
      }
      if (!printed) setTimeout(print, 150);
    }
  });
})();
