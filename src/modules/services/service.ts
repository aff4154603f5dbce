import { and, asc, eq, inArray } from 'drizzle-orm';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { AppError, conflict, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { indexDocument, removeDocument } from '../../core/search/index.js';
import { readFileBytes, type StoredFile, saveFile } from '../../core/storage/files.js';
import { files } from '../../core/storage/schema.js';
import { megabytes } from '../../core/storage/store.js';
import { formatSatang } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { publishContent, withdrawPublication } from '../publications/service.js';
import { queueServices } from '../queue/schema.js';
import { divisions, positions, staffMembers } from '../staff/schema.js';
import { fullName, positionTitle } from '../staff/service.js';
import { isServiceCategory, type ServiceCategory } from './categories.js';
import { servicesPolicy } from './policy.js';
import { type GuideDocument, type GuideFee, type GuideStep, STEP_KINDS, serviceGuideFiles, serviceGuides } from './schema.js';

export type ServiceGuide = typeof serviceGuides.$inferSelect;
export type GuideStatus = ServiceGuide['status'];

export const LIMITS = {
  title: 200,
  summary: 1000,
  law: 300,
  laws: 30,
  text: 2000,
  criteria: 6000,
  steps: 30,
  detail: 1000,
  note: 500,
  duration: 9999,
  documents: 40,
  copies: 99,
  fees: 20,
  /** Satang: ten million baht. */
  amount: 1_000_000_000,
  files: 20,
  fileBytes: 10 * 1024 * 1024,
  reason: 500,
} as const;

export const STEP_UNITS = ['minutes', 'hours', 'days'] as const;
export const DOC_GROUPS = ['identity', 'other'] as const;
export const DOC_UNITS = ['copy', 'set'] as const;
export const FILE_KINDS = ['form', 'example'] as const;

/** What a guide says, as typed (the form) or sent (the API); validateGuide makes it a GuideInput. */
export interface GuideDraft {
  title?: string;
  category?: string;
  divisionId?: number | string | null;
  queueServiceId?: number | string | null;
  summary?: string | null;
  legalBasis?: string[] | string;
  location?: string | null;
  hours?: string | null;
  criteria?: string | null;
  steps?: StepDraft[];
  documents?: DocumentDraft[];
  fees?: FeeDraft[];
  complaintChannels?: string | null;
  remarks?: string | null;
  /** Place in the public list (smaller first); empty keeps 0. */
  sortOrder?: number | string | null;
}

export interface StepDraft {
  kind?: string;
  detail?: string;
  duration?: number | string;
  unit?: string;
  divisionId?: number | string | null;
  positionId?: number | string | null;
  responsibleText?: string | null;
  note?: string | null;
}

export interface DocumentDraft {
  group?: string;
  name?: string;
  issuer?: string | null;
  originals?: number | string;
  copies?: number | string;
  unit?: string;
  note?: string | null;
}

export interface FeeDraft {
  item?: string;
  /** Baht as typed ("1,000.50"), or satang from the API (amountSatang). */
  amount?: string;
  amountSatang?: number;
  note?: string | null;
}

export interface GuideInput {
  title: string;
  category: ServiceCategory;
  divisionId: number | null;
  queueServiceId: number | null;
  summary: string | null;
  legalBasis: string[];
  location: string | null;
  hours: string | null;
  criteria: string | null;
  steps: GuideStep[];
  documents: GuideDocument[];
  fees: GuideFee[];
  complaintChannels: string | null;
  remarks: string | null;
  sortOrder: number;
}

export interface GuideFile {
  fileId: number;
  kind: 'form' | 'example';
  name: string;
  mime: string;
  size: number;
  sha256: string;
  sortOrder: number;
}

/** A step with whom it names resolved: the division, the position and its current holder. */
export interface ResolvedStep extends GuideStep {
  divisionName: string | null;
  positionName: string | null;
  holderName: string | null;
}

export interface GuideView {
  guide: ServiceGuide;
  divisionName: string | null;
  queueServiceName: string | null;
  steps: ResolvedStep[];
  files: GuideFile[];
  total: TotalTime;
}

export interface TotalTime {
  days: number;
  hours: number;
  minutes: number;
}

const L = (k: string) => `services.fields.${k}`;

// ---------------------------------------------------------------- pure helpers

/**
 * ระยะเวลาดำเนินการรวม: the steps' durations summed per unit. Minutes become hours at 60;
 * hours are not turned into days (a working day's length is not the law's to assume), so a
 * total reads "15 วัน 2 ชั่วโมง 30 นาที" as the steps add up.
 */
export function totalTime(steps: readonly Pick<GuideStep, 'duration' | 'unit'>[]): TotalTime {
  let days = 0;
  let minutes = 0;
  for (const s of steps) {
    if (s.unit === 'days') days += s.duration;
    else if (s.unit === 'hours') minutes += s.duration * 60;
    else minutes += s.duration;
  }
  return { days, hours: Math.floor(minutes / 60), minutes: Math.round(minutes % 60) };
}

/** The fee line: "ไม่มีค่าธรรมเนียม" when there are none — said explicitly, never left blank. */
export function feeTotal(fees: readonly GuideFee[]): number {
  return fees.reduce((sum, f) => sum + f.amount, 0);
}

export function bahtText(satang: number): string {
  return formatSatang(satang).replace(/\.00$/, '');
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const optional = (v: unknown): string | null => text(v) || null;

function idOf(v: unknown): number | null | 'bad' {
  const s = text(v);
  if (!s) return null;
  if (!/^\d{1,10}$/.test(s)) return 'bad';
  const n = Number(s);
  return isRowId(n) ? n : 'bad';
}

function intOf(v: unknown): number | null {
  const s = text(v).replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  if (!/^\d{1,6}$/.test(s)) return null;
  return Number(s);
}

function numberOf(v: unknown): number | null {
  const s = text(v)
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/,/g, '');
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(s)) return null;
  return Number(s);
}

