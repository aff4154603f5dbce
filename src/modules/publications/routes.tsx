import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, readForm } from '../../core/http/forms.js';
import { parseRowId } from '../../core/http/ids.js';
import { siteOrigin } from '../../core/http/request.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { fullName, staffOfUser } from '../staff/service.js';
import { chainLog } from './chain.js';
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
  supersedePublication,
} from './service.js';
import { logRows, PublicLogPage } from './views/log.js';
import { PublicationPage } from './views/public.js';
import { PublicationLogPage, SupersedePage } from './views/staff.js';

/** A fiscal year in a path: a B.E. year this system can hold, else the page does not exist. */
function _fiscalYearParam(s: string | undefined): number {
  if (!s || !/^\d{4}$/.test(s)) throw notFound();
  const fy = Number(s);
  if (fy < 2500 || fy > 2700) throw notFound();
  return fy;
}

function idParam(s: string | undefined): number {
  const id = parseRowId(s);
  if (id === null) throw notFound();
  return id;
}

/** Public pages are read as the public: the same for a signed-in coordinator as for a citizen. */
const publicCtx = (c: AppContext) => serviceContext(c);

/** The downloaded file's name: the title, made safe for a file name, with .pdf. */
function downloadName(p: Publication): string {
  const base =
    p.title
      .replace(/[\\/:*?"<>|]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || `publication-${p.id}`;
  return `${base}.pdf`;
}

/** A date as YYYY-MM-DD in Thailand, for the name of a downloaded copy of the log. */

export function routes(app: Hono<AppEnv>) {
  // The public, verifiable publication log (before /publications/:id, which would take 'log.csv' for an id).
  app.get('/publications', (c) =>
    c.get('pages').respond(c, async () => {
      const ctx = publicCtx(c);
      const all = await listPublications(ctx, { includeSuperseded: true });
      const org = orgOf(c);
      // The public sees the publisher's position as recorded, never a name or username.
      const rows = logRows(all, (p) => p.publisherPosition ?? org.names.full);
      return renderToString(c, <PublicLogPage org={org} rows={rows} head={chainLog(all).head} />);
    }),
  );

  app.get('/publications/log.csv', async (c) => {
    const ctx = publicCtx(c);
    const all = await listPublications(ctx, { includeSuperseded: true });
    const origin = siteOrigin(c);
    const bytes = logCsv(all, (p) => `${origin}${publicationFileHref(p)}`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Length', String(bytes.byteLength));
    c.header('Content-Disposition', `attachment; filename="publication-log-${bangkokIsoDay(ctx.app.now())}.csv"`);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  app.get('/publications/:id', (c) => {
    const id = idParam(c.req.param('id'));
    return c.get('pages').respond(c, async () => {
      const ctx = publicCtx(c);
      const p = await getPublication(ctx, id);
      const replacement = p.supersededBy ? await getPublication(ctx, p.supersededBy) : null;
      const previous =
        (await listPublications(ctx, { fiscalYear: p.fiscalYear, includeSuperseded: true })).find((x) => x.supersededBy === p.id) ?? null;
      return renderToString(
        c,
        <PublicationPage org={orgOf(c)} p={p} item={oitItem(p.fiscalYear, p.itemCode)} replacement={replacement} previous={previous} />,
      );
    });
  });

  app.get('/publications/:id/file', async (c) => {
    const ctx = publicCtx(c);
    const p = await getPublication(ctx, idParam(c.req.param('id')));
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
    return renderPage(c, <PublicationLogPage rows={rows} canSupersede={publicationsPolicy.supersede(actor)} />);
  });

  const supersedePage = async (c: AppContext, id: number, values: FormValues, errors: FieldError[], status = 200) => {
    const p = await getPublication(serviceContext(c), id);
    return renderPage(c, <SupersedePage p={p} values={values} errors={errors} />, status);
  };

  app.get('/staff/publications/:id/supersede', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(publicationsPolicy.supersede(actor), !!actor);
    return supersedePage(c, idParam(c.req.param('id')), {}, []);
  });

  app.post('/staff/publications/:id/supersede', async (c) => {
    const actor = c.get('actor');
    ensureAllowed(publicationsPolicy.supersede(actor), !!actor);
    const id = idParam(c.req.param('id'));
    const { values, files } = await readForm(c);
    const file = files.file;
    const text = (k: string) => {
      const v = values[k];
      return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
    };
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
}
