import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound, ValidationError } from '../../core/http/errors.js';
import { type FormValues, formValue, readForm } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { fullName, staffOfUser } from '../staff/service.js';
import { routingPolicy } from './policy.js';
import { caseHref, DECISIONS, type Decision, decide, getCase, listInbox } from './service.js';
import { RoutingCasePage } from './views/case.js';
import { RoutingInboxPage } from './views/inbox.js';

const idParam = (c: AppContext, name: string) => rowIdParam(c, name);

export function routes(app: Hono<AppEnv>) {
  app.get('/staff/routing', async (c) => {
    ensureAllowed(routingPolicy.useInbox(c.get('actor')), !!c.get('actor'));
    return renderPage(c, <RoutingInboxPage inbox={await listInbox(serviceContext(c))} />);
  });

  const casePage = async (c: AppContext, caseId: number, values: FormValues, errors: FieldError[]) => {
    ensureAllowed(!!c.get('actor'), false);
    const ctx = serviceContext(c);
    const detail = await getCase(ctx, caseId);
    let preview: Child | null = null;
    if (detail.kind?.preview) {
      try {
        preview = await detail.kind.preview(ctx, detail.case);
      } catch (e) {
        ctx.app.log.error({ err: e, caseId }, 'routing preview failed');
      }
    }
    const actor = c.get('actor');
    const me = detail.myStep && actor ? await staffOfUser(ctx, actor.userId) : null;
    return renderPage(
      c,
      <RoutingCasePage
        detail={detail}
        preview={preview}
        signerName={me ? fullName(me) : (detail.myStep?.assigneeName ?? null)}
        values={values}
        errors={errors}
      />,
      errors.length ? 422 : 200,
    );
  };

  app.get('/staff/routing/:caseId{[0-9]+}', (c) => casePage(c, idParam(c, 'caseId'), {}, []));

  app.post('/staff/routing/:caseId{[0-9]+}/steps/:stepId{[0-9]+}', async (c) => {
    ensureAllowed(routingPolicy.decide(c.get('actor')), !!c.get('actor'));
    const caseId = idParam(c, 'caseId');
    const stepId = idParam(c, 'stepId');
    const { values } = await readForm(c);
    const decision = formValue(values, 'decision');
    try {
      const ctx = serviceContext(c);
      // The step must belong to this case: a form for one case cannot sign another's step.
      const detail = await getCase(ctx, caseId);
      if (!detail.steps.some((s) => s.id === stepId)) throw notFound();
      await decide(ctx, stepId, {
        decision: ((DECISIONS as readonly string[]).includes(decision) ? decision : '') as Decision,
        comment: formValue(values, 'comment'),
        reason: formValue(values, 'reason'),
        signatureName: formValue(values, 'signatureName'),
      });
    } catch (e) {
      if (e instanceof ValidationError) return casePage(c, caseId, values, e.fields);
      // Signed or returned meanwhile (another tab, a double tap on a phone): show the case as it is now.
      if (e instanceof AppError && e.status === 409) {
        flash(c, 'routing.errors.notActive');
        return c.redirect(caseHref(caseId), 303);
      }
      throw e;
    }
    flash(c, decision === 'return' ? 'routing.flash.returned' : 'routing.flash.signed');
    return c.redirect(caseHref(caseId), 303);
  });
}
