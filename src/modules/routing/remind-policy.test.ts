import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../core/auth/roles.js';
import { systemActor } from '../../core/auth/roles.js';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/http/errors.js';
import { routingPolicy } from './policy.js';
import { remindOrganization } from './service.js';

describe('who sends routing reminders', () => {
  it('the system worker only: a person (even an admin) is refused before anything is written', async () => {
    const admin: Actor = { orgId: 1, userId: 7, username: 'a', displayName: 'a', roles: ['admin'], mustChangePassword: false };
    assert.equal(routingPolicy.remind(admin), false);
    assert.equal(routingPolicy.remind(null), false);
    assert.equal(routingPolicy.remind(systemActor(1, 'routing-reminders')), true);
    const ctx = { app: {} as ServiceContext['app'], orgId: 1, actor: admin };
    await assert.rejects(remindOrganization(ctx, 3), (e: unknown) => e instanceof AppError && e.status === 403);
  });
});
