import { z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { orgOf, serviceContext } from '../../core/http/env.js';
import { ensureAllowed, type FieldError } from '../../core/http/errors.js';
import { type FormValues, readForm, validateValues } from '../../core/http/forms.js';
import { parseThaiDateInput } from '../../core/thai/dates.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { registerPolicy } from './policy.js';
import { CIRCULAR_SERIES, listRegister, registerYearOf, reserveNumber } from './service.js';
import { RegisterPage } from './views/register-page.js';

const ReserveInput = z.object({
  series: z.enum(['normal', 'circular']),
  subject: z.string().trim().min(1).max(300),
  recipient: z.string().trim().max(200).optional(),
  documentDate: z.string().trim().max(40).optional(),
});
const labels = {
  series: 'register.series',
  subject: 'register.fields.subject',
  recipient: 'register.fields.recipient',
  documentDate: 'register.fields.documentDate',
};

export function routes(app: Hono<AppEnv>) {
  const page = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    ensureAllowed(registerPolicy.read(c.get('actor')), !!c.get('actor'));
    const ctx = serviceContext(c);
    const thisYear = registerYearOf(ctx.app.now());
    const year = Number(c.req.query('year')) || thisYear;
    const seriesParam = c.req.query('series') ?? '';
    const series = seriesParam === 'circular' ? CIRCULAR_SERIES : seriesParam === 'normal' ? '' : undefined;
    const before = Number(c.req.query('before')) || undefined;
    const { entries, nextBefore } = await listRegister(ctx, { year, series, before });
    const href = (b?: number) => {
      const q = new URLSearchParams({ year: String(year) });
      if (seriesParam) q.set('series', seriesParam);
      if (b) q.set('before', String(b));
      return `/staff/register?${q}`;
    };
    const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
    return renderPage(
      c,
      <RegisterPage
        docCode={orgOf(c).docCode}
        year={year}
        years={years.includes(year) ? years : [year, ...years]}
        series={seriesParam}
        entries={entries}
        nextHref={nextBefore ? href(nextBefore) : null}
        firstHref={before ? href() : null}
        values={values}
        errors={errors}
      />,
      errors.length ? 422 : 200,
    );
  };

  app.get('/staff/register', (c) => page(c, {}, []));

  app.post('/staff/register', async (c) => {
    ensureAllowed(registerPolicy.issue(c.get('actor')), !!c.get('actor'));
    const { values } = await readForm(c);
    const parsed = validateValues(ReserveInput, values, labels);
    if (!parsed.ok) return page(c, values, parsed.errors);
    const ctx = serviceContext(c);
    const date = parsed.data.documentDate ? parseThaiDateInput(parsed.data.documentDate) : ctx.app.now();
    if (!date) {
      return page(c, values, [{ field: 'documentDate', label: 'register.fields.documentDate', message: 'register.dateInvalid' }]);
    }
    await reserveNumber(
      ctx,
      {
        series: parsed.data.series === 'circular' ? CIRCULAR_SERIES : '',
        documentDate: date,
        subject: parsed.data.subject,
        recipient: parsed.data.recipient,
      },
      orgOf(c).docCode,
    );
    flash(c, 'register.taken');
    return c.redirect(`/staff/register?year=${registerYearOf(date)}`, 303);
  });
}