function bahtToSatang(v: string): number | null {
  const s = v
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/,/g, '')
    .replace(/บาท$/, '')
    .trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A row of a table the editor left wholly blank (the form's spare rows): dropped, not an error. */
const blank = (o: object) => Object.values(o).every((v) => v === undefined || v === null || text(v) === '');

/**
 * Checks a guide against the organization's divisions, positions and queue services; every
 * problem is named by its field ('steps.2.duration'), in the order of the form.
 */
export async function validateGuide(ctx: ServiceContext, d: GuideDraft): Promise<GuideInput> {
  const db = dbOf(ctx);
  const errors: FieldError[] = [];
  const err = (field: string, label: string, message: string, params?: FieldError['params']) =>
    errors.push({ field, label, message, params });
  const tooLong = (field: string, label: string, v: string | null, max: number) => {
    if (v && v.length > max) err(field, label, 'core.validation.tooLong', { max });
  };

  const title = text(d.title);
  if (!title) err('title', L('title'), 'core.validation.required');
  tooLong('title', L('title'), title, LIMITS.title);
  const category = text(d.category);
  if (!isServiceCategory(category)) err('category', L('category'), 'core.validation.choose');

  const [divs, poss, queue] = await Promise.all([
    db.select({ id: divisions.id }).from(divisions).where(eq(divisions.orgId, ctx.orgId)),
    db.select({ id: positions.id, divisionId: positions.divisionId }).from(positions).where(eq(positions.orgId, ctx.orgId)),
    db.select({ id: queueServices.id }).from(queueServices).where(eq(queueServices.orgId, ctx.orgId)),
  ]);
  const divisionIds = new Set(divs.map((r) => r.id));
  const positionById = new Map(poss.map((p) => [p.id, p]));
  const queueIds = new Set(queue.map((r) => r.id));

  const divisionId = idOf(d.divisionId);
  if (divisionId === 'bad' || (divisionId !== null && !divisionIds.has(divisionId)))
    err('divisionId', L('division'), 'core.validation.choose');
  const queueServiceId = idOf(d.queueServiceId);
  if (queueServiceId === 'bad' || (queueServiceId !== null && !queueIds.has(queueServiceId)))
    err('queueServiceId', L('queueService'), 'core.validation.choose');

  const summary = optional(d.summary);
  tooLong('summary', L('summary'), summary, LIMITS.summary);
  const legalBasis = (Array.isArray(d.legalBasis) ? d.legalBasis : text(d.legalBasis).split(/\r?\n/)).map((s) => text(s)).filter(Boolean);
  if (legalBasis.length > LIMITS.laws) err('legalBasis', L('legalBasis'), 'services.errors.tooManyLines', { max: LIMITS.laws });
  if (legalBasis.some((s) => s.length > LIMITS.law)) err('legalBasis', L('legalBasis'), 'services.errors.lineTooLong', { max: LIMITS.law });
  const location = optional(d.location);
  tooLong('location', L('location'), location, LIMITS.text);
  const hours = optional(d.hours);
  tooLong('hours', L('hours'), hours, LIMITS.text);
  const criteria = optional(d.criteria);
  tooLong('criteria', L('criteria'), criteria, LIMITS.criteria);

  const steps: GuideStep[] = [];
  const stepDrafts = (d.steps ?? []).filter((s) => !blank(s));
  if (stepDrafts.length > LIMITS.steps) err('steps', L('steps'), 'services.errors.tooManyRows', { max: LIMITS.steps });
  for (const [i, s] of stepDrafts.slice(0, LIMITS.steps).entries()) {
    const f = (k: string) => `steps.${i}.${k}`;
    const n = i + 1;
    const kind = text(s.kind);
    if (!(STEP_KINDS as readonly string[]).includes(kind)) err(f('kind'), L('stepKind'), 'services.errors.row.choose', { n });
    const detail = text(s.detail);
    if (!detail) err(f('detail'), L('stepDetail'), 'services.errors.row.required', { n });
    else if (detail.length > LIMITS.detail) err(f('detail'), L('stepDetail'), 'services.errors.row.tooLong', { n, max: LIMITS.detail });
    const duration = numberOf(s.duration);
    if (duration === null || duration <= 0 || duration > LIMITS.duration)
      err(f('duration'), L('stepDuration'), 'services.errors.row.duration', { n, max: LIMITS.duration });
    const unit = text(s.unit);
    if (!(STEP_UNITS as readonly string[]).includes(unit)) err(f('unit'), L('stepUnit'), 'services.errors.row.choose', { n });
    let stepDivision = idOf(s.divisionId);
    const positionId = idOf(s.positionId);
    if (positionId === 'bad' || (positionId !== null && !positionById.has(positionId))) {
      err(f('responsible'), L('stepResponsible'), 'services.errors.row.choose', { n });
    } else if (positionId !== null && stepDivision === null) {
      stepDivision = positionById.get(positionId)?.divisionId ?? null;
    }
    if (stepDivision === 'bad' || (stepDivision !== null && !divisionIds.has(stepDivision)))
      err(f('responsible'), L('stepResponsible'), 'services.errors.row.choose', { n });
    const responsibleText = optional(s.responsibleText);
    if (responsibleText && responsibleText.length > LIMITS.note)
      err(f('responsibleText'), L('stepResponsibleText'), 'services.errors.row.tooLong', { n, max: LIMITS.note });
    const note = optional(s.note);
    if (note && note.length > LIMITS.note) err(f('note'), L('stepNote'), 'services.errors.row.tooLong', { n, max: LIMITS.note });
    steps.push({
      kind: kind as GuideStep['kind'],
      detail,
      duration: duration ?? 0,
      unit: unit as GuideStep['unit'],
      divisionId: typeof stepDivision === 'number' ? stepDivision : null,
      positionId: typeof positionId === 'number' ? positionId : null,
      responsibleText,
      note,
    });
  }

  const documents: GuideDocument[] = [];
  const docDrafts = (d.documents ?? []).filter((x) => !blank({ name: x.name, issuer: x.issuer, note: x.note }));
  if (docDrafts.length > LIMITS.documents) err('documents', L('documents'), 'services.errors.tooManyRows', { max: LIMITS.documents });
  for (const [i, x] of docDrafts.slice(0, LIMITS.documents).entries()) {
    const f = (k: string) => `documents.${i}.${k}`;
    const n = i + 1;
    const group = text(x.group) || 'other';
    if (!(DOC_GROUPS as readonly string[]).includes(group)) err(f('group'), L('docGroup'), 'services.errors.row.choose', { n });
    const name = text(x.name);
    if (!name) err(f('name'), L('docName'), 'services.errors.row.required', { n });
    else if (name.length > LIMITS.note) err(f('name'), L('docName'), 'services.errors.row.tooLong', { n, max: LIMITS.note });
    const issuer = optional(x.issuer);
    if (issuer && issuer.length > LIMITS.note) err(f('issuer'), L('docIssuer'), 'services.errors.row.tooLong', { n, max: LIMITS.note });
    const originals = text(x.originals) === '' ? 0 : intOf(x.originals);
    const copies = text(x.copies) === '' ? 0 : intOf(x.copies);
    if (originals === null || originals > LIMITS.copies)
      err(f('originals'), L('docOriginals'), 'services.errors.row.count', { n, max: LIMITS.copies });
    if (copies === null || copies > LIMITS.copies) err(f('copies'), L('docCopies'), 'services.errors.row.count', { n, max: LIMITS.copies });
    if (originals === 0 && copies === 0) err(f('originals'), L('docOriginals'), 'services.errors.row.noCopies', { n });
    const unit = text(x.unit) || 'copy';
    if (!(DOC_UNITS as readonly string[]).includes(unit)) err(f('unit'), L('docUnit'), 'services.errors.row.choose', { n });
    const note = optional(x.note);
    if (note && note.length > LIMITS.note) err(f('note'), L('docNote'), 'services.errors.row.tooLong', { n, max: LIMITS.note });
    documents.push({
      group: group as GuideDocument['group'],
      name,
      issuer,
      originals: originals ?? 0,
      copies: copies ?? 0,
      unit: unit as GuideDocument['unit'],
      note,
    });
  }

  const fees: GuideFee[] = [];
  const feeDrafts = (d.fees ?? []).filter((x) => !blank({ item: x.item, amount: x.amount, a: x.amountSatang, note: x.note }));
  if (feeDrafts.length > LIMITS.fees) err('fees', L('fees'), 'services.errors.tooManyRows', { max: LIMITS.fees });
  for (const [i, x] of feeDrafts.slice(0, LIMITS.fees).entries()) {
    const f = (k: string) => `fees.${i}.${k}`;
    const n = i + 1;
    const item = text(x.item);
    if (!item) err(f('item'), L('feeItem'), 'services.errors.row.required', { n });
    else if (item.length > LIMITS.note) err(f('item'), L('feeItem'), 'services.errors.row.tooLong', { n, max: LIMITS.note });
    const amount =
      typeof x.amountSatang === 'number' ? (Number.isInteger(x.amountSatang) ? x.amountSatang : null) : bahtToSatang(text(x.amount));
    if (amount === null || amount < 0 || amount > LIMITS.amount) err(f('amount'), L('feeAmountBaht'), 'services.errors.row.money', { n });
    const note = optional(x.note);
    if (note && note.length > LIMITS.note) err(f('note'), L('feeNote'), 'services.errors.row.tooLong', { n, max: LIMITS.note });
    fees.push({ item, amount: amount ?? 0, note });
  }

  const complaintChannels = optional(d.complaintChannels);
  tooLong('complaintChannels', L('complaintChannels'), complaintChannels, LIMITS.text);
  const remarks = optional(d.remarks);
  tooLong('remarks', L('remarks'), remarks, LIMITS.text);
  const sortOrder = text(d.sortOrder) === '' ? 0 : intOf(d.sortOrder);
  if (sortOrder === null || sortOrder > 9999) err('sortOrder', L('sortOrder'), 'services.errors.sortOrder');

  if (errors.length) throw new ValidationError(errors);
  return {
    title,
    category: category as ServiceCategory,
    divisionId: typeof divisionId === 'number' ? divisionId : null,
    queueServiceId: typeof queueServiceId === 'number' ? queueServiceId : null,
    summary,
    legalBasis,
    location,
    hours,
    criteria,
    steps,
    documents,
    fees,
    complaintChannels,
    remarks,
    sortOrder: sortOrder ?? 0,
  };
}

// ---------------------------------------------------------------- reads

function requireRead(ctx: ServiceContext) {
  ensureAllowed(servicesPolicy.read(ctx.actor), !!ctx.actor);
}

async function findGuide(db: Db, orgId: number, id: number): Promise<ServiceGuide | null> {
  if (!isRowId(id)) return null;
  const [row] = await db
    .select()
    .from(serviceGuides)
    .where(and(eq(serviceGuides.orgId, orgId), eq(serviceGuides.id, id)));
  return row ?? null;
}

/** Every guide of the organization, drafts and withdrawn ones too (staff). */
export async function listGuides(ctx: ServiceContext): Promise<ServiceGuide[]> {
  requireRead(ctx);
  return dbOf(ctx)
    .select()
    .from(serviceGuides)
    .where(eq(serviceGuides.orgId, ctx.orgId))
    .orderBy(asc(serviceGuides.sortOrder), asc(serviceGuides.title), asc(serviceGuides.id));
}

/** A guide as staff see it, any status. */
export async function getGuide(ctx: ServiceContext, id: number): Promise<GuideView> {
  requireRead(ctx);
  const guide = await findGuide(dbOf(ctx), ctx.orgId, id);
  if (!guide) throw notFound();
  return viewOf(ctx, guide);
}

/** The published guides, for the public list (anyone). */
export async function listPublishedGuides(ctx: ServiceContext): Promise<ServiceGuide[]> {
  return dbOf(ctx)
    .select()
    .from(serviceGuides)
    .where(and(eq(serviceGuides.orgId, ctx.orgId), eq(serviceGuides.status, 'published')))
    .orderBy(asc(serviceGuides.sortOrder), asc(serviceGuides.title), asc(serviceGuides.id));
}

/** A published guide, for anyone; a draft or withdrawn one does not exist for the public. */
export async function getPublishedGuide(ctx: ServiceContext, id: number): Promise<GuideView> {
  const guide = await findGuide(dbOf(ctx), ctx.orgId, id);
  if (guide?.status !== 'published') throw notFound();
  return viewOf(ctx, guide);
}

async function viewOf(ctx: ServiceContext, guide: ServiceGuide): Promise<GuideView> {
  const db = dbOf(ctx);
  const [steps, guideFiles, names] = await Promise.all([
    resolveSteps(ctx, guide.steps),
    filesOf(db, ctx.orgId, guide.id),
    (async () => {
      const [division] = guide.divisionId
        ? await db
            .select({ name: divisions.name })
            .from(divisions)
            .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.id, guide.divisionId)))
        : [];
      const [queue] = guide.queueServiceId
        ? await db
            .select({ name: queueServices.name, active: queueServices.active })
            .from(queueServices)
            .where(and(eq(queueServices.orgId, ctx.orgId), eq(queueServices.id, guide.queueServiceId)))
        : [];
      return { division: division?.name ?? null, queue: queue?.active ? queue.name : null };
    })(),
  ]);
  return {
    guide,
    divisionName: names.division,
    queueServiceName: names.queue,
    steps,
    files: guideFiles,
    total: totalTime(guide.steps),
  };
}

