import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, lte, ne } from 'drizzle-orm';
import { hasRole } from '../../core/auth/roles.js';
import { runCommand } from '../../core/command.js';
import { dbOf, type ServiceContext } from '../../core/context.js';
import type { Db } from '../../core/db/client.js';
import { conflict, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { isRowId } from '../../core/http/ids.js';
import { readFileBytes, saveFile } from '../../core/storage/files.js';
import { bangkokDate, bangkokIsoDay, fiscalYearOf, parseIsoDay } from '../../core/thai/index.js';
import { oitItemForTopic } from '../publications/oit-items.js';
import { publish } from '../publications/service.js';
import { getRegisterEntry, issueNumber } from '../register/service.js';
import { divisions, positions, staffMembers } from '../staff/schema.js';
import { fullName, staffOfUser } from '../staff/service.js';
import { meetingsPolicy } from './policy.js';
import {
  type AgendaItem,
  INVITEE_KINDS,
  MEETING_KINDS,
  type MeetingKind,
  meetingActions,
  meetingInvitees,
  meetingOpinions,
  meetings,
} from './schema.js';

export type Meeting = typeof meetings.$inferSelect;
export type MeetingAction = typeof meetingActions.$inferSelect;

export const TITLE_MAX = 300;
export const TEXT_MAX = 4000;
export const NAME_MAX = 200;
export const AGENDA_MAX = 20;
export const OUTSIDE_MAX = 200;
export const MINUTES_MAX = 20000;

/** Who is invited among the staff: everyone active, the active staff of chosen divisions, chosen people, or nobody. */
export const AUDIENCES = ['all', 'divisions', 'people', 'none'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface OutsideInvitee {
  name: string;
  affiliation?: string | null;
  contact?: string | null;
}

export interface MeetingInput {
  kind: string;
  title: string;
  purpose?: string | null;
  /** YYYY-MM-DD and HH:MM, Bangkok. */
  day: string;
  startTime: string;
  endTime?: string | null;
  place: string;
  agenda: { title: string; detail?: string | null }[];
  chairName?: string | null;
  chairPosition?: string | null;
  recorderName?: string | null;
  recorderPosition?: string | null;
  audience: string;
  divisionIds?: number[];
  staffIds?: number[];
  outside?: OutsideInvitee[];
  /** Whether the results go to the public page (and the OIT participation item) on close. */
  publishToPublic?: boolean;
}

export interface InviteeView {
  id: number;
  kind: 'staff' | 'outside';
  staffId: number | null;
  name: string;
  /** Position (staff) or affiliation (outside). */
  detail: string | null;
  contact: string | null;
  attended: boolean | null;
  attendanceNote: string | null;
}

export interface OpinionView {
  id: number;
  stage: 'before' | 'during';
  agendaIndex: number | null;
  /** null: anonymous. */
  author: string | null;
  text: string;
  response: string | null;
  createdAt: Date;
}

export interface ActionView extends MeetingAction {
  ownerName: string | null;
  overdue: boolean;
}

export interface MeetingDetail {
  meeting: Meeting;
  /** ครั้งที่ n/ปี: the meeting's order among the year's meetings of its kind (cancelled ones not counted). */
  sequence: number;
  invitees: InviteeView[];
  opinions: OpinionView[];
  actions: ActionView[];
  registerNumber: number | null;
  registerYear: number | null;
  registerSeries: string | null;
}

const err = (field: string, label: string, message: string, params?: FieldError['params']): FieldError => ({
  field,
  label,
  message,
  params,
});

function requireRead(ctx: ServiceContext) {
  ensureAllowed(meetingsPolicy.read(ctx.actor), !!ctx.actor);
}

const clean = (s: string | null | undefined) => {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
};

/** HH:MM (24 h) → minutes, or null. */
function parseTime(s: string | null | undefined): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec((s ?? '').trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

function at(day: string, time: { hour: number; minute: number }): Date {
  const d = parseIsoDay(day);
  if (!d) throw new RangeError('bad day');
  return bangkokDate(d.year, d.month, d.day, time.hour, time.minute);
}

// ---------------------------------------------------------------- reads

export async function listMeetings(ctx: ServiceContext, opts: { fiscalYear?: number } = {}): Promise<Meeting[]> {
  requireRead(ctx);
  return dbOf(ctx)
    .select()
    .from(meetings)
    .where(and(eq(meetings.orgId, ctx.orgId), opts.fiscalYear ? eq(meetings.fiscalYear, opts.fiscalYear) : undefined))
    .orderBy(desc(meetings.startsAt), desc(meetings.id));
}

async function findMeeting(db: Db, orgId: number, id: number): Promise<Meeting> {
  if (!isRowId(id)) throw notFound();
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.id, id)));
  if (!row) throw notFound();
  return row;
}

async function staffNames(db: Db, orgId: number, ids: number[]): Promise<Map<number, { name: string; position: string | null }>> {
  const unique = [...new Set(ids)].filter((x) => Number.isInteger(x));
  if (!unique.length) return new Map();
  const rows = await db
    .select({ s: staffMembers, p: positions })
    .from(staffMembers)
    .leftJoin(positions, and(eq(positions.orgId, staffMembers.orgId), eq(positions.id, staffMembers.positionId)))
    .where(and(eq(staffMembers.orgId, orgId), inArray(staffMembers.id, unique)));
  return new Map(rows.map(({ s, p }) => [s.id, { name: fullName(s), position: p?.title ?? null }]));
}

