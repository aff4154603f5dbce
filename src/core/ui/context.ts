import type { Child } from 'hono/jsx';
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

/**
 * A translated sentence with elements in its placeholders ("ยินดีต้อนรับสู่{name}" with the name
 * kept unbroken): the catalog decides the word order, the view supplies the nodes.
 */
export function richText(t: Translate, key: string, nodes: Record<string, Child>): Child[] {
  return t(key)
    .split(/(\{\w+\})/)
    .filter((part) => part !== '')
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name && name in nodes ? nodes[name] : part;
    });
}