/** Who is responsible at each step: the division's name, the position's title and whoever holds it now. */
export async function resolveSteps(ctx: ServiceContext, steps: readonly GuideStep[]): Promise<ResolvedStep[]> {
  const db = dbOf(ctx);
  const divisionIds = [...new Set(steps.map((s) => s.divisionId).filter((x): x is number => !!x))];
  const positionIds = [...new Set(steps.map((s) => s.positionId).filter((x): x is number => !!x))];
  const [divs, poss, holders, org] = await Promise.all([
    divisionIds.length
      ? db
          .select({ id: divisions.id, name: divisions.name })
          .from(divisions)
          .where(and(eq(divisions.orgId, ctx.orgId), inArray(divisions.id, divisionIds)))
      : [],
    positionIds.length
      ? db
          .select()
          .from(positions)
          .where(and(eq(positions.orgId, ctx.orgId), inArray(positions.id, positionIds)))
      : [],
    positionIds.length
      ? db
          .select()
          .from(staffMembers)
          .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.active, true), inArray(staffMembers.positionId, positionIds)))
          .orderBy(asc(staffMembers.id))
      : [],
    positionIds.length ? getOrganization(ctx) : null,
  ]);
  const divisionName = new Map(divs.map((d) => [d.id, d.name]));
  const positionName = new Map(poss.map((p) => [p.id, org ? positionTitle(p, org.name, org.names.typeFull) : p.title]));
  const holder = new Map<number, string>();
  for (const h of holders) if (h.positionId && !holder.has(h.positionId)) holder.set(h.positionId, fullName(h));
  return steps.map((s) => ({
    ...s,
    divisionName: s.divisionId ? (divisionName.get(s.divisionId) ?? null) : null,
    positionName: s.positionId ? (positionName.get(s.positionId) ?? null) : null,
    holderName: s.positionId ? (holder.get(s.positionId) ?? null) : null,
  }));
}

