import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import { AppError, conflict, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { translator } from '../../core/i18n/i18n.js';
import { htmlToText, indexDocument } from '../../core/search/index.js';
import { MalformedImageError, stripImageMetadata } from '../../core/storage/exif.js';
import { readFileBytes, type StoredFile, saveFile } from '../../core/storage/files.js';
import { renderRichText } from '../../core/ui/richtext.js';
import { getOrganization } from '../organization/service.js';
import type { OitTopic } from '../publications/oit-items.js';
import { publishContent } from '../publications/service.js';
import { divisions, positions, staffActing, staffMembers } from '../staff/schema.js';
import { fullName, positionTitle, setStaffPhoto } from '../staff/service.js';
import { aboutPolicy } from './policy.js';
import { ORG_PAGE_KEYS, type OrgPageKey, orgPages, orgProfiles, type SocialChannel } from './schema.js';

export type OrgPage = typeof orgPages.$inferSelect;
export type OrgProfile = typeof orgProfiles.$inferSelect;

export const PAGE_BODY_MAX = 50_000;
export const PAGE_TITLE_MAX = 200;
export const REASON_MAX = 2000;
export const OFFICE_HOURS_MAX = 500;
export const SOCIAL_MAX = 10;
export const SOCIAL_LABEL_MAX = 100;
export const URL_MAX = 500;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const SOCIAL_KINDS: readonly SocialChannel['kind'][] = [
  'facebook',
  'line',
  'youtube',
  'tiktok',
  'x',
  'instagram',
  'website',
  'other',
];

/** The OIT topic each written page serves; history and vision belong with the basic information (structure). */
export const PAGE_TOPIC: Record<OrgPageKey, OitTopic> = {
  powers: 'powers',
  laws: 'laws',
  privacy: 'privacy',
  history: 'structure',
  vision: 'structure',
};

export function isPageKey(x: string): x is OrgPageKey {
  return (ORG_PAGE_KEYS as readonly string[]).includes(x);
}

/** The public path of a written page: the privacy policy lives at /privacy (linked from every footer). */
export function pagePath(key: OrgPageKey): string {
  return key === 'privacy' ? '/privacy' : `/about/${key}`;
}

export function photoPath(staffId: number, fileId: number): string {
  return `/about/photos/${staffId}?v=${fileId}`;
}

const bad = (errors: FieldError[]) => {
  if (errors.length) throw new ValidationError(errors);
};

// ---------------------------------------------------------------- written pages

/** A written page as the public sees it, or null when the organization has not written it. */
export async function getPage(ctx: ServiceContext, key: OrgPageKey): Promise<OrgPage | null> {
  const [row] = await dbOf(ctx)
    .select()
    .from(orgPages)
    .where(and(eq(orgPages.orgId, ctx.orgId), eq(orgPages.key, key)));
  return row && row.version > 0 ? row : null;
}

/** Every page key with its row (null when never written), in the editor's order. */
export async function listPages(ctx: ServiceContext): Promise<{ key: OrgPageKey; page: OrgPage | null }[]> {
  const rows = await dbOf(ctx).select().from(orgPages).where(eq(orgPages.orgId, ctx.orgId));
  return ORG_PAGE_KEYS.map((key) => ({ key, page: rows.find((r) => r.key === key && r.version > 0) ?? null }));
}

/** The Thai title of a page when the organization gave none (the publication log and search are Thai). */
export function defaultPageTitle(ctx: ServiceContext, key: OrgPageKey): string {
  return translator(ctx.app.catalogs, 'th')(`about.pages.${key}`);
}

export interface PageInput {
  title?: string | null;
  body: string;
  /** Why a published page changes (required from the second version). */
  reason?: string | null;
  /** The version the form was shown with (0: never written): a stale form gets 409. */
  version: number;
}

/**
 * Saves a written page as a new version: the Markdown source and its sanitized HTML, logged in
 * the publication log (kind 'page', the page's OIT topic; an edit replaces the previous
 * publication with the reason given) and put in the search index, in one transaction.
 */
export async function savePage(ctx: ServiceContext, key: OrgPageKey, input: PageInput): Promise<OrgPage> {
  const allowed = aboutPolicy.edit(ctx.actor);
  if (!isPageKey(key)) throw notFound();
  const title = input.title?.trim() || null;
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  const reason = input.reason?.trim() || '';
  const html = body ? renderRichText(body) : '';
  if (allowed) {
    const errors: FieldError[] = [];
    if (title && title.length > PAGE_TITLE_MAX)
      errors.push({ field: 'title', label: 'about.fields.title', message: 'core.validation.tooLong', params: { max: PAGE_TITLE_MAX } });
    if (!body || !htmlToText(html)) errors.push({ field: 'body', label: 'about.fields.body', message: 'core.validation.required' });
    else if (body.length > PAGE_BODY_MAX)
      errors.push({ field: 'body', label: 'about.fields.body', message: 'core.validation.tooLong', params: { max: PAGE_BODY_MAX } });
    if (input.version > 0 && !reason)
      errors.push({ field: 'reason', label: 'about.fields.reason', message: 'about.errors.reasonRequired' });
    if (reason.length > REASON_MAX)
      errors.push({ field: 'reason', label: 'about.fields.reason', message: 'core.validation.tooLong', params: { max: REASON_MAX } });
    bad(errors);
  }
  return runCommand(ctx, { action: 'about.savePage', allowed }, async (tx, _tools, txCtx) => {
    const [existing] = await tx
      .select()
      .from(orgPages)
      .where(and(eq(orgPages.orgId, ctx.orgId), eq(orgPages.key, key)))
      .for('update');
    const version = existing?.version ?? 0;
    if (version !== input.version) throw conflict('about.errors.conflict');
    const shownTitle = title ?? defaultPageTitle(ctx, key);
    const publication = await publishContent(tx, txCtx, {
      kind: 'page',
      topic: PAGE_TOPIC[key],
      title: shownTitle,
      source: { entity: 'org_page', id: key },
      snapshot: { key, title: shownTitle, bodySource: body, bodyHtml: html, version: version + 1 },
      replaces: existing?.publicationId ? { publicationId: existing.publicationId, reason } : undefined,
    });
    const values = {
      title,
      bodySource: body,
      bodyHtml: html,
      publicationId: publication.id,
      version: version + 1,
      updatedBy: ctx.actor?.userId || null,
      updatedAt: ctx.app.now(),
    };
    const [row] = existing
      ? await tx
          .update(orgPages)
          .set(values)
          .where(and(eq(orgPages.orgId, ctx.orgId), eq(orgPages.key, key)))
          .returning()
      : await tx
          .insert(orgPages)
          .values({ ...values, orgId: ctx.orgId, key })
          .returning();
    if (!row) throw new Error('page not saved');
    await indexDocument(tx, txCtx, {
      source: 'page',
      sourceId: key,
      title: shownTitle,
      summary: htmlToText(html).slice(0, 200),
      body: htmlToText(html),
      url: pagePath(key),
      publishedAt: ctx.app.now(),
    });
    return {
      result: row,
      entity: 'org_page',
      entityId: key,
      summary: `${existing ? 'แก้ไข' : 'เผยแพร่'}หน้า ${shownTitle} (ฉบับที่ ${row.version})${reason ? ` เหตุผล: ${reason}` : ''}`,
      data: { key, version: row.version, publicationId: publication.id },
    };
  });
}

// ---------------------------------------------------------------- contact profile and social channels

export interface ProfileView {
  latitude: string | null;
  longitude: string | null;
  officeHours: string | null;
  social: SocialChannel[];
  updatedAt: Date | null;
}

export async function getProfile(ctx: ServiceContext): Promise<ProfileView> {
  const [row] = await dbOf(ctx).select().from(orgProfiles).where(eq(orgProfiles.orgId, ctx.orgId));
  return {
    latitude: row?.latitude ?? null,
    longitude: row?.longitude ?? null,
    officeHours: row?.officeHours ?? null,
    social: row?.social ?? [],
    updatedAt: row?.updatedAt ?? null,
  };
}

/** A web address for a link: http or https only (no javascript:, data:, or a bare host). */
export function isWebUrl(s: string): boolean {
  if (s.length > URL_MAX || /\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname && u.hostname.includes('.');
  } catch {
    return false;
  }
}

const DECIMAL = /^-?\d{1,3}(\.\d{1,8})?$/;

export interface ProfileInput {
  latitude?: string | null;
  longitude?: string | null;
  officeHours?: string | null;
  /** The rows of the form: a row with an empty URL is dropped. */
  social: { kind: string; url: string; label?: string | null }[];
}

/** Saves the map coordinates, office hours and social channels (o5, o9); cached public pages are dropped. */
export async function saveProfile(ctx: ServiceContext, input: ProfileInput): Promise<ProfileView> {
  const allowed = aboutPolicy.edit(ctx.actor);
  const latitude = input.latitude?.trim() || null;
  const longitude = input.longitude?.trim() || null;
  const officeHours = input.officeHours?.trim() || null;
  const social: SocialChannel[] = [];
  const errors: FieldError[] = [];
  if (allowed) {
    if (latitude && !(DECIMAL.test(latitude) && Math.abs(Number(latitude)) <= 90))
      errors.push({ field: 'latitude', label: 'about.fields.latitude', message: 'about.errors.latitude' });
    if (longitude && !(DECIMAL.test(longitude) && Math.abs(Number(longitude)) <= 180))
      errors.push({ field: 'longitude', label: 'about.fields.longitude', message: 'about.errors.longitude' });
    if (!latitude !== !longitude)
      errors.push({
        field: latitude ? 'longitude' : 'latitude',
        label: latitude ? 'about.fields.longitude' : 'about.fields.latitude',
        message: 'about.errors.bothCoordinates',
      });
    if (officeHours && officeHours.length > OFFICE_HOURS_MAX)
      errors.push({
        field: 'officeHours',
        label: 'about.fields.officeHours',
        message: 'core.validation.tooLong',
        params: { max: OFFICE_HOURS_MAX },
      });
    input.social.forEach((row, i) => {
      const url = row.url.trim();
      const label = row.label?.trim() || undefined;
      if (!url && !label) return;
      if (!(SOCIAL_KINDS as readonly string[]).includes(row.kind))
        errors.push({ field: `social${i}.kind`, label: 'about.fields.socialKind', message: 'core.validation.choose' });
      if (!url) errors.push({ field: `social${i}.url`, label: 'about.fields.socialUrl', message: 'core.validation.required' });
      else if (!isWebUrl(url)) errors.push({ field: `social${i}.url`, label: 'about.fields.socialUrl', message: 'about.errors.url' });
      if (label && label.length > SOCIAL_LABEL_MAX)
        errors.push({
          field: `social${i}.label`,
          label: 'about.fields.socialLabel',
          message: 'core.validation.tooLong',
          params: { max: SOCIAL_LABEL_MAX },
        });
      social.push({ kind: row.kind as SocialChannel['kind'], url, ...(label ? { label } : {}) });
    });
    if (social.length > SOCIAL_MAX)
      errors.push({
        field: 'social0.url',
        label: 'about.fields.socialUrl',
        message: 'about.errors.tooManyChannels',
        params: { max: SOCIAL_MAX },
      });
    bad(errors);
  }
  return runCommand(ctx, { action: 'about.saveProfile', allowed }, async (tx, tools) => {
    const values = { latitude, longitude, officeHours, social, updatedBy: ctx.actor?.userId || null, updatedAt: ctx.app.now() };
    await tx
      .insert(orgProfiles)
      .values({ orgId: ctx.orgId, ...values })
      .onConflictDoUpdate({ target: orgProfiles.orgId, set: values });
    tools.publish({ topic: 'pages.changed' });
    return {
      result: { latitude, longitude, officeHours, social, updatedAt: values.updatedAt },
      entity: 'org_profile',
      entityId: ctx.orgId,
      summary: `แก้ไขข้อมูลการติดต่อและช่องทางสื่อสังคม (${social.length} ช่องทาง)`,
      data: { latitude, longitude, channels: social.map((s) => s.kind) },
    };
  });
}

/** Links to the location on OpenStreetMap and Google Maps (plain links: no third-party map is embedded). */
export function mapLinks(p: Pick<ProfileView, 'latitude' | 'longitude'>): { osm: string; google: string } | null {
  if (!p.latitude || !p.longitude) return null;
  const lat = Number(p.latitude);
  const lon = Number(p.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return {
    osm: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`,
    google: `https://www.google.com/maps/search/?api=1&query=${lat}%2C${lon}`,
  };
}

// ---------------------------------------------------------------- structure (o1) and executives (o2)

export type Rank = 'mayor' | 'deputy_mayor' | 'permanent_secretary' | 'deputy_secretary' | 'division_head' | 'staff';

export interface PersonCard {
  staffId: number;
  name: string;
  phone: string | null;
  photoUrl: string | null;
  /** Holds the position as รักษาการ (acting), not as its own. */
  acting: boolean;
}

export interface PositionSlot {
  positionId: number;
  title: string;
  rank: Rank;
  divisionId: number | null;
  /** Empty: the position is vacant. */
  holders: PersonCard[];
}

export interface DivisionBox {
  id: number;
  name: string;
  nameEn: string | null;
  heads: PositionSlot[];
  staffCount: number;
}

export interface OrgStructure {
  /** นายก, รองนายก …: the elected executives. */
  executives: PositionSlot[];
  /** ปลัด, รองปลัด: the permanent administration. */
  administration: PositionSlot[];
  divisions: DivisionBox[];
  staffTotal: number;
}

const EXECUTIVE_RANKS: Rank[] = ['mayor', 'deputy_mayor'];
const ADMINISTRATION_RANKS: Rank[] = ['permanent_secretary', 'deputy_secretary'];

/**
 * The structure chart, built from the records (divisions, positions, active staff, who acts for
 * a vacant post): what the public sees on /about/structure and /about/executives. Public data:
 * names, positions, office phone and photo; nothing else about a person.
 */
export async function orgStructure(ctx: ServiceContext): Promise<OrgStructure> {
  const db = dbOf(ctx);
  const org = await getOrganization(ctx);
  const [divs, posRows, people, acting] = await Promise.all([
    db
      .select()
      .from(divisions)
      .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.active, true)))
      .orderBy(asc(divisions.sortOrder), asc(divisions.name)),
    db.select().from(positions).where(eq(positions.orgId, ctx.orgId)).orderBy(asc(positions.sortOrder), asc(positions.title)),
    db
      .select()
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.active, true)))
      .orderBy(asc(staffMembers.firstName)),
    db.select().from(staffActing).where(eq(staffActing.orgId, ctx.orgId)),
  ]);
  const card = (s: (typeof people)[number], isActing: boolean): PersonCard => ({
    staffId: s.id,
    name: fullName(s),
    phone: s.phone,
    photoUrl: s.photoFileId ? photoPath(s.id, s.photoFileId) : null,
    acting: isActing,
  });
  const slot = (p: (typeof posRows)[number]): PositionSlot => {
    const own = people.filter((s) => s.positionId === p.id).map((s) => card(s, false));
    const actingFor = acting
      .filter((a) => a.positionId === p.id)
      .map((a) => people.find((s) => s.id === a.staffId))
      .filter((s): s is NonNullable<typeof s> => !!s)
      .map((s) => card(s, true));
    return {
      positionId: p.id,
      title: positionTitle(p, org.name, org.names.typeFull),
      rank: p.rank as Rank,
      divisionId: p.divisionId,
      holders: own.length ? own : actingFor,
    };
  };
  const byRank = (ranks: Rank[]) =>
    posRows
      .filter((p) => ranks.includes(p.rank as Rank))
      .sort((a, b) => ranks.indexOf(a.rank as Rank) - ranks.indexOf(b.rank as Rank) || a.sortOrder - b.sortOrder)
      .map(slot);
  const headSlots = posRows.filter((p) => p.rank === 'division_head').map(slot);
  return {
    executives: byRank(EXECUTIVE_RANKS),
    administration: byRank(ADMINISTRATION_RANKS),
    divisions: divs.map((d) => ({
      id: d.id,
      name: d.name,
      nameEn: d.nameEn,
      heads: headSlots.filter((h) => h.divisionId === d.id),
      staffCount: people.filter((s) => s.divisionId === d.id).length,
    })),
    staffTotal: people.length,
  };
}

