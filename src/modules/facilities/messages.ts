import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** facilities.* — th, en. */
export const messages: ModuleMessages = {
  th: {},
  en: {},
};
