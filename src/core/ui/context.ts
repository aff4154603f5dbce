import { useRequestContext } from 'hono/jsx-renderer';
import type { AppContext, AppEnv } from '../http/env.js';
import type { FieldError } from '../http/errors.js';
import type { Translate } from '../i18n/i18n.js';

/** The request a view is rendered for: views read it, they never query. */
export function useAppContext(): AppContext {
  return useRequestContext<AppEnv>();
}

export function useT(): Translate {
  return useAppContext().get('t');
}

/** A field error as the sentence the user reads, naming the field. */
export function errorText(t: Translate, e: FieldError): string {
  return t(e.message, { ...(e.params ?? {}), field: e.label ? t(e.label) : '' });
}
