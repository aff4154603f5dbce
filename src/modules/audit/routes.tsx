import type { Hono } from 'hono';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { ensureAllowed } from '../../core/http/errors.js';
import { parseThaiDateInput } from '../../core/thai/dates.js';
import { renderPage } from '../../core/ui/render.js';
import { auditPolicy } from './policy.js';
import { auditActions, browseAudit, checkAuditChain } from './service.js';
import { AuditPage } from './views/audit-page.js';

const DAY = 24 * 3600 * 1000;

export function routes(app: Hono<AppEnv>) {
  app.get('/staff/audit', async (c) => {
    ensureAllowed(auditPolicy.read(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const filter = {
      q: c.req.query('q') ?? '',
      action: c.req.query('action') ?? '',
      from: c.req.query('from') ?? '',
      to: c.req.query('to') ?? '',
    };
    const from = filter.from ? parseThaiDateInput(filter.from) : null;
    const to = filter.to ? parseThaiDateInput(filter.to) : null;
    const before = Number(c.req.query('before')) || undefined;
    const { entries, nextBefore } = await browseAudit(ctx, {
      q: filter.q || undefined,
      action: filter.action || undefined,
      from: from ?? undefined,
      // "to" a day means through the end of that Bangkok day
      to: to ? new Date(to.getTime() + DAY) : undefined,
      before,
    });
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    const href = (b?: number) => {
      const q = new URLSearchParams(query);
      if (b) q.set('before', String(b));
      const s = q.toString();
      return `/staff/audit${s ? `?${s}` : ''}`;
    };
    return renderPage(
      c,
      <AuditPage
        entries={entries}
        actions={await auditActions(ctx)}
        filter={filter}
        nextHref={nextBefore ? href(nextBefore) : null}
        firstHref={before ? href() : null}
        chain={await checkAuditChain(ctx)}
      />,
    );
  });
}