async function sequenceOf(db: Db, m: Meeting): Promise<number> {
  const rows = await db
    .select({ id: meetings.id, startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.orgId, m.orgId),
        eq(meetings.fiscalYear, m.fiscalYear),
        eq(meetings.kind, m.kind),
        ne(meetings.status, 'cancelled'),
        lte(meetings.startsAt, m.startsAt),
      ),
    );
  return rows.filter((r) => r.startsAt.getTime() < m.startsAt.getTime() || r.id <= m.id).length;
}

/** A meeting with everything its page shows; any signed-in staff member of the organization reads it. */
export async function getMeeting(ctx: ServiceContext, id: number): Promise<MeetingDetail> {
  requireRead(ctx);
  return loadDetail(dbOf(ctx), ctx, await findMeeting(dbOf(ctx), ctx.orgId, id));
}

async function loadDetail(db: Db, ctx: ServiceContext, meeting: Meeting): Promise<MeetingDetail> {
  const [inv, ops, acts] = await Promise.all([
    db
      .select()
      .from(meetingInvitees)
      .where(and(eq(meetingInvitees.orgId, ctx.orgId), eq(meetingInvitees.meetingId, meeting.id)))
      .orderBy(asc(meetingInvitees.id)),
    db
      .select()
      .from(meetingOpinions)
      .where(and(eq(meetingOpinions.orgId, ctx.orgId), eq(meetingOpinions.meetingId, meeting.id)))
      .orderBy(asc(meetingOpinions.id)),
    db
      .select()
      .from(meetingActions)
      .where(and(eq(meetingActions.orgId, ctx.orgId), eq(meetingActions.meetingId, meeting.id)))
      .orderBy(asc(meetingActions.dueOn), asc(meetingActions.id)),
  ]);
  const names = await staffNames(db, ctx.orgId, [
    ...inv.map((i) => i.staffId ?? 0),
    ...ops.map((o) => o.authorStaffId ?? 0),
    ...acts.map((a) => a.ownerStaffId ?? 0),
  ]);
  const today = bangkokIsoDay(ctx.app.now());
  let registerNumber: number | null = null;
  let registerYear: number | null = null;
  let registerSeries: string | null = null;
  if (meeting.registerEntryId) {
    const e = await getRegisterEntry(ctx, meeting.registerEntryId);
    registerNumber = e?.number ?? null;
    registerYear = e?.year ?? null;
    registerSeries = e?.series ?? null;
  }
  return {
    meeting,
    sequence: await sequenceOf(db, meeting),
    registerNumber,
    registerYear,
    registerSeries,
    invitees: inv.map((i) => {
      const s = i.staffId ? names.get(i.staffId) : undefined;
      return {
        id: i.id,
        kind: i.kind,
        staffId: i.staffId,
        name: s?.name ?? i.name ?? '',
        detail: s ? s.position : i.affiliation,
        contact: i.contact,
        attended: i.attended,
        attendanceNote: i.attendanceNote,
      };
    }),
    opinions: ops.map((o) => ({
      id: o.id,
      stage: o.stage,
      agendaIndex: o.agendaIndex,
      author: o.authorStaffId ? (names.get(o.authorStaffId)?.name ?? null) : o.authorName,
      text: o.text,
      response: o.response,
      createdAt: o.createdAt,
    })),
    actions: acts.map((a) => ({
      ...a,
      ownerName: a.ownerStaffId ? (names.get(a.ownerStaffId)?.name ?? null) : null,
      overdue: a.status === 'open' && a.dueOn < today,
    })),
  };
}

/** Whether opinions are still taken from staff (before and during the meeting, until it is closed). */
export function opinionsOpen(m: Meeting, now: Date): boolean {
  if (m.status === 'closed' || m.status === 'cancelled') return false;
  return !m.opinionsOpenUntil || now.getTime() <= m.opinionsOpenUntil.getTime();
}

// ---------------------------------------------------------------- create

