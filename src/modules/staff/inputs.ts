import { z } from '@hono/zod-openapi';
import { ROLES } from '../../core/auth/roles.js';
import { chosenString } from '../../core/http/validation.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const optionalId = z.coerce.number().int().positive().optional();

export const TITLE_PREFIXES = ['นาย', 'นาง', 'นางสาว'] as const;

export const DivisionInput = z.object({
  name: text(120),
  nameEn: optionalText(120),
  sortOrder: z.coerce.number().int().min(0).max(999).optional(),
});
export type DivisionInput = z.output<typeof DivisionInput>;

export const POSITION_RANKS = ['mayor', 'deputy_mayor', 'permanent_secretary', 'deputy_secretary', 'division_head', 'staff'] as const;

export const PositionInput = z.object({
  title: text(160),
  titleEn: optionalText(160),
  appendOrgName: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  divisionId: optionalId,
  rank: z.enum(POSITION_RANKS),
  sortOrder: z.coerce.number().int().min(0).max(999).optional(),
});
export type PositionInput = z.output<typeof PositionInput>;

export const USERNAME = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9._-]{3,40}$/, { message: 'core.validation.username' });

export const PersonInput = z.object({
  titlePrefix: chosenString(40),
  firstName: text(80),
  lastName: text(80),
  positionId: optionalId,
  divisionId: optionalId,
  email: z.string().trim().email().max(200).optional(),
  phone: optionalText(40),
});
export type PersonInput = z.output<typeof PersonInput>;

const roles = z.preprocess(
  (v) => (Array.isArray(v) ? v.filter((x) => x !== '') : v === undefined || v === '' ? [] : [v]),
  z.array(z.enum(ROLES)),
);

export const AccountInput = z.object({
  username: USERNAME,
  roles,
});
export type AccountInput = z.output<typeof AccountInput>;

/** A new person, with a sign-in account when a username is given. */
export const NewPersonInput = PersonInput.extend({
  username: USERNAME.optional(),
  roles: roles.optional(),
});

export const ActingInput = z.object({
  positionIds: z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((x) => x !== '') : v ? [v] : []),
    z.array(z.coerce.number().int().positive()),
  ),
});

export const ChainInput = z.object({
  step1: z.coerce.number().int().positive(),
  step2: z.coerce.number().int().positive(),
  step3: z.coerce.number().int().positive(),
});

export const staffLabels: Record<string, string> = {
  name: 'staff.fields.divisionName',
  nameEn: 'staff.fields.nameEn',
  sortOrder: 'staff.fields.sortOrder',
  title: 'staff.fields.positionTitle',
  titleEn: 'staff.fields.positionTitleEn',
  appendOrgName: 'staff.fields.appendOrgName',
  divisionId: 'staff.fields.division',
  rank: 'staff.fields.rank',
  titlePrefix: 'staff.fields.titlePrefix',
  firstName: 'staff.fields.firstName',
  lastName: 'staff.fields.lastName',
  positionId: 'staff.fields.position',
  email: 'staff.fields.email',
  phone: 'staff.fields.phone',
  username: 'staff.fields.username',
  roles: 'staff.fields.roles',
  positionIds: 'staff.fields.acting',
  step1: 'staff.chain.step1',
  step2: 'staff.chain.step2',
  step3: 'staff.chain.step3',
};