/** A portrait shown on the public pages: only an active staff member's current photo. */
export async function publicPhoto(ctx: ServiceContext, staffId: number): Promise<{ file: StoredFile; bytes: Buffer }> {
  if (!isRowId(staffId)) throw notFound();
  const [person] = await dbOf(ctx)
    .select({ photoFileId: staffMembers.photoFileId })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.orgId, ctx.orgId),
        eq(staffMembers.id, staffId),
        eq(staffMembers.active, true),
        isNotNull(staffMembers.photoFileId),
      ),
    );
  if (!person?.photoFileId) throw notFound();
  return readFileBytes(ctx, person.photoFileId);
}

/**
 * Stores a portrait (JPEG, PNG, WebP or GIF by content, or an SVG drawing; metadata such as
 * GPS stripped) and sets it on the staff member, in one transaction.
 */
export async function uploadPhoto(ctx: ServiceContext, staffId: number, input: { bytes: Uint8Array; name: string }): Promise<number> {
  const allowed = aboutPolicy.edit(ctx.actor);
  ensureAllowed(allowed, !!ctx.actor);
  if (!isRowId(staffId)) throw notFound();
  const field = { field: 'photo', label: 'about.fields.photo' };
  if (input.bytes.byteLength === 0) throw new ValidationError([{ ...field, message: 'core.files.empty' }]);
  let clean = input.bytes;
  try {
    clean = stripImageMetadata(input.bytes);
  } catch (e) {
    if (e instanceof MalformedImageError) throw new ValidationError([{ ...field, message: 'about.errors.photoBroken' }]);
    throw e;
  }
  return runCommand(ctx, { action: 'about.uploadPhoto', allowed }, async (tx, _tools, txCtx) => {
    const [person] = await tx
      .select({ id: staffMembers.id })
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.id, staffId)));
    if (!person) throw notFound();
    let stored: StoredFile;
    try {
      stored = await saveFile(txCtx, { bytes: clean, name: input.name, kinds: ['image', 'svg'], maxBytes: PHOTO_MAX_BYTES });
    } catch (e) {
      // The store's refusal (type, size) is shown on the field.
      if (e instanceof AppError && !e.fields.length)
        throw new AppError(e.status, e.code, e.messageKey, e.params, [{ ...field, message: e.messageKey, params: e.params }]);
      throw e;
    }
    await setStaffPhoto(txCtx, staffId, stored.id);
    return {
      result: stored.id,
      entity: 'staff',
      entityId: staffId,
      summary: `อัปโหลดรูปถ่ายผู้บริหาร (${stored.name})`,
      data: { fileId: stored.id },
    };
  });
}

export async function removePhoto(ctx: ServiceContext, staffId: number): Promise<void> {
  ensureAllowed(aboutPolicy.edit(ctx.actor), !!ctx.actor);
  if (!isRowId(staffId)) throw notFound();
  await setStaffPhoto(ctx, staffId, null);
}
