import { z } from '@hono/zod-openapi';
import { chosenString } from '../../core/http/validation.js';
import { ORG_TYPES } from '../../core/tenancy/organization.js';
import { toArabicDigits } from '../../core/thai/digits.js';
import { isThaiProvince } from '../../core/thai/provinces.js';
import { contrastRatio, parseHexColor } from '../../core/ui/color.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** "นธ๗๘๑๐๑", "นธ 78101", "นธ.78101" → "นธ 78101" (Arabic digits stored, Thai digits printed). */
export function normalizeDocCode(s: string): string | null {
  const m = /^([ก-ฮ]{1,3})\.?\s*([0-9๐-๙]{3,6}(?:[./][0-9๐-๙]+)?)$/.exec(s.trim());
  if (!m) return null;
  return `${m[1]} ${toArabicDigits(m[2] ?? '')}`;
}

export const orgFields = {
  type: z.enum(ORG_TYPES),
  name: text(120).refine((v) => !/^(องค์การบริหารส่วนตำบล|อบต\.|เทศบาล)/.test(v), {
    message: 'organization.fields.nameHint',
  }),
  nameEn: optionalText(120),
  province: chosenString(80).refine(isThaiProvince, { message: 'organization.provinceInvalid' }),
  district: text(80),
  subdistrict: optionalText(80),
  docCode: z
    .string()
    .trim()
    .min(1)
    .transform((v, ctx) => {
      const n = normalizeDocCode(v);
      if (!n) {
        ctx.addIssue({ code: 'custom', message: 'organization.docCodeInvalid' });
        return z.NEVER;
      }
      return n;
    }),
  address: text(300),
  postcode: z
    .string()
    .trim()
    .regex(/^[0-9๐-๙]{5}$/, { message: 'core.validation.invalid' })
    .transform(toArabicDigits)
    .optional(),
  phone: z
    .string()
    .trim()
    .refine((v) => /^[0-9๐-๙]{9,10}$/.test(toArabicDigits(v).replace(/[\s-]/g, '')), {
      message: 'core.validation.invalidPhone',
    })
    .optional(),
  email: z.string().trim().email().max(200).optional(),
  website: z
    .string()
    .trim()
    .url()
    .max(200)
    .regex(/^https?:\/\//, { message: 'core.validation.invalidUrl' })
    .optional(),
};

export const orgLabels: Record<string, string> = {
  type: 'organization.fields.type',
  name: 'organization.fields.name',
  nameEn: 'organization.fields.nameEn',
  province: 'organization.fields.province',
  district: 'organization.fields.district',
  subdistrict: 'organization.fields.subdistrict',
  docCode: 'organization.fields.docCode',
  address: 'organization.fields.address',
  postcode: 'organization.fields.postcode',
  phone: 'organization.fields.phone',
  email: 'organization.fields.email',
  website: 'organization.fields.website',
  brandColor: 'organization.fields.brandColor',
  logo: 'organization.fields.logo',
};

export const OrgInput = z.object(orgFields);
export type OrgInput = z.output<typeof OrgInput>;

export const OrgSettingsInput = z.object({
  ...orgFields,
  brandColor: z
    .string()
    .trim()
    .refine((v) => parseHexColor(v) !== null, { message: 'core.validation.invalidColor' })
    .refine((v) => contrastRatio(v, '#ffffff') >= 4.5, { message: 'core.validation.lowContrast' })
    .transform((v) => v.toLowerCase()),
});
export type OrgSettingsInput = z.output<typeof OrgSettingsInput>;

export const HostInput = z.object({
  hostname: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, {
      message: 'organization.settings.hostInvalid',
    }),
});
