import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { cleanup, runChild, tempDir } from '../testing/processes.js';

after(cleanup);

/** A port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('serve: a problem at start is one clear line', () => {
  test('an unreachable PostgreSQL: exit 1, one line naming the server, no stack trace', async () => {
    const port = await closedPort();
    const r = await runChild(['src/main.ts', 'serve'], {
      DATABASE_URL: `postgres://prongsai:secret@127.0.0.1:${port}/prongsai`,
      DATA_DIR: tempDir(),
      PORT: '0',
    });
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0] ?? '', new RegExp(`^prongsai: Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/prongsai`));
    assert.ok(!r.stderr.includes('secret'), 'the password is not printed');
    assert.ok(!/\n\s+at /.test(r.stderr));
  });

  test('a malformed PORT: exit 1, one line', async () => {
    const r = await runChild(['src/main.ts', 'serve'], { PORT: 'eighty', DATA_DIR: tempDir() });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'prongsai: PORT must be a port number (0–65535), got "eighty"');
  });
});
