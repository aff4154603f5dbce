import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** budget.* (top-level keys report, public, chart, dataset) — th, en, ms. */
export const reportMessages: ModuleMessages = {
  th: {},
  en: {},
  ms: {},
};
