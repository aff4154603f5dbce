import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** Reports, suggestions and documents (surveys.report.*): th, en. The PDF is always Thai. */
export const reportMessages: ModuleMessages = {
  th: {},
  en: {},
};
