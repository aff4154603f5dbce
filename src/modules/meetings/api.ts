import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, idPathParams, RowId, security } from '../../core/api/schemas.js';
import type { AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { renderInvitation, renderMinutes } from './pdf.js';
import { MEETING_KINDS, MEETING_STATUSES } from './schema.js';
import * as svc from './service.js';

const MeetingSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(MEETING_KINDS),
    fiscalYear: z.number().int().openapi({ example: 2567 }),
    title: z.string(),
    purpose: z.string().nullable(),
    startsAt: z.string().openapi({ format: 'date-time' }),
    endsAt: z.string().nullable().openapi({ format: 'date-time' }),
    place: z.string(),
    agenda: z.array(
      z.object({
        title: z.string(),
        detail: z.string().optional(),
        discussion: z.string().optional(),
        resolution: z.string().optional(),
      }),
    ),
    status: z.enum(MEETING_STATUSES),
    registerEntryId: z.number().int().nullable(),
    invitationUrl: z.string().nullable(),
    minutesUrl: z.string().nullable(),
    minutesSha256: z.string().nullable(),
    publishToPublic: z.boolean(),
    publicationId: z.number().int().nullable(),
  })
  .openapi('Meeting');

function meetingJson(m: svc.Meeting) {
  return {
    id: m.id,
    kind: m.kind,
    fiscalYear: m.fiscalYear,
    title: m.title,
    purpose: m.purpose,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt ? m.endsAt.toISOString() : null,
    place: m.place,
    agenda: m.agenda,
    status: m.status,
    registerEntryId: m.registerEntryId,
    invitationUrl: m.invitationFileId ? `/staff/meetings/${m.id}/invitation.pdf` : null,
    minutesUrl: m.minutesFileId ? `/staff/meetings/${m.id}/minutes.pdf` : null,
    minutesSha256: m.minutesSha256,
    publishToPublic: m.publishToPublic,
    publicationId: m.publicationId,
  };
}