/** The responsible unit as one line: position (holder) · division, or the text typed. */
export function responsibleLine(s: ResolvedStep, opts: { holder?: boolean } = {}): string {
  const parts: string[] = [];
  if (s.positionName) parts.push(opts.holder && s.holderName ? `${s.positionName} (${s.holderName})` : s.positionName);
  if (s.divisionName && !(s.positionName ?? '').includes(s.divisionName)) parts.push(s.divisionName);
  if (s.responsibleText) parts.push(s.responsibleText);
  return parts.join(' · ');
}

async function filesOf(db: Db, orgId: number, guideId: number): Promise<GuideFile[]> {
  return db
    .select({
      fileId: serviceGuideFiles.fileId,
      kind: serviceGuideFiles.kind,
      name: serviceGuideFiles.name,
      mime: files.mime,
      size: files.size,
      sha256: files.sha256,
      sortOrder: serviceGuideFiles.sortOrder,
    })
    .from(serviceGuideFiles)
    .innerJoin(files, and(eq(files.orgId, serviceGuideFiles.orgId), eq(files.id, serviceGuideFiles.fileId)))
    .where(and(eq(serviceGuideFiles.orgId, orgId), eq(serviceGuideFiles.guideId, guideId)))
    .orderBy(asc(serviceGuideFiles.sortOrder), asc(serviceGuideFiles.fileId));
}

