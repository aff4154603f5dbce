import type { organizations } from './schema.js';

export type OrganizationRow = typeof organizations.$inferSelect;

export const ORG_TYPES = ['sao', 'tambon_municipality', 'town_municipality', 'city_municipality'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/**
 * The Thai forms of an organization type. These are legal names used verbatim in official
 * documents (always Thai, whatever the screen language), so they are data, not UI strings.
 */
const TYPE_FORMS: Record<OrgType, { full: string; short: string; council: string; mayor: string; secretary: string }> = {
  sao: {
    full: 'องค์การบริหารส่วนตำบล',
    short: 'อบต.',
    council: 'สภาองค์การบริหารส่วนตำบล',
    mayor: 'นายกองค์การบริหารส่วนตำบล',
    secretary: 'ปลัดองค์การบริหารส่วนตำบล',
  },
  tambon_municipality: {
    full: 'เทศบาลตำบล',
    short: 'ทต.',
    council: 'สภาเทศบาลตำบล',
    mayor: 'นายกเทศมนตรีตำบล',
    secretary: 'ปลัดเทศบาลตำบล',
  },
  town_municipality: {
    full: 'เทศบาลเมือง',
    short: 'ทม.',
    council: 'สภาเทศบาลเมือง',
    mayor: 'นายกเทศมนตรีเมือง',
    secretary: 'ปลัดเทศบาลเมือง',
  },
  city_municipality: {
    full: 'เทศบาลนคร',
    short: 'ทน.',
    council: 'สภาเทศบาลนคร',
    mayor: 'นายกเทศมนตรีนคร',
    secretary: 'ปลัดเทศบาลนคร',
  },
};

export function isOrgType(x: string): x is OrgType {
  return (ORG_TYPES as readonly string[]).includes(x);
}

/** The official Thai names of an organization, all generated from its one record. */
export function orgNames(org: Pick<OrganizationRow, 'type' | 'name'>) {
  const forms = TYPE_FORMS[isOrgType(org.type) ? org.type : 'sao'];
  return {
    /** องค์การบริหารส่วนตำบลลูโบะปือซา */
    full: forms.full + org.name,
    /** อบต.ลูโบะปือซา */
    short: forms.short + org.name,
    /** The prefix of the type alone, for titles that append the name. */
    typeFull: forms.full,
    mayor: forms.mayor + org.name,
    secretary: forms.secretary + org.name,
    council: forms.council + org.name,
  };
}

export interface Organization extends OrganizationRow {
  names: ReturnType<typeof orgNames>;
}

export function toOrganization(row: OrganizationRow): Organization {
  return { ...row, names: orgNames(row) };
}
