import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { look } from './support/queue.js';

// The publication log (issue 6): an organization publishes a page; anyone downloads what was
// published, checks it against the log and finds it, byte for byte; the verification command
// says the log is intact. Then someone with the database password rewrites the row's hash: the
// command fails naming the row, and the citizen's check no longer finds the file.
//
// This story needs the database alone between two runs of the server, so it runs its own server
// on its own PGlite data dir (a PGlite data dir is one process's at a time).

const ROOT = process.cwd();
const env = (dir: string) => ({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'warn', NODE_ENV: 'production' });

function cli(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: ROOT, env: env(dir), encoding: 'utf8' });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function serve(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...env(dir), PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

test('the publication log verifies, and fails after a row is altered in the database', async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-e2e-log-'));
  let server: ChildProcess | null = null;
  try {
    const created = cli(
      dir,
      'create-org',
      '--host=log.example.go.th',
      '--type=sao',
      '--name=ทดสอบบันทึก',
      '--province=นราธิวาส',
      '--district=บาเจาะ',
      '--doc-code=นธ 78199',
      '--address=หมู่ที่ 1 ตำบลทดสอบ อำเภอบาเจาะ จังหวัดนราธิวาส',
      '--admin=admin',
      '--admin-title=นาย',
      '--admin-first-name=สมชาย',
      '--admin-last-name=ใจดี',
      '--admin-position=นักวิชาการคอมพิวเตอร์',
    );
    expect(created.status, created.stderr).toBe(0);
    const temporary = /temporary password: (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(temporary).not.toBe('');

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await serve(dir, port);
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();

    // The administrator signs in (and sets a password of their own, as a generated one asks).
    await page.goto('/login');
    await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill('admin');
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill(temporary);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
    const newPassword = 'ข้าวเหนียวมะม่วง2567';
    await page.getByLabel('รหัสผ่านปัจจุบัน', { exact: true }).fill(temporary);
    await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill(newPassword);
    await page.getByLabel('ยืนยันรหัสผ่านใหม่', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
    await expect(page.getByRole('status')).toContainText('เปลี่ยนรหัสผ่านแล้ว');

    // … and publishes the organization's powers and duties (o3).
    await page.goto('/staff/admin/about/pages/powers');
    await page.getByLabel('เนื้อหา', { exact: true }).fill('## อำนาจหน้าที่\n\nจัดให้มีและบำรุงรักษาทางน้ำและทางบก');
    await page.getByRole('button', { name: /บันทึก/ }).first().click();
    await expect(page.getByRole('status')).toBeVisible();

    // Anyone: the log lists it; its file is downloaded and checked against the log.
    const citizen = await (await browser.newContext({ baseURL: base })).newPage();
    await citizen.goto('/publications');
    await look(citizen, 'the publication log');
    const entry = citizen.locator('a[href^="/publications/"]').filter({ hasText: /^#\d+/ }).first();
    const href = (await entry.getAttribute('href')) ?? '';
    const id = Number(/\/publications\/(\d+)/.exec(href)?.[1]);
    expect(id).toBeGreaterThan(0);
    const file = await citizen.request.get(`/publications/${id}/file`);
    expect(file.status()).toBe(200);
    const bytes = await file.body();
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const check = async () => {
      await citizen.goto('/publications/check');
      await citizen.getByLabel('ไฟล์ที่จะตรวจ').setInputFiles({ name: 'powers.json', mimeType: 'application/json', buffer: bytes });
      await citizen.getByRole('button', { name: 'ตรวจสอบ' }).click();
    };
    await check();
    await expect(citizen.locator('main')).toContainText(sha256);
    await expect(citizen.locator('main')).toContainText('พบไฟล์นี้ในบันทึกการเผยแพร่');
    await look(citizen, 'a file found in the log');
    await expectNoAxeViolations(citizen, 'a file checked against the log');

    // The log verifies.
    await stop(server);
    server = null;
    const intact = cli(dir, 'verify-publications');
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toContain('Publication log intact');

    // Someone with the database password rewrites the row's hash.
    const forged = createHash('sha256').update('forged').digest('hex');
    const tampered = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'e2e/support/tamper-publication.ts', dir, `UPDATE publications SET sha256 = '${forged}' WHERE id = ${id}`],
      { cwd: ROOT, env: env(dir), encoding: 'utf8' },
    );
    expect(tampered.status, tampered.stderr).toBe(0);

    const broken = cli(dir, 'verify-publications');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`Publication log BROKEN: organization \\d+, publication #${id}`));

    // The citizen's copy is no longer what the log says was published.
    server = await serve(dir, port);
    await check();
    await expect(citizen.locator('main')).toContainText('ไม่พบไฟล์นี้ในบันทึกการเผยแพร่');
    await look(citizen, 'a file the altered log no longer has');
    await context.close();
  } finally {
    if (server) await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
