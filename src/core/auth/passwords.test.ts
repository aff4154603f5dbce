import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generatePassword, hashingOptions, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('passwords', () => {
  test('production hashing is argon2id with OWASP parameters (19 MiB, t=2, p=1)', () => {
    assert.deepEqual(hashingOptions({}), { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  test('a hash verifies its password and no other, and never contains it', async () => {
    const hash = await hashPassword('ข้าวเหนียวมะม่วง2567');
    assert.match(hash, /^\$argon2id\$v=19\$/);
    assert.ok(!hash.includes('ข้าวเหนียว'));
    assert.equal(await verifyPassword(hash, 'ข้าวเหนียวมะม่วง2567'), true);
    assert.equal(await verifyPassword(hash, 'ข้าวเหนียวมะม่วง2568'), false);
    assert.equal(await verifyPassword('not-a-hash', 'x'), false);
  });

  test('generated passwords are long, readable and different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      assert.match(p, /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
      seen.add(p);
    }
    assert.equal(seen.size, 200);
  });

  test('the password rules name what is wrong', () => {
    assert.equal(passwordProblem('short', 'malee'), 'core.validation.passwordTooShort');
    assert.equal(passwordProblem('malee-is-my-name', 'malee'), 'core.validation.passwordContainsUsername');
    assert.equal(passwordProblem('aaaaaaaaaaaa', 'malee'), 'core.validation.passwordTooCommon');
    assert.equal(passwordProblem('1234567890', 'malee'), 'core.validation.passwordTooCommon');
    assert.equal(passwordProblem('ดอกมะลิบานเช้า2567', 'malee'), null);
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 9 }), (p) => passwordProblem(p, 'someone') === 'core.validation.passwordTooShort'),
    );
  });
});
