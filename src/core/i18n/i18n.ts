/**
 * Message catalogs. Every module ships its own catalog (th and en complete; ms — Patani Malay
 * in Rumi — for the strings citizens see); the registry merges them under the module's name.
 * Thai is the default; a missing Malay string falls back to Thai (read by Malay speakers in
 * the Deep South), a missing English one to Thai too, never to a key.
 */
export const LOCALES = ['th', 'en', 'ms'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'th';

/** A nested catalog as written in a module's messages.ts. */
export interface CatalogTree {
  [key: string]: string | CatalogTree;
}

export interface ModuleMessages {
  th: CatalogTree;
  en: CatalogTree;
  ms?: CatalogTree;
}

/**
 * One module's catalog made of several files (each part of a module owns its top-level keys): a
 * top-level key in two parts is a programming error, not a silent override.
 */
export function mergeMessages(...parts: ModuleMessages[]): ModuleMessages {
  const out: ModuleMessages = { th: {}, en: {}, ms: {} };
  for (const part of parts) {
    for (const locale of ['th', 'en', 'ms'] as const) {
      const target = out[locale] as CatalogTree;
      for (const [k, v] of Object.entries(part[locale] ?? {})) {
        if (k in target) throw new Error(`Catalog key ${k} (${locale}) is defined by two parts of a module`);
        target[k] = v;
      }
    }
  }
  return out;
}

export type FlatCatalog = Map<string, string>;
export type Catalogs = Record<Locale, FlatCatalog>;

export function flatten(tree: CatalogTree, prefix: string, out: FlatCatalog = new Map()) {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

export function buildCatalogs(sources: { namespace: string; messages: ModuleMessages }[]): Catalogs {
  const catalogs: Catalogs = { th: new Map(), en: new Map(), ms: new Map() };
  for (const { namespace, messages } of sources) {
    for (const locale of LOCALES) {
      const tree = messages[locale];
      if (tree) flatten(tree, namespace, catalogs[locale]);
    }
  }
  return catalogs;
}

export type MessageParams = Record<string, string | number>;
export type Translate = (key: string, params?: MessageParams) => string;

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

/**
 * A translator for one locale. `{name}` placeholders are filled from params; a key missing in
 * every catalog is a programming error caught by the catalog test, shown as the key itself.
 */
export function translator(catalogs: Catalogs, locale: Locale): Translate {
  const primary = catalogs[locale];
  const fallback = catalogs.th;
  return (key, params) => {
    const template = primary.get(key) ?? fallback.get(key) ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
  };
}
