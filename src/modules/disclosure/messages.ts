import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** disclosure.* — th, en, ms. */
export const messages: ModuleMessages = {
  th: {},
  en: {},
  ms: {},
};
