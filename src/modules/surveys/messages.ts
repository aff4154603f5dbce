import type { ModuleMessages } from '../../core/i18n/i18n.js';
import { collectMessages } from './collect.messages.js';
import { reportMessages } from './report.messages.js';

const base: ModuleMessages = {
  th: {
    nav: 'ความพึงพอใจ',
    formNav: 'แบบประเมินความพึงพอใจ',
    publicNav: 'ประเมินความพึงพอใจ',
    levels: { '5': 'มากที่สุด', '4': 'มาก', '3': 'ปานกลาง', '2': 'น้อย', '1': 'น้อยที่สุด' },
    channel: { ticket: 'QR บนบัตรคิว', tablet: 'แท็บเล็ตที่ช่องบริการ', public: 'ลิงก์สาธารณะ', paper: 'แบบฟอร์มกระดาษ' },
    tag: { problem: 'ปัญหา', suggestion: 'ข้อเสนอแนะ', compliment: 'คำชม' },
  },
  en: {
    nav: 'Satisfaction',
    formNav: 'Satisfaction form',
    publicNav: 'Rate our service',
    levels: { '5': 'Very satisfied', '4': 'Satisfied', '3': 'Neutral', '2': 'Dissatisfied', '1': 'Very dissatisfied' },
    channel: { ticket: 'QR on a queue ticket', tablet: 'Counter tablet', public: 'Public link', paper: 'Paper form' },
    tag: { problem: 'Problem', suggestion: 'Suggestion', compliment: 'Compliment' },
  },
  ms: {
    nav: 'Kepuasan',
    publicNav: 'Nilai perkhidmatan kami',
    levels: { '5': 'Sangat puas', '4': 'Puas', '3': 'Sederhana', '2': 'Kurang puas', '1': 'Tidak puas' },
  },
};

/** surveys.* — shared words (base), surveys.collect.* (answering, form editor, paper entry), surveys.report.*. */
export const messages: ModuleMessages = {
  th: { ...base.th, collect: collectMessages.th, report: reportMessages.th },
  en: { ...base.en, collect: collectMessages.en, report: reportMessages.en },
  ms: { ...base.ms, collect: collectMessages.ms ?? {}, report: reportMessages.ms ?? {} },
};
