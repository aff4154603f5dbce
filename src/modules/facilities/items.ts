/**
 * The eight standard items of measure 7 (การอำนวยความสะดวกในการบริการประชาชนหรือผู้มาติดต่อ) in
 * the seed's order. Their titles and what counts as proof are in the catalog
 * (facilities.items.<key>.title / .hint); the organization may add its own items beside them.
 */
export const FACILITY_ITEMS = [
  'seats', // เก้าอี้รองรับผู้มาติดต่อ
  'signage', // ป้ายบอกทิศทาง
  'responsibility_chart', // แผนผังผู้รับผิดชอบและช่องทางติดต่อ, ผังขั้นตอน
  'request_forms', // แบบคำร้องและตัวอย่างการกรอก
  'out_of_hours', // บริการนอกเวลาราชการ
  'lighting', // แสงสว่างเพียงพอ
  'queue_cards', // บัตรคิว
  'screening_point', // จุดคัดกรองผู้มาติดต่อ
] as const;
export type FacilityItemKey = (typeof FACILITY_ITEMS)[number];

export function isStandardItem(key: string): key is FacilityItemKey {
  return (FACILITY_ITEMS as readonly string[]).includes(key);
}

/** The organization's own items are keyed 'custom-…'. */
export const CUSTOM_PREFIX = 'custom-';

/** Which measure of the plan the checklist is evidence of. */
export const FACILITIES_MEASURE_NUMBER = 7;
