import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** procurement.* (procurements, bids, notices, staff pages, ocds) — th, en, ms. */
export const messages: ModuleMessages = {
  th: {
    nav: { public: 'จัดซื้อจัดจ้าง', staff: 'จัดซื้อจัดจ้าง' },
  },
  en: {
    nav: { public: 'Procurement', staff: 'Procurement' },
  },
  ms: {
    nav: { public: 'Perolehan' },
  },
};