/** A form of a published guide, for anyone. */
export async function publicGuideFile(ctx: ServiceContext, guideId: number, fileId: number): Promise<{ file: StoredFile; bytes: Buffer }> {
  const guide = await findGuide(dbOf(ctx), ctx.orgId, guideId);
  if (guide?.status !== 'published') throw notFound();
  return guideFileBytes(ctx, guideId, fileId);
}

/** A form of any guide, for staff. */
export async function staffGuideFile(ctx: ServiceContext, guideId: number, fileId: number): Promise<{ file: StoredFile; bytes: Buffer }> {
  requireRead(ctx);
  return guideFileBytes(ctx, guideId, fileId);
}

async function guideFileBytes(ctx: ServiceContext, guideId: number, fileId: number) {
  if (!isRowId(guideId) || !isRowId(fileId)) throw notFound();
  const [link] = await dbOf(ctx)
    .select()
    .from(serviceGuideFiles)
    .where(and(eq(serviceGuideFiles.orgId, ctx.orgId), eq(serviceGuideFiles.guideId, guideId), eq(serviceGuideFiles.fileId, fileId)));
  if (!link) throw notFound();
  const { file, bytes } = await readFileBytes(ctx, fileId);
  return { file: { ...file, name: link.name }, bytes };
}

// ---------------------------------------------------------------- writes