const notFound404 = { description: 'No such meeting in this organization', content: { 'application/json': { schema: ErrorSchema } } };
const conflict409 = {
  description: 'The meeting is closed (minutes frozen) or no longer takes opinions',
  content: { 'application/json': { schema: ErrorSchema } },
};
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const createMeetingRoute = createRoute({
  method: 'post',
  path: '/meetings',
  operationId: 'meetings.create',
  tags: ['meetings'],
  summary:
    'Create a meeting (internal opinion exchange or stakeholder meeting) with its agenda and invitees; takes an outgoing number and renders the invitation PDF (admin, ITA coordinator, executives)',
  security,
  request: {
    body: json(
      z.object({
        kind: z.enum(MEETING_KINDS),
        title: z.string().openapi({ example: 'การประชุมแลกเปลี่ยนความคิดเห็นของบุคลากร' }),
        purpose: z.string().nullable().optional(),
        day: z.string().openapi({ format: 'date', example: '2024-03-15' }),
        startTime: z.string().openapi({ example: '09:30' }),
        endTime: z.string().nullable().optional().openapi({ example: '12:00' }),
        place: z.string().openapi({ example: 'ห้องประชุมองค์การบริหารส่วนตำบล' }),
        agenda: z.array(z.object({ title: z.string(), detail: z.string().nullable().optional() })),
        chairName: z.string().nullable().optional(),
        chairPosition: z.string().nullable().optional(),
        recorderName: z.string().nullable().optional(),
        recorderPosition: z.string().nullable().optional(),
        audience: z
          .enum(svc.AUDIENCES)
          .openapi({ description: 'Staff invited: all, the staff of divisionIds, the people staffIds, or none' }),
        divisionIds: z.array(RowId).optional(),
        staffIds: z.array(RowId).optional(),
        outside: z
          .array(z.object({ name: z.string(), affiliation: z.string().nullable().optional(), contact: z.string().nullable().optional() }))
          .optional()
          .openapi({ description: 'Outside stakeholders: minimal personal data' }),
        publishToPublic: z.boolean().optional(),
      }),
    ),
  },
  responses: {
    201: { description: 'The meeting', content: { 'application/json': { schema: MeetingSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    422: errorResponses[422],
  },
});

const attendanceRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/attendance',
  operationId: 'meetings.recordAttendance',
  tags: ['meetings'],
  summary: 'Record who came and who did not (with the reason), and people who came uninvited; a planned meeting becomes held',
  security,
  request: {
    params: idPathParams(3),
    body: json(
      z.object({
        entries: z.array(
          z.object({
            inviteeId: RowId,
            attended: z.boolean().nullable(),
            note: z.string().nullable().optional().openapi({ example: 'ลาป่วย' }),
          }),
        ),
        walkIns: z.array(z.object({ name: z.string(), affiliation: z.string().nullable().optional() })).optional(),
      }),
    ),
  },
  responses: {
    200: { description: 'The meeting', content: { 'application/json': { schema: MeetingSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFound404,
    409: conflict409,
    422: errorResponses[422],
  },
});

const opinionRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/opinions',
  operationId: 'meetings.addOpinion',
  tags: ['meetings'],
  summary:
    'Give an opinion before or during the meeting (any staff member; anonymous: no author stored and an anonymous audit entry), or record one raised in the meeting (during: organizers, with the speaker’s name if given)',
  security,
  request: {
    params: idPathParams(3),
    body: json(
      z.object({
        text: z.string(),
        agendaIndex: z
          .number()
          .int()
          .min(0)
          .nullable()
          .optional()
          .openapi({ description: '0-based agenda item; null for the whole meeting' }),
        anonymous: z.boolean().optional(),
        during: z.boolean().optional(),
        authorName: z.string().nullable().optional(),
      }),
    ),
  },
  responses: {
    201: { description: 'The opinion was recorded', content: { 'application/json': { schema: z.object({ id: z.number().int() }) } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFound404,
    409: conflict409,
    422: errorResponses[422],
  },
});

const minutesRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/minutes',
  operationId: 'meetings.minutes',
  tags: ['meetings'],
  summary:
    'Save the minutes (discussion and resolution per agenda item, start and end times); with close, render รายงานการประชุม as PDF, freeze it with its sha256, close the meeting and — when chosen — publish it (OIT participation)',
  security,
  request: {
    params: idPathParams(3),
    body: json(
      z.object({
        items: z.array(z.object({ discussion: z.string().nullable().optional(), resolution: z.string().nullable().optional() })),
        startTime: z.string().nullable().optional().openapi({ example: '09:30' }),
        endTime: z.string().nullable().optional().openapi({ example: '12:00' }),
        close: z.boolean().optional(),
        publishToPublic: z.boolean().optional(),
      }),
    ),
  },
  responses: {
    200: { description: 'The meeting', content: { 'application/json': { schema: MeetingSchema } } },
    401: errorResponses[401],
    403: errorResponses[403],
    404: notFound404,
    409: conflict409,
    422: errorResponses[422],
  },
});

export function api(app: OpenAPIHono<AppEnv>) {
  app.openapi(createMeetingRoute, async (c) => {
    const m = await svc.createMeeting(serviceContext(c), c.req.valid('json'), renderInvitation);
    return c.json(meetingJson(m), 201);
  });
  app.openapi(attendanceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const m = await svc.recordAttendance(serviceContext(c), id, c.req.valid('json'));
    return c.json(meetingJson(m), 200);
  });
  app.openapi(opinionRoute, async (c) => {
    const { id } = c.req.valid('param');
    const r = await svc.addOpinion(serviceContext(c), id, c.req.valid('json'));
    return c.json(r, 201);
  });
  app.openapi(minutesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const m = await svc.saveMinutes(serviceContext(c), id, c.req.valid('json'), renderMinutes);
    return c.json(meetingJson(m), 200);
  });
}
