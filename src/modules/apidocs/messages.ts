import type { ModuleMessages } from '../../core/i18n/i18n.js';

export const messages: ModuleMessages = {
  th: {
    title: 'เอกสาร API',
    lead: 'API แบบ JSON สำหรับเชื่อมต่อระบบอื่น ทุกคำสั่งมีรหัส operationId ที่คงที่ ดาวน์โหลดข้อกำหนดเต็มได้ที่',
    auth: 'การยืนยันตัวตน: เรียก auth.login เพื่อรับ token แล้วส่งในส่วนหัว Authorization: Bearer <token>',
    parameters: 'พารามิเตอร์',
    body: 'ข้อมูลที่ส่ง',
    responses: 'ผลลัพธ์',
    requiresAuth: 'ต้องเข้าสู่ระบบ',
    public: 'สาธารณะ',
    required: 'จำเป็น',
    contents: 'สารบัญ',
    schemas: 'โครงสร้างข้อมูล (schemas)',
  },
  en: {
    title: 'API documentation',
    lead: 'A JSON API for connecting other systems. Every operation has a stable operationId. The full specification:',
    auth: 'Authentication: call auth.login for a token, then send it as the header Authorization: Bearer <token>',
    parameters: 'Parameters',
    body: 'Request body',
    responses: 'Responses',
    requiresAuth: 'Sign-in required',
    public: 'Public',
    required: 'required',
    contents: 'Contents',
    schemas: 'Schemas',
  },
};
