import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { pdfText, popplerMissing, squash } from '../../core/documents/pdf-tools.js';
import { readFileBytes } from '../../core/storage/files.js';
import { createTestEnv, createTestOrg, TestBrowser, type TestEnv } from '../../testing/harness.js';
import { seedDemoStaff } from '../staff/demo.js';
import { seedDemoMeetings } from './demo.js';
import * as svc from './service.js';

let env: TestEnv;
const now = new Date('2026-11-26T03:00:00Z'); // FY 2570

before(async () => {
  env = await createTestEnv({ now: () => now });
});
after(() => env.close());

describe('meetings demo', () => {
  test('FY 2567 staff meeting and village forum closed and published, this year planned with opinions', async () => {
    const o = await createTestOrg(env, { name: 'ลูโบะปือซา' });
    const demo = { ctx: o.ctx, shared: new Map<string, unknown>(), log: () => {}, password: () => 'demo-pass-1234', now };
    await seedDemoStaff(demo);
    await seedDemoMeetings(demo);
    const list = await svc.listMeetings(o.ctx);
    assert.deepEqual(
      list.map((m) => [m.fiscalYear, m.kind, m.status, !!m.publicationId]),
      [
        [2570, 'internal', 'planned', false],
        [2567, 'stakeholder', 'closed', true],
        [2567, 'internal', 'closed', true],
      ],
    );
    const internal = await svc.getMeeting(o.ctx, list[2]?.id ?? 0);
    assert.equal(
      internal.opinions.filter((op) => op.stage === 'before' && op.author === null).length,
      2,
      'two anonymous opinions from staff',
    );
    assert.deepEqual(internal.actions.map((a) => a.status).sort(), ['done', 'done', 'done', 'open']);
    assert.equal(internal.invitees.filter((i) => i.attended === false).length, 2);
    assert.equal(await svc.missingInternalMeeting(o.ctx), null);
    const page = await (await new TestBrowser(env, o.host).get('/participation')).text();
    assert.match(page, /การประชุมประชาคมตำบลเพื่อรับฟังความคิดเห็นของผู้มีส่วนได้ส่วนเสีย/);
    assert.doesNotMatch(page, /ประจำปีงบประมาณ 2570/);
    const out = process.env.MEETINGS_PDF_DIR;
    for (const m of list) {
      for (const id of [m.invitationFileId, m.minutesFileId]) {
        if (!id) continue;
        const { bytes } = await readFileBytes(o.ctx, id);
        if (out)
          fs.writeFileSync(`${out}/meeting-${m.fiscalYear}-${m.kind}-${id === m.minutesFileId ? 'minutes' : 'invitation'}.pdf`, bytes);
        if (!popplerMissing()) assert.match(squash(await pdfText(bytes)), /ลูโบะปือซา/);
      }
    }
  });
});
