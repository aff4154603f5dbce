/**
 * หมวดหมู่ของงานบริการ: how the public list groups the guides. Close to the categories of the
 * citizen-manual template (อนุญาต · จดทะเบียน · รับแจ้ง …), in words a citizen looks for.
 */
export const SERVICE_CATEGORIES = ['permit', 'registration', 'tax', 'welfare', 'health', 'disaster', 'information', 'other'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export function isServiceCategory(s: unknown): s is ServiceCategory {
  return typeof s === 'string' && (SERVICE_CATEGORIES as readonly string[]).includes(s);
}
