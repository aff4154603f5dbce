import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** Answering surveys (surveys.collect.*): th, en, ms (citizen-facing), and the form editor and paper entry (th, en). */
export const collectMessages: ModuleMessages = {
  th: {},
  en: {},
  ms: {},
};