function validateMeeting(input: MeetingInput): { errors: FieldError[]; startsAt: Date | null; endsAt: Date | null } {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!(MEETING_KINDS as readonly string[]).includes(input.kind))
    errors.push(err('kind', 'meetings.fields.kind', 'core.validation.choose'));
  if (!title) errors.push(err('title', 'meetings.fields.title', 'core.validation.required'));
  else if (title.length > TITLE_MAX) errors.push(err('title', 'meetings.fields.title', 'core.validation.tooLong', { max: TITLE_MAX }));
  if ((input.purpose ?? '').length > TEXT_MAX)
    errors.push(err('purpose', 'meetings.fields.purpose', 'core.validation.tooLong', { max: TEXT_MAX }));
  const day = parseIsoDay(input.day);
  const start = parseTime(input.startTime);
  const end = clean(input.endTime) ? parseTime(input.endTime) : null;
  if (!day) errors.push(err('day', 'meetings.fields.day', 'meetings.errors.day'));
  if (!start) errors.push(err('startTime', 'meetings.fields.startTime', 'meetings.errors.time'));
  if (clean(input.endTime) && !end) errors.push(err('endTime', 'meetings.fields.endTime', 'meetings.errors.time'));
  const startsAt = day && start ? at(input.day, start) : null;
  const endsAt = day && end ? at(input.day, end) : null;
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime())
    errors.push(err('endTime', 'meetings.fields.endTime', 'meetings.errors.endBeforeStart'));
  if (!input.place.trim()) errors.push(err('place', 'meetings.fields.place', 'core.validation.required'));
  else if (input.place.length > NAME_MAX) errors.push(err('place', 'meetings.fields.place', 'core.validation.tooLong', { max: NAME_MAX }));
  const agenda = input.agenda.filter((a) => a.title.trim());
  if (agenda.length === 0) errors.push(err('agenda', 'meetings.fields.agenda', 'meetings.errors.agendaRequired'));
  if (agenda.length > AGENDA_MAX)
    errors.push(err('agenda', 'meetings.fields.agenda', 'meetings.errors.agendaTooMany', { max: AGENDA_MAX }));
  if (agenda.some((a) => a.title.length > TITLE_MAX || (a.detail ?? '').length > TEXT_MAX))
    errors.push(err('agenda', 'meetings.fields.agenda', 'core.validation.tooLong', { max: TITLE_MAX }));
  for (const [f, v] of [
    ['chairName', input.chairName],
    ['chairPosition', input.chairPosition],
    ['recorderName', input.recorderName],
    ['recorderPosition', input.recorderPosition],
  ] as const) {
    if ((v ?? '').length > NAME_MAX) errors.push(err(f, `meetings.fields.${f}`, 'core.validation.tooLong', { max: NAME_MAX }));
  }
  if (!(AUDIENCES as readonly string[]).includes(input.audience))
    errors.push(err('audience', 'meetings.fields.audience', 'core.validation.choose'));
  if (input.audience === 'divisions' && !(input.divisionIds ?? []).length)
    errors.push(err('divisionIds', 'meetings.fields.divisions', 'meetings.errors.divisionsRequired'));
  if (input.audience === 'people' && !(input.staffIds ?? []).length)
    errors.push(err('staffIds', 'meetings.fields.people', 'meetings.errors.peopleRequired'));
  const outside = input.outside ?? [];
  if (outside.length > OUTSIDE_MAX)
    errors.push(err('outside', 'meetings.fields.outside', 'meetings.errors.outsideTooMany', { max: OUTSIDE_MAX }));
  outside.forEach((o, i) => {
    if (!o.name.trim()) errors.push(err('outside', 'meetings.fields.outside', 'meetings.errors.outsideName', { row: i + 1 }));
    if (o.name.length > NAME_MAX || (o.affiliation ?? '').length > NAME_MAX || (o.contact ?? '').length > NAME_MAX)
      errors.push(err('outside', 'meetings.fields.outside', 'meetings.errors.outsideLong', { row: i + 1, max: NAME_MAX }));
  });
  if (input.kind === 'internal' && input.audience === 'none' && outside.length === 0)
    errors.push(err('audience', 'meetings.fields.audience', 'meetings.errors.nobodyInvited'));
  if (input.kind === 'stakeholder' && input.audience === 'none' && outside.length === 0)
    errors.push(err('outside', 'meetings.fields.outside', 'meetings.errors.nobodyInvited'));
  return { errors, startsAt, endsAt };
}

/** The active staff the audience names (ids of another organization or inactive people are refused). */
async function resolveAudience(tx: Db, ctx: ServiceContext, input: MeetingInput): Promise<number[]> {
  if (input.audience === 'none') return [];
  if (input.audience === 'all') {
    const rows = await tx
      .select({ id: staffMembers.id })
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.active, true)))
      .orderBy(asc(staffMembers.id));
    return rows.map((r) => r.id);
  }
  if (input.audience === 'divisions') {
    const ids = [...new Set(input.divisionIds ?? [])].filter(isRowId);
    const found = ids.length
      ? await tx
          .select({ id: divisions.id })
          .from(divisions)
          .where(and(eq(divisions.orgId, ctx.orgId), inArray(divisions.id, ids)))
      : [];
    if (found.length !== (input.divisionIds ?? []).length || !found.length)
      throw new ValidationError([err('divisionIds', 'meetings.fields.divisions', 'meetings.errors.unknownDivision')]);
    const rows = await tx
      .select({ id: staffMembers.id })
      .from(staffMembers)
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.active, true), inArray(staffMembers.divisionId, ids)))
      .orderBy(asc(staffMembers.id));
    return rows.map((r) => r.id);
  }
  const ids = [...new Set(input.staffIds ?? [])].filter(isRowId);
  const rows = ids.length
    ? await tx
        .select({ id: staffMembers.id })
        .from(staffMembers)
        .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.active, true), inArray(staffMembers.id, ids)))
    : [];
  if (rows.length !== (input.staffIds ?? []).length || !rows.length)
    throw new ValidationError([err('staffIds', 'meetings.fields.people', 'meetings.errors.unknownPerson')]);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Renders the invitation; set by the module (pdf.ts) so that this file stays free of Typst. */
export type InvitationRenderer = (ctx: ServiceContext, detail: MeetingDetail) => Promise<Uint8Array>;
export type MinutesRenderer = (ctx: ServiceContext, detail: MeetingDetail) => Promise<Uint8Array>;

/**
 * meetings.create: the meeting, its agenda and invitees, an outgoing number from the register and
 * the invitation letter (บันทึกข้อความ to staff for an internal meeting; หนังสือภายนอก to the
 * stakeholders of a stakeholder meeting) — all in one transaction.
 */
