import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, ValidationError } from '../../core/http/errors.js';
import { readForm } from '../../core/http/forms.js';
import { parseRowId, rowIdParam } from '../../core/http/ids.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { adminRoutes } from './admin-routes.js';
import { queuePolicy } from './policy.js';
import {
  callNext,
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
import { CounterPage } from './views/counter-page.js';

type Action = 'call' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume';
const FLASH: Record<Action, string> = {
  call: 'queue.flash.called',
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
  const page = async (c: AppContext, counterId: number | null, notice: string | null, errors: FieldError[], status = 200) => {
    ensureAllowed(queuePolicy.serve(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const [counters, services, groups] = await Promise.all([listCounters(ctx), listServices(ctx), listPriorityGroups(ctx)]);
    const mine = counters.find((x) => x.staffUserId === ctx.actor?.userId);
    const counter = counters.find((x) => x.id === counterId) ?? mine ?? counters[0] ?? null;
    const [current, waiting] = counter
      ? await Promise.all([currentTicket(ctx, counter.id), listWaiting(ctx, counter.serviceIds)])
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

  app.post('/staff/queue/:id/:action{call|recall|start|finish|no-show|transfer|pause|resume}', async (c) => {
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
        case 'transfer': {
          const serviceId = parseRowId(field('serviceId'));
          if (serviceId === null) {
            throw new ValidationError([{ field: 'serviceId', label: 'queue.fields.transferTo', message: 'core.validation.choose' }]);
          }
          await transfer(ctx, ticketId(), { serviceId, reason: field('reason') });
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