/** What the publication log keeps of a version: everything the public page shows. */
async function snapshotOf(ctx: ServiceContext, guide: ServiceGuide) {
  const view = await viewOf(ctx, guide);
  return {
    title: guide.title,
    category: guide.category,
    division: view.divisionName,
    summary: guide.summary,
    legalBasis: guide.legalBasis,
    location: guide.location,
    hours: guide.hours,
    criteria: guide.criteria,
    steps: view.steps.map((s) => ({
      kind: s.kind,
      detail: s.detail,
      duration: s.duration,
      unit: s.unit,
      responsible: responsibleLine(s),
      note: s.note ?? null,
    })),
    total: view.total,
    documents: guide.documents,
    fees: guide.fees,
    complaintChannels: guide.complaintChannels,
    remarks: guide.remarks,
    forms: view.files.map((f) => ({ kind: f.kind, name: f.name, sha256: f.sha256 })),
  };
}

/** The guide's text for the search index: every section a citizen might search for. */
function searchBody(g: ServiceGuide, steps: ResolvedStep[]): string {
  return [
    g.summary,
    ...g.legalBasis,
    g.location,
    g.hours,
    g.criteria,
    ...steps.map((s) => `${s.detail} ${responsibleLine(s)} ${s.note ?? ''}`),
    ...g.documents.map((d) => `${d.name} ${d.issuer ?? ''} ${d.note ?? ''}`),
    ...g.fees.map((f) => f.item),
    g.remarks,
  ]
    .filter(Boolean)
    .join('\n');
}

export const guidePath = (id: number) => `/services/${id}`;

async function index(tx: Db, txCtx: ServiceContext, g: ServiceGuide) {
  const steps = await resolveSteps(txCtx, g.steps);
  await indexDocument(tx, txCtx, {
    source: 'service',
    sourceId: g.id,
    title: g.title,
    summary: g.summary,
    body: searchBody(g, steps),
    url: guidePath(g.id),
    publishedAt: txCtx.app.now(),
  });
}

function editAllowed(ctx: ServiceContext) {
  return servicesPolicy.edit(ctx.actor);
}

const values = (ctx: ServiceContext, input: GuideInput) => ({
  ...input,
  updatedBy: ctx.actor?.userId || null,
  updatedAt: ctx.app.now(),
});

/** A new guide, as a draft. */
export async function createGuide(ctx: ServiceContext, draft: GuideDraft): Promise<ServiceGuide> {
  const allowed = editAllowed(ctx);
  const input = allowed ? await validateGuide(ctx, draft) : (null as unknown as GuideInput);
  return runCommand(ctx, { action: 'services.create', allowed }, async (tx) => {
    const [row] = await tx
      .insert(serviceGuides)
      .values({ ...values(ctx, input), orgId: ctx.orgId, status: 'draft', version: 1, createdAt: ctx.app.now() })
      .returning();
    if (!row) throw new Error('guide not created');
    return { result: row, entity: 'service_guide', entityId: row.id, summary: `สร้างคู่มือสำหรับประชาชน (ฉบับร่าง): ${row.title}` };
  });
}

function checkReason(reasonInput: string | null | undefined): string {
  const reason = (reasonInput ?? '').trim();
  if (!reason) throw new ValidationError([{ field: 'reason', label: L('reason'), message: 'services.errors.reasonRequired' }]);
  if (reason.length > LIMITS.reason)
    throw new ValidationError([
      { field: 'reason', label: L('reason'), message: 'core.validation.tooLong', params: { max: LIMITS.reason } },
    ]);
  return reason;
}

/** The steps a published guide needs: a manual without steps tells a citizen nothing. */
function checkPublishable(g: Pick<ServiceGuide, 'steps'>) {
  if (g.steps.length === 0) throw new ValidationError([{ field: 'steps', label: L('steps'), message: 'services.errors.noSteps' }]);
}

/** The guide's row, locked until the transaction ends (edits, publishing and withdrawing wait on each other); else 404. */
async function lockGuide(tx: Db, orgId: number, id: number) {
  const [current] = await tx
    .select()
    .from(serviceGuides)
    .where(and(eq(serviceGuides.orgId, orgId), eq(serviceGuides.id, id)))
    .for('update');
  if (!current) throw notFound();
  return current;
}

/**
 * Saves an edit. A published guide's edit is a new version: the reason is required, and the
 * version is logged (publishContent, replacing the current one) and re-indexed in the same
 * transaction. `version` is the one the form was shown with: a stale form gets 409.
 */
