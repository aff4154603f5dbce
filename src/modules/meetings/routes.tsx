import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { allowedContext, serviceContext } from '../../core/http/env.js';
import { emptyForm, type FormValues, formErrorStatus, formErrorsOf, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { bangkokIsoDay, parseThaiDateInput } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage, renderToString } from '../../core/ui/render.js';
import { staffOfUser } from '../staff/service.js';
import { renderInvitation, renderMinutes } from './pdf.js';
import { meetingsPolicy } from './policy.js';
import * as svc from './service.js';
import { ParticipationPage } from './views/public.js';
import { type DetailForms, DetailPage, ListPage, NewPage, OpinionPage } from './views/staff.js';

const reader = (c: AppContext): ServiceContext => allowedContext(c, meetingsPolicy.read);
const manager = (c: AppContext): ServiceContext => allowedContext(c, meetingsPolicy.manage);

const FORM_STATUSES = [409, 413] as const;

const list = (values: FormValues, k: string): string[] => {
  const x = values[k];
  return x === undefined ? [] : Array.isArray(x) ? x.filter((s) => s.trim()) : x.trim() ? [x] : [];
};
const ids = (values: FormValues, k: string) => list(values, k).map(Number);
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const cells = (l: string) => l.split('|').map((x) => x.trim());

/** A day typed the Thai way (15/03/2567) or as YYYY-MM-DD, as YYYY-MM-DD; anything else as typed (refused by name). */
function dayValue(values: FormValues, k: string): string {
  const text = formValue(values, k).trim();
  const parsed = text ? parseThaiDateInput(text) : null;
  return parsed ? bangkokIsoDay(parsed) : text;
}

/** The new-meeting form as the service's input: one agenda item a line ("title | detail"), one outsider a line. */
export function meetingInputOf(values: FormValues): svc.MeetingInput {
  return {
    kind: formValue(values, 'kind'),
    title: formValue(values, 'title'),
    purpose: formValue(values, 'purpose'),
    day: dayValue(values, 'day'),
    startTime: formValue(values, 'startTime'),
    endTime: formValue(values, 'endTime'),
    place: formValue(values, 'place'),
    agenda: lines(formValue(values, 'agenda')).map((l) => {
      const [title = '', detail = ''] = cells(l);
      return { title, detail };
    }),
    chairName: formValue(values, 'chairName'),
    chairPosition: formValue(values, 'chairPosition'),
    recorderName: formValue(values, 'recorderName'),
    recorderPosition: formValue(values, 'recorderPosition'),
    audience: formValue(values, 'audience'),
    divisionIds: ids(values, 'divisionIds'),
    staffIds: ids(values, 'staffIds'),
    outside: lines(formValue(values, 'outside')).map((l) => {
      const [name = '', affiliation = '', contact = ''] = cells(l);
      return { name, affiliation, contact };
    }),
    publishToPublic: list(values, 'publish').includes('1'),
  };
}

async function myStaffId(ctx: ServiceContext): Promise<number | null> {
  if (!ctx.actor?.userId) return null;
  return (await staffOfUser(ctx, ctx.actor.userId))?.id ?? null;
}