export async function createMeeting(ctx: ServiceContext, input: MeetingInput, render: InvitationRenderer): Promise<Meeting> {
  const allowed = meetingsPolicy.manage(ctx.actor);
  const { errors, startsAt, endsAt } = validateMeeting(input);
  if (allowed && errors.length) throw new ValidationError(errors);
  return runCommand(ctx, { action: 'meetings.create', allowed }, async (tx, _t, txCtx) => {
    if (!startsAt) throw new ValidationError(errors);
    const staffIds = await resolveAudience(tx, ctx, input);
    const now = ctx.app.now();
    const [row] = await tx
      .insert(meetings)
      .values({
        orgId: ctx.orgId,
        kind: input.kind as MeetingKind,
        fiscalYear: fiscalYearOf(startsAt),
        title: input.title.trim(),
        purpose: clean(input.purpose),
        startsAt,
        endsAt,
        place: input.place.trim(),
        agenda: input.agenda
          .filter((a) => a.title.trim())
          .map((a) => ({ title: a.title.trim(), ...(clean(a.detail) ? { detail: clean(a.detail) as string } : {}) })),
        chairName: clean(input.chairName),
        chairPosition: clean(input.chairPosition),
        recorderName: clean(input.recorderName),
        recorderPosition: clean(input.recorderPosition),
        opinionsOpenUntil: endsAt ?? new Date(startsAt.getTime() + 4 * 3600_000),
        publishToPublic: !!input.publishToPublic,
        createdBy: ctx.actor?.userId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('meeting not created');
    if (staffIds.length)
      await tx
        .insert(meetingInvitees)
        .values(staffIds.map((staffId) => ({ orgId: ctx.orgId, meetingId: row.id, kind: 'staff' as const, staffId, createdAt: now })));
    const outside = (input.outside ?? []).filter((o) => o.name.trim());
    if (outside.length)
      await tx.insert(meetingInvitees).values(
        outside.map((o) => ({
          orgId: ctx.orgId,
          meetingId: row.id,
          kind: 'outside' as const,
          name: o.name.trim(),
          affiliation: clean(o.affiliation),
          contact: clean(o.contact),
          createdAt: now,
        })),
      );
    const entry = await issueNumber(tx, txCtx, {
      series: '',
      documentDate: now,
      subject: `ขอเชิญประชุม ${row.title}`,
      recipient: row.kind === 'internal' ? 'บุคลากร' : 'ผู้มีส่วนได้ส่วนเสีย',
      entity: 'meeting',
      entityId: row.id,
    });
    const withNumber = { ...row, registerEntryId: entry.id };
    const detail = await loadDetail(tx, txCtx, withNumber);
    const pdf = await render(txCtx, detail);
    const file = await saveFile(txCtx, { bytes: pdf, name: `meeting-${row.id}-invitation.pdf`, kinds: ['pdf'] });
    const [done] = await tx
      .update(meetings)
      .set({ registerEntryId: entry.id, invitationFileId: file.id })
      .where(and(eq(meetings.orgId, ctx.orgId), eq(meetings.id, row.id)))
      .returning();
    return {
      result: done ?? withNumber,
      entity: 'meeting',
      entityId: row.id,
      summary: `สร้างการประชุม ${row.title} (${row.kind === 'internal' ? 'ภายใน' : 'ผู้มีส่วนได้ส่วนเสีย'}) ผู้ได้รับเชิญ ${staffIds.length + outside.length} คน`,
      data: { kind: row.kind, staff: staffIds.length, outside: outside.length, registerEntryId: entry.id },
    };
  });
}

/** The invitation or the frozen minutes, to signed-in staff of the organization. */
export async function meetingFile(ctx: ServiceContext, id: number, which: 'invitation' | 'minutes') {
  requireRead(ctx);
  const m = await findMeeting(dbOf(ctx), ctx.orgId, id);
  const fileId = which === 'invitation' ? m.invitationFileId : m.minutesFileId;
  if (!fileId) throw notFound();
  return { meeting: m, ...(await readFileBytes(ctx, fileId)) };
}

// ---------------------------------------------------------------- attendance

export interface AttendanceInput {
  /** inviteeId → attended (true), absent (false) or not recorded (null), with a note (the reason of an absence). */
  entries: { inviteeId: number; attended: boolean | null; note?: string | null }[];
  /** People who came without an invitation (ผู้เข้าร่วมประชุม from outside): name, affiliation. */
  walkIns?: OutsideInvitee[];
}

/** meetings.recordAttendance: who came and who did not (with the reason); a planned meeting becomes held. */
export async function recordAttendance(ctx: ServiceContext, id: number, input: AttendanceInput): Promise<Meeting> {
  requireRead(ctx);
  const m = await findMeeting(dbOf(ctx), ctx.orgId, id);
  const allowed = meetingsPolicy.manage(ctx.actor);
  const errors: FieldError[] = [];
  if (allowed) {
    input.entries.forEach((e) => {
      if ((e.note ?? '').length > NAME_MAX)
        errors.push(err(`note-${e.inviteeId}`, 'meetings.fields.attendanceNote', 'core.validation.tooLong', { max: NAME_MAX }));
    });
    (input.walkIns ?? []).forEach((w, i) => {
      if (w.name.length > NAME_MAX || (w.affiliation ?? '').length > NAME_MAX)
        errors.push(err('walkIn', 'meetings.fields.walkIn', 'meetings.errors.outsideLong', { row: i + 1, max: NAME_MAX }));
    });
    if (m.status === 'closed' || m.status === 'cancelled') throw conflict('meetings.errors.closed');
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'meetings.recordAttendance', allowed }, async (tx) => {
    const now = ctx.app.now();
    const own = await tx
      .select({ id: meetingInvitees.id })
      .from(meetingInvitees)
      .where(and(eq(meetingInvitees.orgId, ctx.orgId), eq(meetingInvitees.meetingId, m.id)));
    const ids = new Set(own.map((r) => r.id));
    let came = 0;
    let absent = 0;
    for (const e of input.entries) {
      if (!ids.has(e.inviteeId)) throw notFound();
      if (e.attended === true) came++;
      if (e.attended === false) absent++;
      await tx
        .update(meetingInvitees)
        .set({ attended: e.attended, attendanceNote: e.attended === false ? clean(e.note) : null, recordedAt: now })
        .where(and(eq(meetingInvitees.orgId, ctx.orgId), eq(meetingInvitees.id, e.inviteeId)));
    }
    const walkIns = (input.walkIns ?? []).filter((w) => w.name.trim());
    if (walkIns.length)
      await tx.insert(meetingInvitees).values(
        walkIns.map((w) => ({
          orgId: ctx.orgId,
          meetingId: m.id,
          kind: 'outside' as const,
          name: w.name.trim(),
          affiliation: clean(w.affiliation),
          attended: true,
          recordedAt: now,
          createdAt: now,
        })),
      );
    const [row] = await tx
      .update(meetings)
      .set({ status: m.status === 'planned' ? 'held' : m.status, updatedAt: now })
      .where(and(eq(meetings.orgId, ctx.orgId), eq(meetings.id, m.id)))
      .returning();
    return {
      result: row ?? m,
      entity: 'meeting',
      entityId: m.id,
      summary: `บันทึกผู้มาประชุม ${m.title}: มา ${came + walkIns.length} ไม่มา ${absent}`,
      data: { came, absent, walkIns: walkIns.length },
    };
  });
}

// ---------------------------------------------------------------- opinions

export interface OpinionInput {
  text: string;
  agendaIndex?: number | null;
  /** Staff only: no author is stored at all and the audit entry is anonymous. */
  anonymous?: boolean;
  /** The secretary records an opinion raised in the meeting (stage 'during'), with the speaker's name if given. */
  during?: boolean;
  authorName?: string | null;
}

/**
 * meetings.addOpinion. A staff member gives an opinion before or during the meeting (while
 * opinions are open), in their name or anonymously; the secretary (manage) records opinions raised
 * in the meeting, with an outsider's name if they gave it.
 */
export async function addOpinion(ctx: ServiceContext, id: number, input: OpinionInput): Promise<{ id: number }> {
  requireRead(ctx);
  const m = await findMeeting(dbOf(ctx), ctx.orgId, id);
  const during = !!input.during;
  const allowed = during ? meetingsPolicy.manage(ctx.actor) : meetingsPolicy.opine(ctx.actor);
  const anonymous = !during && !!input.anonymous;
  const text = input.text.trim();
  if (allowed) {
    if (!opinionsOpen(m, ctx.app.now()) && !(during && m.status !== 'closed' && m.status !== 'cancelled'))
      throw conflict('meetings.errors.opinionsClosed');
    const errors: FieldError[] = [];
    if (!text) errors.push(err('text', 'meetings.fields.opinion', 'core.validation.required'));
    else if (text.length > TEXT_MAX) errors.push(err('text', 'meetings.fields.opinion', 'core.validation.tooLong', { max: TEXT_MAX }));
    const ai = input.agendaIndex;
    if (ai != null && (!Number.isInteger(ai) || ai < 0 || ai >= m.agenda.length))
      errors.push(err('agendaIndex', 'meetings.fields.agendaItem', 'core.validation.choose'));
    if ((input.authorName ?? '').length > NAME_MAX)
      errors.push(err('authorName', 'meetings.fields.authorName', 'core.validation.tooLong', { max: NAME_MAX }));
    if (errors.length) throw new ValidationError(errors);
  }
  // Resolved before the command, so that an anonymous write never looks the author up inside it.
  const author = allowed && !anonymous && !during ? await ownStaffId(ctx) : null;
  return runCommand(ctx, { action: 'meetings.addOpinion', allowed, anonymous }, async (tx) => {
    const [row] = await tx
      .insert(meetingOpinions)
      .values({
        orgId: ctx.orgId,
        meetingId: m.id,
        stage: during ? 'during' : m.status === 'planned' ? 'before' : 'during',
        agendaIndex: input.agendaIndex ?? null,
        authorStaffId: anonymous ? null : author,
        authorName: during ? clean(input.authorName) : null,
        text,
        // An anonymous opinion keeps the day only, so its time cannot point at a person.
        createdAt: anonymous ? bangkokDate(...dayParts(ctx.app.now())) : ctx.app.now(),
      })
      .returning({ id: meetingOpinions.id });
    if (!row) throw new Error('opinion not saved');
    return {
      result: { id: row.id },
      entity: 'meeting',
      entityId: m.id,
      summary: anonymous ? `ความคิดเห็นโดยไม่ระบุชื่อ ต่อการประชุม ${m.title}` : `ความคิดเห็นต่อการประชุม ${m.title}`,
      data: { opinionId: row.id, stage: during ? 'during' : 'before' },
    };
  });
}

function dayParts(d: Date): [number, number, number] {
  const p = parseIsoDay(bangkokIsoDay(d));
  if (!p) throw new RangeError('day');
  return [p.year, p.month, p.day];
}

/** The meeting an opinion belongs to (404 when unknown here). */
export async function opinionMeetingId(ctx: ServiceContext, opinionId: number): Promise<number> {
  requireRead(ctx);
  if (!isRowId(opinionId)) throw notFound();
  const [op] = await dbOf(ctx)
    .select({ meetingId: meetingOpinions.meetingId })
    .from(meetingOpinions)
    .where(and(eq(meetingOpinions.orgId, ctx.orgId), eq(meetingOpinions.id, opinionId)));
  if (!op) throw notFound();
  return op.meetingId;
}

/** What the meeting made of an opinion (manage; until the minutes are frozen). */
export async function respondToOpinion(ctx: ServiceContext, opinionId: number, response: string): Promise<{ meetingId: number }> {
  requireRead(ctx);
  if (!isRowId(opinionId)) throw notFound();
  const [op] = await dbOf(ctx)
    .select()
    .from(meetingOpinions)
    .where(and(eq(meetingOpinions.orgId, ctx.orgId), eq(meetingOpinions.id, opinionId)));
  if (!op) throw notFound();
  const m = await findMeeting(dbOf(ctx), ctx.orgId, op.meetingId);
  const allowed = meetingsPolicy.manage(ctx.actor);
  if (allowed) {
    if (m.status === 'closed') throw conflict('meetings.errors.closed');
    if (response.trim().length > TEXT_MAX)
      throw new ValidationError([err('response', 'meetings.fields.response', 'core.validation.tooLong', { max: TEXT_MAX })]);
  }
  return runCommand(ctx, { action: 'meetings.respondToOpinion', allowed }, async (tx) => {
    await tx
      .update(meetingOpinions)
      .set({ response: clean(response) })
      .where(and(eq(meetingOpinions.orgId, ctx.orgId), eq(meetingOpinions.id, op.id)));
    return { result: { meetingId: m.id }, entity: 'meeting', entityId: m.id, summary: `บันทึกผลการพิจารณาความคิดเห็น (${m.title})` };
  });
}

// ---------------------------------------------------------------- minutes

export interface MinutesInput {
  /** One entry per agenda item, in order. */
  items: { discussion?: string | null; resolution?: string | null }[];
  /** เริ่มประชุมเวลา / เลิกประชุมเวลา (HH:MM, the meeting's day). */
  startTime?: string | null;
  endTime?: string | null;
  /** Freeze: render รายงานการประชุม, store it with its sha256 and close the meeting. */
  close?: boolean;
  /** On close: also publish the results to the public (OIT participation item). */
  publishToPublic?: boolean;
}

/**
 * meetings.minutes: the discussion and resolution of each agenda item and the times; with
 * `close`, the minutes are rendered as PDF, stored with their sha256 and frozen, the meeting is
 * closed and — when chosen — published (publication log, OIT participation item).
 */
export async function saveMinutes(ctx: ServiceContext, id: number, input: MinutesInput, render: MinutesRenderer): Promise<Meeting> {
  requireRead(ctx);
  const m = await findMeeting(dbOf(ctx), ctx.orgId, id);
  const allowed = meetingsPolicy.manage(ctx.actor);
  const day = bangkokIsoDay(m.startsAt);
  const start = clean(input.startTime) ? parseTime(input.startTime) : null;
  const end = clean(input.endTime) ? parseTime(input.endTime) : null;
  if (allowed) {
    if (m.status === 'closed') throw conflict('meetings.errors.minutesFrozen');
    if (m.status === 'cancelled') throw conflict('meetings.errors.closed');
    const errors: FieldError[] = [];
    if (clean(input.startTime) && !start) errors.push(err('startTime', 'meetings.fields.startedAt', 'meetings.errors.time'));
    if (clean(input.endTime) && !end) errors.push(err('endTime', 'meetings.fields.endedAt', 'meetings.errors.time'));
    if (input.items.length > m.agenda.length) errors.push(err('items', 'meetings.fields.agenda', 'core.validation.choose'));
    input.items.forEach((it, i) => {
      if ((it.discussion ?? '').length > MINUTES_MAX)
        errors.push(err(`discussion-${i}`, 'meetings.fields.discussion', 'core.validation.tooLong', { max: MINUTES_MAX }));
      if ((it.resolution ?? '').length > TEXT_MAX)
        errors.push(err(`resolution-${i}`, 'meetings.fields.resolution', 'core.validation.tooLong', { max: TEXT_MAX }));
    });
    const startsAt = start ? at(day, start) : m.startsAt;
    const endsAt = end ? at(day, end) : m.endsAt;
    if (endsAt && endsAt.getTime() <= startsAt.getTime())
      errors.push(err('endTime', 'meetings.fields.endedAt', 'meetings.errors.endBeforeStart'));
    if (input.close) {
      if (!endsAt) errors.push(err('endTime', 'meetings.fields.endedAt', 'meetings.errors.endRequired'));
      const agenda = m.agenda.map((a, i) => clean(input.items[i]?.resolution) ?? a.resolution);
      agenda.forEach((r, i) => {
        if (!r) errors.push(err(`resolution-${i}`, 'meetings.fields.resolution', 'meetings.errors.resolutionRequired', { n: i + 1 }));
      });
      if (m.status === 'planned') errors.push(err('_', '', 'meetings.errors.attendanceFirst'));
    }
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'meetings.minutes', allowed }, async (tx, _t, txCtx) => {
    const [locked] = await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.orgId, ctx.orgId), eq(meetings.id, m.id)))
      .for('update');
    if (!locked || locked.status === 'closed') throw conflict('meetings.errors.minutesFrozen');
    const agenda: AgendaItem[] = locked.agenda.map((a, i) => {
      const it = input.items[i];
      if (!it) return a;
      const out: AgendaItem = { title: a.title };
      if (a.detail) out.detail = a.detail;
      const d = clean(it.discussion);
      const r = clean(it.resolution);
      if (d) out.discussion = d;
      if (r) out.resolution = r;
      return out;
    });
    const now = ctx.app.now();
    const startsAt = start ? at(day, start) : locked.startsAt;
    const endsAt = end ? at(day, end) : locked.endsAt;
    const [saved] = await tx
      .update(meetings)
      .set({ agenda, startsAt, endsAt, updatedAt: now })
      .where(and(eq(meetings.orgId, ctx.orgId), eq(meetings.id, m.id)))
      .returning();
    if (!saved) throw notFound();
    if (!input.close) return { result: saved, entity: 'meeting', entityId: m.id, summary: `บันทึกรายงานการประชุม (ร่าง) ${m.title}` };
    const publishToPublic = input.publishToPublic ?? saved.publishToPublic;
    const detail = await loadDetail(tx, txCtx, saved);
    const pdf = await render(txCtx, detail);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const file = await saveFile(txCtx, { bytes: pdf, name: `meeting-${m.id}-minutes.pdf`, kinds: ['pdf'] });
    if (file.sha256 && file.sha256 !== sha256) throw new Error('minutes sha256 mismatch');
    let publicationId: number | null = null;
    if (publishToPublic) publicationId = await publishMinutes(tx, txCtx, saved, pdf);
    const [closed] = await tx
      .update(meetings)
      .set({ status: 'closed', minutesFileId: file.id, minutesSha256: sha256, closedAt: now, publishToPublic, publicationId })
      .where(and(eq(meetings.orgId, ctx.orgId), eq(meetings.id, m.id)))
      .returning();
    return {
      result: closed ?? saved,
      entity: 'meeting',
      entityId: m.id,
      summary: `ปิดการประชุมและรับรองรายงานการประชุม ${m.title}${publishToPublic ? ' (เผยแพร่ต่อสาธารณะ)' : ''}`,
      data: { sha256, fileId: file.id, publicationId },
    };
  });
}

