/**
 * Why people come to the front desk: a fixed list (labels in the catalog, frontdesk.purposes.<key>),
 * in the order the buttons are shown — the most frequent first, "other" last.
 */
export const PURPOSES = [
  'tax',
  'commerce_registration',
  'building_permit',
  'allowance',
  'inquiry',
  'information_request',
  'complaint',
  'other_agency',
  'other',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isPurpose(x: unknown): x is Purpose {
  return typeof x === 'string' && (PURPOSES as readonly string[]).includes(x);
}

/** Catalog key of a purpose's label. */
export const purposeLabel = (p: string) => `frontdesk.purposes.${isPurpose(p) ? p : 'other'}`;
