import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** Stub (issue 8 foundations): replaced by the part that owns this file. */
export const statsMessages: ModuleMessages = { th: {}, en: {}, ms: {} };
