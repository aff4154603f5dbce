import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { siteOrigin } from '../../core/http/request.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { fullName, staffOfUser } from '../staff/service.js';
import { CHAIN_GENESIS, chainLog } from './chain.js';
import { logCsv } from './log-csv.js';
import { oitItem } from './oit-items.js';
import { publicationsPolicy } from './policy.js';
import {
  getPublication,
  listPublications,
  type Publication,
  publicationBytes,
  publicationFileHref,
  publicationHref,
  publicationsWithSha256,
  sourceHref,
  supersedePublication,
  withdrawDocument,
} from './service.js';
import { type CheckOutcome, CheckPage } from './views/check.js';
import { logRows, PublicLogPage } from './views/log.js';
import { PublicationPage } from './views/public.js';
import { PublicationLogPage, SupersedePage, WithdrawPage } from './views/staff.js';

/** A fiscal year in a path: a B.E. year this system can hold, else the page does not exist. */
function _fiscalYearParam(s: string | undefined): number {
  if (!s || !/^\d{4}$/.test(s)) throw notFound();
  const fy = Number(s);
  if (fy < 2500 || fy > 2700) throw notFound();
  return fy;
}

/** Public pages are read as the public: the same for a signed-in coordinator as for a citizen. */
const publicCtx = (c: AppContext) => serviceContext(c);