export async function updateGuide(
  ctx: ServiceContext,
  id: number,
  draft: GuideDraft,
  opts: { version: number; reason?: string | null },
): Promise<ServiceGuide> {
  const allowed = editAllowed(ctx);
  const existing = allowed ? await findGuide(dbOf(ctx), ctx.orgId, id) : null;
  if (allowed && !existing) throw notFound();
  let input = null as unknown as GuideInput;
  let reason: string | null = null;
  if (allowed && existing) {
    const errors: FieldError[] = [];
    try {
      input = await validateGuide(ctx, draft);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(...e.fields);
    }
    if (existing.status === 'published') {
      try {
        reason = checkReason(opts.reason);
        if (input) checkPublishable(input);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        errors.push(...e.fields);
      }
    }
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'services.update', allowed }, async (tx, _tools, txCtx) => {
    const current = await lockGuide(tx, ctx.orgId, id);
    if (current.version !== opts.version) throw conflict('services.errors.conflict');
    const [row] = await tx
      .update(serviceGuides)
      .set({ ...values(ctx, input), version: current.version + 1 })
      .where(and(eq(serviceGuides.orgId, ctx.orgId), eq(serviceGuides.id, id)))
      .returning();
    if (!row) throw notFound();
    let result = row;
    if (current.status === 'published' && current.publicationId && reason) {
      const p = await publishContent(tx, txCtx, {
        kind: 'service',
        topic: 'service-guides',
        title: row.title,
        source: { entity: 'service_guide', id: row.id },
        snapshot: await snapshotOf(txCtx, row),
        replaces: { publicationId: current.publicationId, reason },
      });
      [result = row] = await tx
        .update(serviceGuides)
        .set({ publicationId: p.id })
        .where(and(eq(serviceGuides.orgId, ctx.orgId), eq(serviceGuides.id, id)))
        .returning();
      await index(tx, txCtx, result);
    }
    return {
      result,
      entity: 'service_guide',
      entityId: row.id,
      summary:
        current.status === 'published'
          ? `แก้ไขคู่มือสำหรับประชาชนที่เผยแพร่แล้ว (ฉบับใหม่): ${row.title} — ${reason}`
          : `แก้ไขคู่มือสำหรับประชาชน: ${row.title}`,
      data: reason ? { reason } : undefined,
    };
  });
}

/** Publishes a draft or a withdrawn guide: logged in the publication log and put in the search index. */
export async function publishGuide(ctx: ServiceContext, id: number, opts: { version: number }): Promise<ServiceGuide> {
  const allowed = editAllowed(ctx);
  return runCommand(ctx, { action: 'services.publish', allowed }, async (tx, _tools, txCtx) => {
    const current = await lockGuide(tx, ctx.orgId, id);
    if (current.version !== opts.version) throw conflict('services.errors.conflict');
    if (current.status === 'published') throw conflict('services.errors.alreadyPublished');
    checkPublishable(current);
    const p = await publishContent(tx, txCtx, {
      kind: 'service',
      topic: 'service-guides',
      title: current.title,
      source: { entity: 'service_guide', id: current.id },
      snapshot: await snapshotOf(txCtx, current),
    });
    const [row] = await tx
      .update(serviceGuides)
      .set({
        status: 'published',
        publicationId: p.id,
        version: current.version + 1,
        updatedBy: ctx.actor?.userId || null,
        updatedAt: ctx.app.now(),
      })
      .where(and(eq(serviceGuides.orgId, ctx.orgId), eq(serviceGuides.id, id)))
      .returning();
    if (!row) throw notFound();
    await index(tx, txCtx, row);
    return { result: row, entity: 'service_guide', entityId: row.id, summary: `เผยแพร่คู่มือสำหรับประชาชน: ${row.title}` };
  });
}

/** Takes a published guide off the public pages, with the reason (logged; the log keeps every version). */
export async function withdrawGuide(ctx: ServiceContext, id: number, opts: { reason: string }): Promise<ServiceGuide> {
  const allowed = editAllowed(ctx);
  const reason = allowed ? checkReason(opts.reason) : '';
  return runCommand(ctx, { action: 'services.withdraw', allowed }, async (tx, _tools, txCtx) => {
    const current = await lockGuide(tx, ctx.orgId, id);
    if (current.status !== 'published') throw conflict('services.errors.notPublished');
    if (current.publicationId) await withdrawPublication(tx, txCtx, { id: current.publicationId, reason });
    const [row] = await tx
      .update(serviceGuides)
      .set({ status: 'withdrawn', version: current.version + 1, updatedBy: ctx.actor?.userId || null, updatedAt: ctx.app.now() })
      .where(and(eq(serviceGuides.orgId, ctx.orgId), eq(serviceGuides.id, id)))
      .returning();
    if (!row) throw notFound();
    await removeDocument(tx, txCtx, 'service', row.id);
    return {
      result: row,
      entity: 'service_guide',
      entityId: row.id,
      summary: `ถอนคู่มือสำหรับประชาชนออกจากการเผยแพร่: ${row.title} — ${reason}`,
      data: { reason },
    };
  });
}