async function publishMinutes(tx: Db, ctx: ServiceContext, m: Meeting, pdf: Uint8Array): Promise<number> {
  const itemCode = oitItemForTopic(m.fiscalYear, 'participation') ?? '';
  const p = await publish(tx, ctx, {
    kind: 'document',
    fiscalYear: m.fiscalYear,
    itemCode,
    title: `รายงานการประชุม ${m.title}`,
    bytes: pdf,
    fileName: `meeting-${m.id}-minutes.pdf`,
    source: { entity: 'meeting', id: m.id },
    allowedBy: 'meetings: the organizer publishes the results of a meeting that gathered opinions (participation)',
  });
  return p.id;
}

/** Publishes the frozen minutes of a closed meeting that was kept to staff so far. */
export async function publishMeeting(ctx: ServiceContext, id: number): Promise<Meeting> {
  requireRead(ctx);
  const m = await findMeeting(dbOf(ctx), ctx.orgId, id);
  const allowed = meetingsPolicy.manage(ctx.actor);
  if (allowed && (m.status !== 'closed' || !m.minutesFileId)) throw conflict('meetings.errors.notClosed');
  if (allowed && m.publicationId) throw conflict('meetings.errors.alreadyPublished');
  return runCommand(ctx, { action: 'meetings.publish', allowed }, async (tx, _t, txCtx) => {
    const { bytes } = await readFileBytes(txCtx, m.minutesFileId as number);
    const publicationId = await publishMinutes(tx, txCtx, m, bytes);
    const [row] = await tx
      .update(meetings)
      .set({ publishToPublic: true, publicationId })
      .where(and(eq(meetings.orgId, ctx.orgId), eq(meetings.id, m.id)))
      .returning();
    return { result: row ?? m, entity: 'meeting', entityId: m.id, summary: `เผยแพร่ผลการประชุม ${m.title} ต่อสาธารณะ` };
  });
}

