import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from '../config.js';
import { createSecrets, loadMasterKey, parseSecretKey } from './secrets.js';

const key = Buffer.alloc(32, 7);

describe('secrets', () => {
  test('a sealed text opens only with the same key and context', () => {
    const s = createSecrets(key);
    const sealed = s.seal('นายสมชาย ใจดี 081-234-5678', 'complaint-identity:1:5');
    assert.ok(!sealed.includes('สมชาย'));
    assert.equal(s.open(sealed, 'complaint-identity:1:5'), 'นายสมชาย ใจดี 081-234-5678');
    assert.throws(() => s.open(sealed, 'complaint-identity:1:6'));
    assert.throws(() => createSecrets(Buffer.alloc(32, 8)).open(sealed, 'complaint-identity:1:5'));
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    assert.throws(() => s.open(tampered, 'complaint-identity:1:5'));
    assert.notEqual(s.seal('x', 'c'), s.seal('x', 'c'), 'a fresh nonce every time');
  });

  test('keyed hashes depend on the key and the purpose, and compare in constant time', () => {
    const s = createSecrets(key);
    const a = s.mac('complaint-receipt', '1234567890123456');
    assert.equal(a, s.mac('complaint-receipt', '1234567890123456'));
    assert.notEqual(a, s.mac('suggestion-code', '1234567890123456'));
    assert.notEqual(a, createSecrets(Buffer.alloc(32, 9)).mac('complaint-receipt', '1234567890123456'));
    assert.ok(s.sameMac(a, a));
    assert.ok(!s.sameMac(a, s.mac('complaint-receipt', '1234567890123457')));
    assert.ok(!s.sameMac(a, ''));
  });

  test('the master key: SECRET_KEY (hex or base64), else a key file made once', () => {
    assert.equal(parseSecretKey('ab'.repeat(32)).length, 32);
    assert.equal(parseSecretKey(Buffer.alloc(32, 1).toString('base64')).length, 32);
    assert.throws(() => parseSecretKey('short'), ConfigError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-key-'));
    try {
      const first = loadMasterKey(undefined, dir);
      assert.equal((fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toString(8), '600');
      assert.deepEqual(loadMasterKey(undefined, dir), first);
      assert.deepEqual(loadMasterKey('cd'.repeat(32), dir), Buffer.from('cd'.repeat(32), 'hex'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
