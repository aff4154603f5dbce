import { verifyAuditChain } from '../../core/audit/audit.js';
import { type AuditFilter, distinctAuditActions, listAuditEntries } from '../../core/audit/query.js';
import type { ServiceContext } from '../../core/context.js';
import { forbidden, unauthorized } from '../../core/http/errors.js';
import { auditPolicy } from './policy.js';

function check(ctx: ServiceContext) {
  if (!ctx.actor) throw unauthorized();
  if (!auditPolicy.read(ctx.actor)) throw forbidden();
}

export async function browseAudit(ctx: ServiceContext, filter: AuditFilter) {
  check(ctx);
  return listAuditEntries(ctx.app.db, ctx.orgId, filter);
}

export async function auditActions(ctx: ServiceContext) {
  check(ctx);
  return distinctAuditActions(ctx.app.db, ctx.orgId);
}

/** How many of the newest entries the audit page re-checks on each view (the rest: verify-log). */
export const PAGE_CHECKED_ENTRIES = 2000;

/** The newest part of this organization's chain, checked on every view of the audit page. */
export async function checkAuditChain(ctx: ServiceContext) {
  check(ctx);
  return verifyAuditChain(ctx.app.db, ctx.orgId, { lastEntries: PAGE_CHECKED_ENTRIES });
}
