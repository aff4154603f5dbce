import net from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { counterAction, look, newPage, setUpQueue as setUp, takeNumberAtKiosk } from './support/queue.js';

// The user story of issue 4, through the screens in Thai: the administrator sets up a service,
// a priority group and a counter; an older citizen takes a number at the touch-screen kiosk and
// follows it on a phone; the display board in the waiting room chimes and says the number
// aloud when the counter calls it (speech synthesis is replaced by a recorder, so what it says
// can be read back); the counter serves the ticket; the citizen's phone shows it finished; the
// statistics count it. A second story cuts the board's connection and checks it comes back by
// itself and shows the next call.

const TV = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

/** Replaces speech synthesis with a recorder that has one Thai voice: window.__spoken. */
function recordSpeech() {
  const w = globalThis as unknown as { __spoken: string[] };
  w.__spoken = [];
  class Utterance {
    lang = '';
    voice: unknown = null;
    volume = 1;
    rate = 1;
    onend: (() => void) | null = null;
    constructor(public text: string) {}
  }
  const voices = [{ lang: 'th-TH', name: 'Thai (test)', default: true, localService: true, voiceURI: 'th-TH' }];
  Object.defineProperty(globalThis, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(globalThis, 'speechSynthesis', {
    configurable: true,
    value: {
      speak(u: Utterance) {
        w.__spoken.push(u.text);
        setTimeout(() => u.onend?.(), 20);
      },
      cancel() {},
      getVoices: () => voices,
      addEventListener() {},
      removeEventListener() {},
      speaking: false,
      pending: false,
    },
  });
}

test('an older citizen takes a number at the kiosk, the board calls it aloud, the counter serves it, and the statistics count it', async ({
  browser,
  adminPage: admin,
}) => {
  test.setTimeout(120_000);
  const s = await setUp(admin, 'KS', 71);
  await admin.goto('/staff/admin/queue/groups');
  await admin.getByLabel('ชื่อกลุ่ม').fill('ผู้สูงอายุ');
  await admin.getByLabel(/สัดส่วนการเรียก/).fill('2');
  await admin.getByRole('button', { name: 'เพิ่มกลุ่มผู้รับบริการก่อน' }).click();
  await expect(admin.getByRole('status')).toContainText('บันทึกกลุ่มผู้รับบริการก่อนแล้ว');

  // The board in the waiting room; someone turns the sound on once.
  const tv = await newPage(browser, TV, recordSpeech);
  await tv.page.goto('/queue/board');
  await tv.page.getByRole('button', { name: /เปิดเสียง/ }).click();
  await look(tv.page, 'display board');

  // The kiosk: service, then the priority group, then the ticket.
  const { label, statusUrl, kiosk } = await takeNumberAtKiosk(browser, s, 'ผู้สูงอายุ');
  expect(label).toBe('KS001');
  const kioskPage = kiosk.pages()[0] as Page;
  await look(kioskPage, 'kiosk ticket');
  await expect(tv.page.locator('body')).toContainText(/KS\s*รอ 1 คิว|รอ 1 คิว/);

  // The citizen follows the ticket on a phone (the QR on the ticket).
  const phone = await newPage(browser, PHONE);
  await phone.page.goto(statusUrl);
  await expect(phone.page.getByText('ท่านเป็นคิวถัดไป', { exact: false }).first()).toBeVisible();
  await look(phone.page, 'ticket status on a phone');

  // The counter calls: the board shows the number and says it in Thai.
  await counterAction(admin, s, 'เรียกคิวถัดไป', 'เรียกคิวแล้ว');
  await expect(tv.page.locator('.call__label', { hasText: 'KS001' }).first()).toBeVisible();
  await expect
    .poll(async () => tv.page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken.join(' | ')), { timeout: 10_000 })
    .toContain('ขอเชิญหมายเลข K S ๑ ที่ช่องบริการ ๗๑');
  await phone.page.reload();
  await expect(phone.page.getByText('ถึงคิวของท่านแล้ว')).toBeVisible();

  // A recall is said again.
  await admin.waitForTimeout(10_500); // the recall throttle is 10 seconds
  await counterAction(admin, s, 'เรียกซ้ำ', 'เรียกคิวซ้ำแล้ว');
  await expect
    .poll(async () =>
      tv.page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken.filter((x) => x.includes('K S ๑')).length),
    )
    .toBe(2);

  await counterAction(admin, s, 'เริ่มให้บริการ', 'เริ่มให้บริการแล้ว');
  await counterAction(admin, s, 'ให้บริการเสร็จ', 'บันทึกว่าให้บริการเสร็จแล้ว');
  await phone.page.reload();
  await expect(phone.page.getByText('ขอบคุณที่มาใช้บริการ')).toBeVisible();

  // The statistics of today count the ticket at its service.
  await admin.goto('/staff/queue/stats?period=day');
  const row = admin.getByRole('row', { name: new RegExp(s.service) }).first();
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(0)).toHaveText('1'); // issued
  await expect(row.getByRole('cell').nth(1)).toHaveText('1'); // finished
  await look(admin, 'statistics of the day');
  for (const c of [tv.context, kiosk, phone.context]) await c.close();
});

/**
 * A TCP relay in front of the app, as the waiting room's network: `cut()` drops every open
 * connection and refuses new ones (a cable pulled, a router restarting) until `restore()`.
 */
async function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('the board comes back by itself after its connection drops, and announces the call made meanwhile', async ({
  browser,
  adminPage: admin,
}, testInfo) => {
  test.setTimeout(120_000);
  const s = await setUp(admin, 'KR', 72);
  const network = await relay(new URL(String(testInfo.project.use.baseURL)));
  const tv = await newPage(browser, TV, recordSpeech);
  try {
    await tv.page.goto(`${network.url}/queue/board`);
    await tv.page.getByRole('button', { name: /เปิดเสียง/ }).click();
    const first = await takeNumberAtKiosk(browser, s, null);
    const second = await takeNumberAtKiosk(browser, s, null);
    await expect(tv.page.locator('body')).toContainText('รอ 2 คิว');

    // The network goes; the board says it is reconnecting. A call is made meanwhile.
    network.cut();
    await expect(tv.page.getByText(/กำลังเชื่อมต่อใหม่/)).toBeVisible({ timeout: 20_000 });
    await counterAction(admin, s, 'เรียกคิวถัดไป', 'เรียกคิวแล้ว');

    // The network comes back: without anyone touching it, the board shows and says that call.
    network.restore();
    await expect(tv.page.getByText(/กำลังเชื่อมต่อใหม่/)).toBeHidden({ timeout: 30_000 });
    await expect(tv.page.locator('.call__label', { hasText: first.label }).first()).toBeVisible();
    await expect
      .poll(async () => tv.page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken.join(' | ')))
      .toContain('ขอเชิญหมายเลข K R ๑ ที่ช่องบริการ ๗๒');

    // And the next call arrives live, spoken.
    await counterAction(admin, s, 'ให้บริการเสร็จ', 'บันทึกว่าให้บริการเสร็จแล้ว');
    await counterAction(admin, s, 'เรียกคิวถัดไป', 'เรียกคิวแล้ว');
    await expect(tv.page.locator('.call__label', { hasText: second.label }).first()).toBeVisible();
    await expect
      .poll(async () => tv.page.evaluate(() => (globalThis as unknown as { __spoken: string[] }).__spoken.join(' | ')))
      .toContain('ขอเชิญหมายเลข K R ๒ ที่ช่องบริการ ๗๒');
    for (const c of [first.kiosk, second.kiosk]) await c.close();
  } finally {
    await tv.context.close();
    await network.close();
  }
});
