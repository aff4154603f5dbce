import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** news.* — th, en, ms. */
export const messages: ModuleMessages = {
  th: {},
  en: {},
  ms: {},
};
