import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { megabytes } from '../storage/store.js';
import { ButtonLink, ErrorSummary } from '../ui/components.js';
import { errorText } from '../ui/context.js';
import { FocusLayout, PublicLayout, StaffLayout } from '../ui/layouts.js';
import { renderPage } from '../ui/render.js';
import type { AppContext, AppEnv } from './env.js';
import { AppError } from './errors.js';

function wantsJson(c: AppContext) {
  return c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');
}

/** One page for every error a user can meet: designed, in their language, never a stack trace. */
export async function respondWithError(
  c: AppContext,
  status: number,
  code: string,
  messageKey: string,
  params: Record<string, string | number> = {},
  fields: AppError['fields'] = [],
) {
  const t = c.get('t');
  const requestId = c.get('requestId');
  if (wantsJson(c)) {
    return c.json(
      {
        error: {
          code,
          message: t(messageKey, params),
          fields: fields.map((f) => ({ field: f.field, message: errorText(t, f) })),
          requestId,
        },
      },
      status as 400,
    );
  }
  const titleKey =
    status === 404
      ? 'core.errors.notFoundTitle'
      : status === 403
        ? 'core.errors.forbiddenTitle'
        : status === 429
          ? 'core.errors.waitTitle'
          : status >= 500
            ? 'core.errors.serverTitle'
            : 'core.errors.validation';
  const body = (
    <>
      <h1>{t(titleKey)}</h1>
      {fields.length > 0 ? <ErrorSummary errors={fields} /> : null}
      <p>{t(messageKey, params)}</p>
      {status === 404 ? <p>{t('core.errors.notFoundHelp')}</p> : null}
      {status >= 500 ? <p class="muted">{t('core.errors.reference', { id: requestId })}</p> : null}
      <p>
        <ButtonLink href={c.get('actor') ? '/staff' : '/'} icon="house">
          {t('core.errors.home')}
        </ButtonLink>
      </p>
    </>
  );
  const title = t(titleKey);
  const layout =
    c.get('actor') && c.req.path.startsWith('/staff') ? (
      <StaffLayout title={title}>
        <div class="prose">{body}</div>
      </StaffLayout>
    ) : c.get('org') ? (
      <PublicLayout title={title}>
        <div class="prose">{body}</div>
      </PublicLayout>
    ) : (
      <FocusLayout title={title}>
        <div class="panel">{body}</div>
      </FocusLayout>
    );
  try {
    return await renderPage(c, layout, status);
  } catch {
    // The layout itself failed (e.g. the database went away): a plain page still answers.
    return c.html(
      `<!DOCTYPE html><html lang="th"><meta charset="utf-8"><title>${status}</title><h1>${status}</h1><p>${t(messageKey, params)}</p>`,
      status as 500,
    );
  }
}

export async function handleError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) {
    return respondWithError(c, err.status, err.code, err.messageKey, err.params, err.fields);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) {
      const max = megabytes(c.get('app').config.bodyLimit);
      return respondWithError(c, 413, 'payload_too_large', 'core.errors.tooLarge', { max });
    }
    if (err.status === 400 && c.req.path.startsWith('/api/')) {
      return respondWithError(c, 400, 'bad_request', 'core.errors.badJson');
    }
    if (err.status < 500) return respondWithError(c, err.status, 'http_error', 'core.errors.notFound');
  }
  // Two writes racing for the same unique value (a username, a web address): the loser is told
  // plainly; nothing was changed by it.
  if (((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code) === '23505') {
    return respondWithError(c, 409, 'conflict', 'core.errors.conflict');
  }
  c.get('app')?.log.error({ err: loggableError(err), requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
  return respondWithError(c, 500, 'internal_error', 'core.errors.server');
}

/**
 * What of an error goes to the log. A failed query's message carries its parameters — a
 * password hash, a person's name — so for a query error only the database's own error (its
 * code, message and detail) is kept, never the statement's values.
 */
export function loggableError(err: Error): Record<string, unknown> {
  const cause = (err as { cause?: unknown }).cause as (Error & { code?: string; detail?: string; constraint?: string }) | undefined;
  if (err.name === 'DrizzleQueryError' || (cause && typeof cause === 'object' && 'code' in cause)) {
    return {
      type: err.name,
      message: cause?.message ?? 'query failed',
      code: cause?.code,
      constraint: cause?.constraint,
      stack: cause?.stack?.split('\n').slice(0, 8).join('\n'),
    };
  }
  return { type: err.name, message: err.message, stack: err.stack };
}