// ---------------------------------------------------------------- actions

export interface ActionInput {
  title: string;
  ownerStaffId?: number | null;
  dueOn: string;
}

export async function addAction(ctx: ServiceContext, meetingId: number, input: ActionInput): Promise<MeetingAction> {
  requireRead(ctx);
  const m = await findMeeting(dbOf(ctx), ctx.orgId, meetingId);
  const allowed = meetingsPolicy.manage(ctx.actor);
  const title = input.title.trim();
  if (allowed) {
    const errors: FieldError[] = [];
    if (!title) errors.push(err('title', 'meetings.fields.actionTitle', 'core.validation.required'));
    else if (title.length > TITLE_MAX)
      errors.push(err('title', 'meetings.fields.actionTitle', 'core.validation.tooLong', { max: TITLE_MAX }));
    if (!parseIsoDay(input.dueOn)) errors.push(err('dueOn', 'meetings.fields.dueOn', 'meetings.errors.day'));
    if (input.ownerStaffId != null) {
      const [s] = isRowId(input.ownerStaffId)
        ? await dbOf(ctx)
            .select({ id: staffMembers.id })
            .from(staffMembers)
            .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.id, input.ownerStaffId)))
        : [];
      if (!s) errors.push(err('ownerStaffId', 'meetings.fields.owner', 'meetings.errors.unknownPerson'));
    }
    if (errors.length) throw new ValidationError(errors);
  }
  return runCommand(ctx, { action: 'meetings.addAction', allowed }, async (tx) => {
    const now = ctx.app.now();
    const [row] = await tx
      .insert(meetingActions)
      .values({
        orgId: ctx.orgId,
        meetingId: m.id,
        title,
        ownerStaffId: input.ownerStaffId ?? null,
        dueOn: input.dueOn,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('action not saved');
    return { result: row, entity: 'meeting', entityId: m.id, summary: `เพิ่มเรื่องที่ต้องดำเนินการ: ${title} (${m.title})` };
  });
}

/** Marks an action done: its owner or an organizer. */
export async function completeAction(ctx: ServiceContext, actionId: number, note: string | null): Promise<MeetingAction> {
  requireRead(ctx);
  if (!isRowId(actionId)) throw notFound();
  const [a] = await dbOf(ctx)
    .select()
    .from(meetingActions)
    .where(and(eq(meetingActions.orgId, ctx.orgId), eq(meetingActions.id, actionId)));
  if (!a) throw notFound();
  const mine = ctx.actor?.userId ? (await ownStaffId(ctx)) === a.ownerStaffId && a.ownerStaffId !== null : false;
  const allowed = mine || meetingsPolicy.manage(ctx.actor);
  if (allowed && a.status === 'done') throw conflict('meetings.errors.actionDone');
  if (allowed && (note ?? '').length > TEXT_MAX)
    throw new ValidationError([err('note', 'meetings.fields.doneNote', 'core.validation.tooLong', { max: TEXT_MAX })]);
  return runCommand(ctx, { action: 'meetings.completeAction', allowed }, async (tx) => {
    const now = ctx.app.now();
    const [row] = await tx
      .update(meetingActions)
      .set({ status: 'done', doneAt: now, doneNote: clean(note), updatedAt: now })
      .where(and(eq(meetingActions.orgId, ctx.orgId), eq(meetingActions.id, a.id), eq(meetingActions.status, 'open')))
      .returning();
    if (!row) throw conflict('meetings.errors.actionDone');
    return { result: row, entity: 'meeting', entityId: a.meetingId, summary: `ดำเนินการแล้ว: ${a.title}` };
  });
}

async function ownStaffId(ctx: ServiceContext): Promise<number | null> {
  if (!ctx.actor?.userId) return null;
  return (await staffOfUser(ctx, ctx.actor.userId))?.id ?? null;
}

/** The signed-in person's open actions (todo items), overdue first. */
export async function myOpenActions(ctx: ServiceContext): Promise<(MeetingAction & { overdue: boolean; meetingTitle: string })[]> {
  const staffId = await ownStaffId(ctx);
  if (!staffId) return [];
  const rows = await dbOf(ctx)
    .select({ a: meetingActions, title: meetings.title })
    .from(meetingActions)
    .innerJoin(meetings, and(eq(meetings.orgId, meetingActions.orgId), eq(meetings.id, meetingActions.meetingId)))
    .where(and(eq(meetingActions.orgId, ctx.orgId), eq(meetingActions.ownerStaffId, staffId), eq(meetingActions.status, 'open')))
    .orderBy(asc(meetingActions.dueOn));
  const today = bangkokIsoDay(ctx.app.now());
  return rows.map(({ a, title }) => ({ ...a, meetingTitle: title, overdue: a.dueOn < today }));
}

/** Whether the fiscal year has an internal opinion-exchange meeting (planned, held or closed). */
export async function hasInternalMeeting(ctx: ServiceContext, fiscalYear: number): Promise<boolean> {
  const rows = await dbOf(ctx)
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.orgId, ctx.orgId),
        eq(meetings.fiscalYear, fiscalYear),
        eq(meetings.kind, 'internal'),
        ne(meetings.status, 'cancelled'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Organizers see the reminder: the current fiscal year has no internal opinion-exchange meeting yet. */
export async function missingInternalMeeting(ctx: ServiceContext): Promise<number | null> {
  if (!hasRole(ctx.actor, 'admin', 'ita_coordinator')) return null;
  const fy = fiscalYearOf(ctx.app.now());
  return (await hasInternalMeeting(ctx, fy)) ? null : fy;
}

// ---------------------------------------------------------------- public

export interface PublicMeeting {
  meeting: Meeting;
  opinions: number;
  attended: number;
  actions: { title: string; dueOn: string; status: 'open' | 'done' }[];
}

/** Meetings whose results were published to the public (closed, with a publication), newest first. No ids of staff, no names. */
export async function listPublicMeetings(ctx: ServiceContext): Promise<PublicMeeting[]> {
  const db = dbOf(ctx);
  const rows = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.orgId, ctx.orgId),
        eq(meetings.status, 'closed'),
        eq(meetings.publishToPublic, true),
        isNotNull(meetings.publicationId),
      ),
    )
    .orderBy(desc(meetings.startsAt));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [ops, inv, acts] = await Promise.all([
    db
      .select({ meetingId: meetingOpinions.meetingId })
      .from(meetingOpinions)
      .where(and(eq(meetingOpinions.orgId, ctx.orgId), inArray(meetingOpinions.meetingId, ids))),
    db
      .select({ meetingId: meetingInvitees.meetingId })
      .from(meetingInvitees)
      .where(and(eq(meetingInvitees.orgId, ctx.orgId), inArray(meetingInvitees.meetingId, ids), eq(meetingInvitees.attended, true))),
    db
      .select()
      .from(meetingActions)
      .where(and(eq(meetingActions.orgId, ctx.orgId), inArray(meetingActions.meetingId, ids)))
      .orderBy(asc(meetingActions.dueOn)),
  ]);
  return rows.map((meeting) => ({
    meeting,
    opinions: ops.filter((o) => o.meetingId === meeting.id).length,
    attended: inv.filter((o) => o.meetingId === meeting.id).length,
    actions: acts.filter((a) => a.meetingId === meeting.id).map((a) => ({ title: a.title, dueOn: a.dueOn, status: a.status })),
  }));
}

