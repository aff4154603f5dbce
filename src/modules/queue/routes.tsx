import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, ValidationError } from '../../core/http/errors.js';
import { readForm } from '../../core/http/forms.js';
import { parseRowId, rowIdParam } from '../../core/http/ids.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { adminRoutes } from './admin-routes.js';
import { boardRoutes } from './board-routes.js';
import { queuePolicy } from './policy.js';
import { publicRoutes } from './public-routes.js';
import {
  callNext,
  callTicket,
  currentTicket,
  finish,
  listCounters,
  listPriorityGroups,
  listServices,
  listWaiting,
  noShow,
  pauseCounter,
  recall,
  resumeCounter,
  startServing,
  transfer,
} from './service.js';
import { statsRoutes } from './stats-routes.js';
import { CounterPage } from './views/counter-page.js';

type Action = 'call' | 'call-ticket' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume';
const FLASH: Record<Action, string> = {
  call: 'queue.flash.called',
  'call-ticket': 'queue.flash.calledOutOfOrder',
  recall: 'queue.flash.recalled',
  start: 'queue.flash.serving',
  finish: 'queue.flash.finished',
  'no-show': 'queue.flash.noShow',
  transfer: 'queue.flash.transferred',
  pause: 'queue.flash.paused',
  resume: 'queue.flash.resumed',
};

export function routes(app: Hono<AppEnv>) {
  adminRoutes(app);
  boardRoutes(app);
  publicRoutes(app);
  statsRoutes(app);
  const page = async (c: AppContext, counterId: number | null, notice: string | null, errors: FieldError[], status = 200) => {
    ensureAllowed(queuePolicy.serve(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const [counters, services, groups] = await Promise.all([listCounters(ctx), listServices(ctx), listPriorityGroups(ctx)]);
    const mine = counters.find((x) => x.staffUserId === ctx.actor?.userId);
    const counter = counters.find((x) => x.id === counterId) ?? mine ?? counters[0] ?? null;
    const [current, waiting] = counter
      ? await Promise.all([currentTicket(ctx, counter.id), listWaiting(ctx, counter.serviceIds, counter.id)])
      : [null, []];
    return renderPage(
      c,
      <CounterPage
        counters={counters}
        counter={counter}
        current={current}
        waiting={waiting}
        services={services.map((s) => s.service)}
        groups={groups}
        notice={notice}
        errors={errors}
      />,
      status,
    );
  };

  app.get('/staff/queue', (c) => page(c, parseRowId(c.req.query('counter')), null, []));

  app.post('/staff/queue/:id/:action{call|call-ticket|recall|start|finish|no-show|transfer|pause|resume}', async (c) => {
    ensureAllowed(queuePolicy.serve(c.get('actor')), !!c.get('actor'));
    const counterId = rowIdParam(c);
    const action = c.req.param('action') as Action;
    const { values } = await readForm(c);
    const field = (k: string) => {
      const v = values[k];
      return typeof v === 'string' ? v : '';
    };
    const ctx = serviceContext(c);
    const ticketId = () => {
      const id = parseRowId(field('ticketId'));
      if (id === null) throw new AppError(404, 'not_found', 'queue.errors.unknownTicket');
      return id;
    };
    try {
      switch (action) {
        case 'call':
          await callNext(ctx, counterId);
          break;
        case 'recall':
          await recall(ctx, ticketId());
          break;
        case 'start':
          await startServing(ctx, ticketId());
          break;
        case 'finish':
          await finish(ctx, ticketId());
          break;
        case 'no-show':
          await noShow(ctx, ticketId());
          break;
        case 'call-ticket': {
          const id = ticketId();
          try {
            await callTicket(ctx, counterId, id, field(`reason_${id}`));
          } catch (e) {
            // The reason field of that row.
            if (e instanceof ValidationError) throw new ValidationError(e.fields.map((f) => ({ ...f, field: `reason_${id}` })));
            throw e;
          }
          break;
        }
        case 'transfer': {
          const [kind, raw] = field('to').split(':');
          const target = parseRowId(raw ?? '');
          if (target === null || (kind !== 'service' && kind !== 'counter')) {
            throw new ValidationError([{ field: 'to', label: 'queue.fields.transferTo', message: 'core.validation.choose' }]);
          }
          try {
            await transfer(ctx, ticketId(), {
              serviceId: kind === 'service' ? target : null,
              counterId: kind === 'counter' ? target : null,
              reason: field('transferReason'),
            });
          } catch (e) {
            if (e instanceof ValidationError) {
              throw new ValidationError(e.fields.map((f) => ({ ...f, field: f.field === 'reason' ? 'transferReason' : 'to' })));
            }
            throw e;
          }
          break;
        }
        case 'pause':
          await pauseCounter(ctx, counterId, field('reason'));
          break;
        case 'resume':
          await resumeCounter(ctx, counterId);
          break;
      }
    } catch (e) {
      if (e instanceof ValidationError) return page(c, counterId, null, e.fields, 422);
      if (e instanceof AppError && e.status !== 401 && e.status !== 403) {
        return page(c, counterId, c.get('t')(e.messageKey, e.params), [], e.status);
      }
      throw e;
    }
    flash(c, FLASH[action]);
    return c.redirect(`/staff/queue?counter=${counterId}`, 303);
  });
}