export function routes(app: Hono<AppEnv>) {
  // ---------------------------------------------------------------- public

  app.get('/participation', (c) =>
    c.get('pages').respond(c, async () => renderToString(c, <ParticipationPage items={await svc.listPublicMeetings(serviceContext(c))} />)),
  );

  // ---------------------------------------------------------------- staff

  app.get('/staff/meetings', async (c) => {
    const ctx = reader(c);
    const [meetings, missingYear, myActions] = await Promise.all([
      svc.listMeetings(ctx),
      svc.missingInternalMeeting(ctx),
      svc.myOpenActions(ctx),
    ]);
    return renderPage(
      c,
      <ListPage meetings={meetings} canManage={meetingsPolicy.manage(ctx.actor)} missingYear={missingYear} myActions={myActions} />,
    );
  });

  const newPage = async (c: AppContext, ctx: ServiceContext, form = emptyForm(), status = 200) => {
    const choices = await svc.formChoices(ctx);
    return renderPage(c, <NewPage form={form} staff={choices.staff} divisions={choices.divisions} />, status);
  };

  app.get('/staff/meetings/new', async (c) => newPage(c, manager(c)));

  app.post('/staff/meetings/new', async (c) => {
    const ctx = manager(c);
    const { values } = await readForm(c);
    let created: svc.Meeting;
    try {
      created = await svc.createMeeting(ctx, meetingInputOf(values), renderInvitation);
    } catch (e) {
      return newPage(c, ctx, { values, errors: formErrorsOf(e, FORM_STATUSES) }, formErrorStatus(e));
    }
    flash(c, 'meetings.flash.created');
    return c.redirect(`/staff/meetings/${created.id}`, 303);
  });

  const detailPage = async (c: AppContext, ctx: ServiceContext, id: number, forms: DetailForms = {}, status = 200) => {
    const [detail, choices, mine] = await Promise.all([svc.getMeeting(ctx, id), svc.formChoices(ctx), myStaffId(ctx)]);
    return renderPage(
      c,
      <DetailPage
        detail={detail}
        canManage={meetingsPolicy.manage(ctx.actor)}
        opinionsOpen={svc.opinionsOpen(detail.meeting, ctx.app.now())}
        myStaffId={mine}
        staff={choices.staff}
        forms={forms}
        today={ctx.app.now()}
      />,
      status,
    );
  };

  app.get('/staff/meetings/:id', async (c) => detailPage(c, reader(c), rowIdParam(c)));

  app.get('/staff/meetings/:id/invitation.pdf', async (c) => {
    const { file, bytes } = await svc.meetingFile(reader(c), rowIdParam(c), 'invitation');
    return serveStoredFile(c, file, bytes);
  });

  app.get('/staff/meetings/:id/minutes.pdf', async (c) => {
    const { file, bytes } = await svc.meetingFile(reader(c), rowIdParam(c), 'minutes');
    return serveStoredFile(c, file, bytes);
  });

  app.post('/staff/meetings/:id/attendance', async (c) => {
    const ctx = reader(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const entries: svc.AttendanceInput['entries'] = [];
    for (const key of Object.keys(values)) {
      const m = /^att-(\d+)$/.exec(key);
      if (!m) continue;
      const s = formValue(values, key);
      entries.push({
        inviteeId: Number(m[1]),
        attended: s === 'came' ? true : s === 'absent' ? false : null,
        note: formValue(values, `note-${m[1]}`),
      });
    }
    const walkIns = lines(formValue(values, 'walkIns')).map((l) => {
      const [name = '', affiliation = ''] = cells(l);
      return { name, affiliation };
    });
    try {
      await svc.recordAttendance(ctx, id, { entries, walkIns });
    } catch (e) {
      return detailPage(c, ctx, id, { attendance: { values, errors: formErrorsOf(e, FORM_STATUSES) } }, formErrorStatus(e));
    }
    flash(c, 'meetings.flash.attendance');
    return c.redirect(`/staff/meetings/${id}#attendance`, 303);
  });

  const opinionPage = async (c: AppContext, ctx: ServiceContext, id: number, form = emptyForm(), status = 200) => {
    const { meeting } = await svc.getMeeting(ctx, id);
    return renderPage(c, <OpinionPage meeting={meeting} form={form} />, status);
  };

  app.get('/staff/meetings/:id/opinion', async (c) => opinionPage(c, allowedContext(c, meetingsPolicy.opine), rowIdParam(c)));

  const agendaIndexOf = (values: FormValues) => {
    const raw = formValue(values, 'agendaIndex');
    return raw === '' ? null : /^\d{1,2}$/.test(raw) ? Number(raw) : -1;
  };

  app.post('/staff/meetings/:id/opinion', async (c) => {
    const ctx = allowedContext(c, meetingsPolicy.opine);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const anonymous = list(values, 'anonymous').includes('1');
    try {
      await svc.addOpinion(ctx, id, { text: formValue(values, 'text'), agendaIndex: agendaIndexOf(values), anonymous });
    } catch (e) {
      return opinionPage(c, ctx, id, { values, errors: formErrorsOf(e, FORM_STATUSES) }, formErrorStatus(e));
    }
    flash(c, anonymous ? 'meetings.flash.opinionAnonymous' : 'meetings.flash.opinion');
    return c.redirect(`/staff/meetings/${id}#opinions`, 303);
  });

  app.post('/staff/meetings/:id/opinions', async (c) => {
    const ctx = reader(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    try {
      await svc.addOpinion(ctx, id, {
        text: formValue(values, 'text'),
        agendaIndex: agendaIndexOf(values),
        during: true,
        authorName: formValue(values, 'authorName'),
      });
    } catch (e) {
      return detailPage(c, ctx, id, { during: { values, errors: formErrorsOf(e, FORM_STATUSES) } }, formErrorStatus(e));
    }
    flash(c, 'meetings.flash.opinion');
    return c.redirect(`/staff/meetings/${id}#opinions`, 303);
  });

  app.post('/staff/meetings/opinions/:id/response', async (c) => {
    const ctx = reader(c);
    const opinionId = rowIdParam(c);
    const { values } = await readForm(c);
    const response = formValue(values, `response-${opinionId}`);
    let meetingId: number;
    try {
      ({ meetingId } = await svc.respondToOpinion(ctx, opinionId, response));
    } catch (e) {
      const errors = formErrorsOf(e, FORM_STATUSES);
      const mid = await svc.opinionMeetingId(ctx, opinionId);
      return detailPage(c, ctx, mid, { response: { opinionId, values: { response }, errors } }, formErrorStatus(e));
    }
    flash(c, 'meetings.flash.response');
    return c.redirect(`/staff/meetings/${meetingId}#opinion-${opinionId}`, 303);
  });

  app.post('/staff/meetings/:id/minutes', async (c) => {
    const ctx = reader(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const items: svc.MinutesInput['items'] = [];
    for (let i = 0; values[`resolution-${i}`] !== undefined || values[`discussion-${i}`] !== undefined; i++)
      items.push({ discussion: formValue(values, `discussion-${i}`), resolution: formValue(values, `resolution-${i}`) });
    const close = list(values, 'close').includes('1');
    try {
      await svc.saveMinutes(
        ctx,
        id,
        {
          items,
          startTime: formValue(values, 'startTime'),
          endTime: formValue(values, 'endTime'),
          close,
          publishToPublic: list(values, 'publish').includes('1'),
        },
        renderMinutes,
      );
    } catch (e) {
      return detailPage(c, ctx, id, { minutes: { values, errors: formErrorsOf(e, FORM_STATUSES) } }, formErrorStatus(e));
    }
    flash(c, close ? 'meetings.flash.closed' : 'meetings.flash.minutes');
    return c.redirect(`/staff/meetings/${id}#minutes`, 303);
  });

  app.post('/staff/meetings/:id/publish', async (c) => {
    const ctx = reader(c);
    const id = rowIdParam(c);
    await svc.publishMeeting(ctx, id);
    flash(c, 'meetings.flash.published');
    return c.redirect(`/staff/meetings/${id}#minutes`, 303);
  });

  app.post('/staff/meetings/:id/actions', async (c) => {
    const ctx = reader(c);
    const id = rowIdParam(c);
    const { values } = await readForm(c);
    const owner = formValue(values, 'ownerStaffId');
    try {
      await svc.addAction(ctx, id, {
        title: formValue(values, 'title'),
        ownerStaffId: owner ? Number(owner) : null,
        dueOn: dayValue(values, 'dueOn'),
      });
    } catch (e) {
      return detailPage(c, ctx, id, { action: { values, errors: formErrorsOf(e, FORM_STATUSES) } }, formErrorStatus(e));
    }
    flash(c, 'meetings.flash.action');
    return c.redirect(`/staff/meetings/${id}#actions`, 303);
  });

  app.post('/staff/meetings/actions/:id/done', async (c) => {
    const ctx = reader(c);
    const { values } = await readForm(c);
    const done = await svc.completeAction(ctx, rowIdParam(c), formValue(values, 'note'));
    flash(c, 'meetings.flash.actionDone');
    return c.redirect(`/staff/meetings/${done.meetingId}#action-${done.id}`, 303);
  });
}