/** The downloaded file's name: the title, made safe for a file name, with .pdf (or .json for a content snapshot). */
function downloadName(p: Publication): string {
  const base =
    p.title
      .replace(/[\\/:*?"<>|]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || `publication-${p.id}`;
  return `${base}.${p.mime === 'application/json' ? 'json' : 'pdf'}`;
}

/** The head of the chain: the stored link of the newest row (recomputed only if rows predate stored links). */
export function logHead(all: readonly Publication[]): string {
  if (all.length === 0) return CHAIN_GENESIS;
  const last = all.reduce((a, b) => (b.id > a.id ? b : a));
  return last.chainLink ?? chainLog(all).head;
}

const text = (values: FormValues, k: string) => formValue(values, k).trim();

/**
 * A pasted sha256 as people copy it: any case, with the file name sha256sum prints after it, or
 * with spaces between the bytes (older certutil). null when no sha256 is in it.
 */
export function parseSha256(raw: string): string | null {
  const lower = raw.toLowerCase();
  const run = /(?:^|[^0-9a-f])([0-9a-f]{64})(?![0-9a-f])/.exec(lower);
  if (run?.[1]) return run[1];
  const squeezed = lower.replace(/\s+/g, '');
  return /^[0-9a-f]{64}$/.test(squeezed) ? squeezed : null;
}

/**
 * Reads the check form: an uploaded file is hashed (never stored); else a pasted sha256.
 * Returns the outcome (every log row of this organization with that sha256) or the field errors.
 */
async function readCheck(
  c: AppContext,
  ctx: ServiceContext,
): Promise<{ values: FormValues; errors: FieldError[]; outcome: CheckOutcome | null }> {
  const { values, files } = await readForm(c);
  const file = files.file;
  const pasted = text(values, 'sha256');
  if (file && pasted) {
    return { values, errors: [{ field: 'file', label: 'publications.check.file', message: 'publications.check.both' }], outcome: null };
  }
  let sha256: string | null;
  let fileInfo: CheckOutcome['file'];
  if (file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    sha256 = createHash('sha256').update(bytes).digest('hex');
    fileInfo = { name: file.name.slice(0, 200), size: bytes.byteLength };
  } else if (pasted) {
    sha256 = parseSha256(pasted);
    if (!sha256) {
      return {
        values,
        errors: [{ field: 'sha256', label: 'publications.check.sha256', message: 'publications.check.badSha' }],
        outcome: null,
      };
    }
  } else {
    return { values, errors: [{ field: 'file', label: 'publications.check.file', message: 'publications.check.nothing' }], outcome: null };
  }
  const matches = await publicationsWithSha256(ctx, sha256);
  return { values: {}, errors: [], outcome: { sha256, file: fileInfo, matches } };
}

/** A publication's page, with what it replaced, what replaced it, and its withdrawal (either way). */
async function publicationPage(
  c: AppContext,
  id: number,
  check?: { values: FormValues; errors: FieldError[]; outcome: CheckOutcome | null },
) {
  const ctx = publicCtx(c);
  const p = await getPublication(ctx, id);
  const replacement = p.supersededBy ? await getPublication(ctx, p.supersededBy) : null;
  const previous =
    (await listPublications(ctx, { fiscalYear: p.fiscalYear, includeSuperseded: true })).find((x) => x.supersededBy === p.id) ?? null;
  const withdrawal = p.withdrawnBy ? await getPublication(ctx, p.withdrawnBy) : null;
  const withdrew = p.withdraws ? await getPublication(ctx, p.withdraws) : null;
  return (
    <PublicationPage
      org={orgOf(c)}
      p={p}
      item={p.itemCode ? oitItem(p.fiscalYear, p.itemCode) : undefined}
      replacement={replacement}
      previous={previous}
      withdrawal={withdrawal}
      withdrew={withdrew}
      check={check}
    />
  );
}

export function routes(app: Hono<AppEnv>) {
  // The public, verifiable publication log (before /publications/:id, which would take 'log.csv' for an id).
  app.get('/publications', (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = publicCtx(c);
      const all = await listPublications(ctx, { includeSuperseded: true });
      const org = orgOf(c);
      // The public sees the publisher's position as recorded, never a name or username.
      const rows = logRows(all, (p) => p.publisherPosition ?? org.names.full);
      return renderToString(c, <PublicLogPage org={org} rows={rows} head={logHead(all)} />);
    }),
  );

  app.get('/publications/log.csv', async (c) => {
    const ctx = publicCtx(c);
    const all = await listPublications(ctx, { includeSuperseded: true });
    const origin = siteOrigin(c);
    const bytes = logCsv(all, {
      fileUrl: (p) => `${origin}${publicationFileHref(p)}`,
      sourceUrl: (p) => {
        const href = p.action === 'publish' ? sourceHref(p) : null;
        return href ? `${origin}${href}` : '';
      },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Length', String(bytes.byteLength));
    c.header('Content-Disposition', `attachment; filename="publication-log-${bangkokIsoDay(ctx.app.now())}.csv"`);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  // Check a file against the log (before /publications/:id, which would take 'check' for an id).
  app.get('/publications/check', (c) => renderPage(c, <CheckPage org={orgOf(c)} values={{}} errors={[]} outcome={null} />));

  app.post('/publications/check', async (c) => {
    const r = await readCheck(c, publicCtx(c));
    return renderPage(c, <CheckPage org={orgOf(c)} values={r.values} errors={r.errors} outcome={r.outcome} />, r.errors.length ? 422 : 200);
  });

  app.get('/publications/:id', (c) => {
    const id = rowIdParam(c);
    return c.get('pages').respond(c, async () => renderToString(c, await publicationPage(c, id)));
  });

  app.post('/publications/:id/check', async (c) => {
    const id = rowIdParam(c);
    const ctx = publicCtx(c);
    await getPublication(ctx, id); // an unknown id is a 404 before anything is read
    const r = await readCheck(c, ctx);
    return renderPage(c, await publicationPage(c, id, r), r.errors.length ? 422 : 200);
  });

  app.get('/publications/:id/file', async (c) => {
    const ctx = publicCtx(c);
    const p = await getPublication(ctx, rowIdParam(c));
    const etag = `"${p.sha256}"`;
    // Immutable: the ETag is the content's own hash; a matching one needs no bytes read at all.
    if (c.req.header('if-none-match') === etag) {
      c.header('ETag', etag);
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return c.body(null, 304);
    }
    const bytes = await publicationBytes(ctx, p);
    const res = serveStoredFile(c, { sha256: p.sha256, mime: p.mime, name: downloadName(p), size: p.size }, bytes, { immutable: true });
    return res;
  });

  // ---------- staff ----------

  app.get('/staff/publications', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(publicationsPolicy.log(actor), !!actor);
    const ctx = serviceContext(c);
    const all = await listPublications(ctx, { includeSuperseded: true });
    const names = new Map<number, string>();
    for (const userId of new Set(all.map((p) => p.publishedBy).filter((u): u is number => !!u))) {
      const person = await staffOfUser(ctx, userId);
      if (person) names.set(userId, fullName(person));
    }
    const org = orgOf(c);
    const rows = logRows(
      all,
      (p) => [p.publishedBy ? names.get(p.publishedBy) : null, p.publisherPosition].filter(Boolean).join(' · ') || org.names.full,
    );
    return renderPage(
      c,
      <PublicationLogPage rows={rows} canManage={publicationsPolicy.supersede(actor) && publicationsPolicy.withdraw(actor)} />,
    );
  });

  const supersedePage = async (c: AppContext, id: number, values: FormValues, errors: FieldError[], status = 200) => {
    const p = await getPublication(serviceContext(c), id);
    return renderPage(c, <SupersedePage p={p} values={values} errors={errors} />, status);
  };

  app.get('/staff/publications/:id/supersede', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(publicationsPolicy.supersede(actor), !!actor);
    return supersedePage(c, rowIdParam(c), {}, []);
  });

  app.post('/staff/publications/:id/supersede', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(publicationsPolicy.supersede(actor), !!actor);
    const id = rowIdParam(c);
    const { values, files } = await readForm(c);
    const file = files.file;
    const text = (k: string) => formValue(values, k).trim();
    let created: Publication;
    try {
      created = await supersedePublication(serviceContext(c), id, {
        reason: text('reason'),
        title: text('title') || undefined,
        bytes: file ? new Uint8Array(await file.arrayBuffer()) : null,
        fileName: file?.name ?? 'document.pdf',
      });
    } catch (e) {
      if (e instanceof AppError && e.fields.length > 0) return supersedePage(c, id, values, e.fields, 422);
      if (e instanceof AppError && e.status === 409) {
        return supersedePage(c, id, values, [{ field: '_', message: e.messageKey }], 409);
      }
      throw e;
    }
    flash(c, 'publications.supersede.done');
    return c.redirect(publicationHref(created), 303);
  });

  const withdrawPage = async (c: AppContext, id: number, values: FormValues, errors: FieldError[], status = 200) => {
    const p = await getPublication(serviceContext(c), id);
    return renderPage(c, <WithdrawPage p={p} values={values} errors={errors} />, status);
  };

  app.get('/staff/publications/:id/withdraw', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(publicationsPolicy.withdraw(actor), !!actor);
    return withdrawPage(c, rowIdParam(c), {}, []);
  });

  app.post('/staff/publications/:id/withdraw', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(publicationsPolicy.withdraw(actor), !!actor);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    try {
      await withdrawDocument(serviceContext(c), id, { reason: text(values, 'reason') });
    } catch (e) {
      if (e instanceof AppError && e.fields.length > 0) return withdrawPage(c, id, values, e.fields, 422);
      if (e instanceof AppError && e.status === 409) return withdrawPage(c, id, values, [{ field: '_', message: e.messageKey }], 409);
      throw e;
    }
    flash(c, 'publications.withdraw.done');
    return c.redirect(publicationHref({ id }), 303);
  });
}