export { INVITEE_KINDS, MEETING_KINDS };

// ---------------------------------------------------------------- choices for the forms

export interface StaffChoice {
  id: number;
  name: string;
  position: string | null;
  divisionId: number | null;
}

/** Active staff and divisions of the organization, for the invitation and action forms. */
export async function formChoices(ctx: ServiceContext): Promise<{ staff: StaffChoice[]; divisions: { id: number; name: string }[] }> {
  requireRead(ctx);
  const db = dbOf(ctx);
  const [people, divs] = await Promise.all([
    db
      .select({ s: staffMembers, p: positions })
      .from(staffMembers)
      .leftJoin(positions, and(eq(positions.orgId, staffMembers.orgId), eq(positions.id, staffMembers.positionId)))
      .where(and(eq(staffMembers.orgId, ctx.orgId), eq(staffMembers.active, true)))
      .orderBy(asc(staffMembers.firstName)),
    db
      .select({ id: divisions.id, name: divisions.name })
      .from(divisions)
      .where(eq(divisions.orgId, ctx.orgId))
      .orderBy(asc(divisions.sortOrder), asc(divisions.id)),
  ]);
  return {
    staff: people.map(({ s, p }) => ({ id: s.id, name: fullName(s), position: p?.title ?? null, divisionId: s.divisionId })),
    divisions: divs,
  };
}
