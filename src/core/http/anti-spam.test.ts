import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSecrets } from '../crypto/secrets.js';
import { checkFormToken, issueFormToken, MAX_AGE_MS, MIN_FILL_MS, releaseFormToken } from './anti-spam.js';

const app = { secrets: createSecrets(Buffer.alloc(32, 7)) };
const other = { secrets: createSecrets(Buffer.alloc(32, 8)) };
const t0 = new Date('2026-11-26T03:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('anti-spam form token', () => {
  test('a person (a few seconds, within two hours) passes once; the same token again is a replay', () => {
    const token = issueFormToken(app, 'p', t0);
    assert.equal(checkFormToken(app, 'p', { token, now: at(MIN_FILL_MS + 1) }), 'ok');
    assert.equal(checkFormToken(app, 'p', { token, now: at(MIN_FILL_MS + 2) }), 'replayed');
  });

  test('too fast, expired, tampered, another purpose or key, missing → refused', () => {
    const token = issueFormToken(app, 'p', t0);
    assert.equal(checkFormToken(app, 'p', { token, now: at(MIN_FILL_MS - 1) }), 'tooFast');
    assert.equal(checkFormToken(app, 'p', { token, now: at(MAX_AGE_MS + 1) }), 'expired');
    assert.equal(checkFormToken(app, 'q', { token, now: at(5000) }), 'invalid');
    assert.equal(checkFormToken(other, 'p', { token, now: at(5000) }), 'invalid');
    // Moving the time back (to look older) breaks the signature.
    const [v, ts, nonce, mac] = token.split('.');
    assert.equal(checkFormToken(app, 'p', { token: [v, Number(ts) - 10_000, nonce, mac].join('.'), now: at(1000) }), 'invalid');
    assert.equal(checkFormToken(app, 'p', { token: '', now: at(5000) }), 'invalid');
    assert.equal(checkFormToken(app, 'p', { token: null, now: at(5000) }), 'invalid');
    // None of these used the token up.
    assert.equal(checkFormToken(app, 'p', { token, now: at(5000) }), 'ok');
  });

  test('the honeypot filled is refused whatever the token; a released token can be used again', () => {
    const token = issueFormToken(app, 'p', t0);
    assert.equal(checkFormToken(app, 'p', { token, honeypot: 'http://x', now: at(5000) }), 'honeypot');
    assert.equal(checkFormToken(app, 'p', { token, honeypot: '', now: at(5000) }), 'ok');
    releaseFormToken('p', token);
    assert.equal(checkFormToken(app, 'p', { token, honeypot: '   ', now: at(6000) }), 'ok');
  });
});