/** Forms: PDF, Word/Excel, or an image, by content; the blank form or a filled example. */
export async function addGuideFile(
  ctx: ServiceContext,
  guideId: number,
  input: { bytes: Uint8Array; fileName: string; kind: string; name?: string | null },
): Promise<GuideFile> {
  const allowed = editAllowed(ctx);
  const guide = allowed ? await findGuide(dbOf(ctx), ctx.orgId, guideId) : null;
  if (allowed && !guide) throw notFound();
  const name = (input.name ?? '').trim() || input.fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  if (allowed) {
    const errors: FieldError[] = [];
    if (!(FILE_KINDS as readonly string[]).includes(input.kind))
      errors.push({ field: 'kind', label: L('fileKind'), message: 'core.validation.choose' });
    if (!name) errors.push({ field: 'name', label: L('fileName'), message: 'core.validation.required' });
    else if (name.length > LIMITS.title)
      errors.push({ field: 'name', label: L('fileName'), message: 'core.validation.tooLong', params: { max: LIMITS.title } });
    if (input.bytes.byteLength === 0) errors.push({ field: 'file', label: L('file'), message: 'core.files.empty' });
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'services.addFile', allowed }, async (tx, tools, txCtx) => {
    const existing = await filesOf(tx, ctx.orgId, guideId);
    if (existing.length >= LIMITS.files)
      throw new ValidationError([
        { field: 'file', label: L('file'), message: 'services.errors.tooManyFiles', params: { max: LIMITS.files } },
      ]);
    let stored: StoredFile;
    try {
      stored = await saveFile(txCtx, {
        bytes: input.bytes,
        name: input.fileName,
        kinds: ['pdf', 'office', 'image'],
        maxBytes: LIMITS.fileBytes,
      });
    } catch (e) {
      if (e instanceof AppError && (e.status === 413 || e.status === 422) && e.fields.length === 0) {
        const params = e.status === 413 ? { max: megabytes(LIMITS.fileBytes) } : e.params;
        throw new AppError(e.status, e.code, e.messageKey, params, [{ field: 'file', label: L('file'), message: e.messageKey, params }]);
      }
      throw e;
    }
    if (existing.some((f) => f.fileId === stored.id))
      throw new ValidationError([{ field: 'file', label: L('file'), message: 'services.errors.sameFile' }]);
    await tx.insert(serviceGuideFiles).values({
      orgId: ctx.orgId,
      guideId,
      fileId: stored.id,
      kind: input.kind as 'form' | 'example',
      name,
      sortOrder: existing.length,
    });
    if (guide?.status === 'published') tools.publish({ topic: 'pages.changed', data: { guide: guideId } });
    return {
      result: {
        fileId: stored.id,
        kind: input.kind as 'form' | 'example',
        name,
        mime: stored.mime,
        size: stored.size,
        sha256: stored.sha256,
        sortOrder: existing.length,
      },
      entity: 'service_guide',
      entityId: guideId,
      summary: `เพิ่มแบบฟอร์มในคู่มือสำหรับประชาชน: ${guide?.title ?? guideId} — ${name}`,
      data: { fileId: stored.id, kind: input.kind },
    };
  });
}

export async function removeGuideFile(ctx: ServiceContext, guideId: number, fileId: number): Promise<void> {
  const allowed = editAllowed(ctx);
  const guide = allowed ? await findGuide(dbOf(ctx), ctx.orgId, guideId) : null;
  if (allowed && !guide) throw notFound();
  await runCommand(ctx, { action: 'services.removeFile', allowed }, async (tx, tools) => {
    const gone = await tx
      .delete(serviceGuideFiles)
      .where(and(eq(serviceGuideFiles.orgId, ctx.orgId), eq(serviceGuideFiles.guideId, guideId), eq(serviceGuideFiles.fileId, fileId)))
      .returning();
    if (gone.length === 0) throw notFound();
    if (guide?.status === 'published') tools.publish({ topic: 'pages.changed', data: { guide: guideId } });
    return {
      result: undefined,
      entity: 'service_guide',
      entityId: guideId,
      summary: `นำแบบฟอร์มออกจากคู่มือสำหรับประชาชน: ${guide?.title ?? guideId} — ${gone[0]?.name ?? fileId}`,
      data: { fileId },
    };
  });
}

/** The division options and positions for the editor's selects. */
export async function editorChoices(ctx: ServiceContext) {
  requireRead(ctx);
  const db = dbOf(ctx);
  const [divs, poss, queue, org] = await Promise.all([
    db
      .select()
      .from(divisions)
      .where(and(eq(divisions.orgId, ctx.orgId), eq(divisions.active, true)))
      .orderBy(asc(divisions.sortOrder), asc(divisions.id)),
    db.select().from(positions).where(eq(positions.orgId, ctx.orgId)).orderBy(asc(positions.id)),
    db
      .select({ id: queueServices.id, name: queueServices.name, active: queueServices.active })
      .from(queueServices)
      .where(eq(queueServices.orgId, ctx.orgId))
      .orderBy(asc(queueServices.sortOrder), asc(queueServices.id)),
    getOrganization(ctx),
  ]);
  return {
    divisions: divs.map((d) => ({ id: d.id, name: d.name })),
    positions: poss.map((p) => ({ id: p.id, divisionId: p.divisionId, name: positionTitle(p, org.name, org.names.typeFull) })),
    queueServices: queue.filter((q) => q.active).map((q) => ({ id: q.id, name: q.name })),
  };
}
export type EditorChoices = Awaited<ReturnType<typeof editorChoices>>;
