import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** procurement.* (top-level key import) — th, en. */
export const importMessages: ModuleMessages = {
  th: {},
  en: {},
  ms: {},
};
