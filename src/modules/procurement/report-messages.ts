import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** procurement.* (top-level keys report, monthly, quarterly, annual, public, dataset) — th, en, ms. */
export const reportMessages: ModuleMessages = {
  th: {},
  en: {},
  ms: {},
};
