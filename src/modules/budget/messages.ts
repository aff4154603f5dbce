import type { ModuleMessages } from '../../core/i18n/i18n.js';

/** budget.* (plan, lines, import, disbursements, staff pages) — th, en, ms. */
export const messages: ModuleMessages = {
  th: {
    nav: { public: 'งบประมาณ', staff: 'แผนการใช้จ่ายงบประมาณ' },
  },
  en: {
    nav: { public: 'Budget', staff: 'Spending plan' },
  },
  ms: {
    nav: { public: 'Belanjawan' },
  },
};
