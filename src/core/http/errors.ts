import type { MessageParams } from '../i18n/i18n.js';

/** One invalid field: which field, and the catalog key of the message naming what is wrong. */
export interface FieldError {
  field: string;
  /** Catalog key of the field's label, so the message can name it ("กรุณากรอกชื่อผู้ใช้"). */
  label?: string;
  message: string;
  params?: MessageParams;
}

/**
 * An error meant for the user: it carries an HTTP status and a catalog key, never a stack.
 * Services throw these; routes turn them into a page or a JSON body in the user's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly code: string,
    readonly messageKey: string,
    readonly params: MessageParams = {},
    readonly fields: FieldError[] = [],
  ) {
    super(`${code}: ${messageKey}`);
  }
}

export class ValidationError extends AppError {
  constructor(fields: FieldError[], messageKey = 'core.errors.validation') {
    super(422, 'validation_failed', messageKey, {}, fields);
  }
}

export const notFound = (messageKey = 'core.errors.notFound') => new AppError(404, 'not_found', messageKey);

export const forbidden = (messageKey = 'core.errors.forbidden') => new AppError(403, 'forbidden', messageKey);

export const unauthorized = (messageKey = 'core.errors.unauthorized') => new AppError(401, 'unauthorized', messageKey);

export const conflict = (messageKey: string, params?: MessageParams) => new AppError(409, 'conflict', messageKey, params);

export const tooMany = (messageKey: string, params?: MessageParams) => new AppError(429, 'too_many_requests', messageKey, params);

/** Guards a page: 401 without a signed-in actor, 403 when the policy says no. */
export function ensureAllowed(allowed: boolean, signedIn: boolean): void {
  if (!allowed) throw signedIn ? forbidden() : unauthorized();
}
