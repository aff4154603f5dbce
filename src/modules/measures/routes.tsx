import { z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { ServiceContext } from '../../core/context.js';
import type { AppContext, AppEnv } from '../../core/http/env.js';
import { serviceContext } from '../../core/http/env.js';
import { AppError, ensureAllowed, type FieldError, notFound } from '../../core/http/errors.js';
import { type FormValues, readForm, validateValues } from '../../core/http/forms.js';
import { rowIdParam } from '../../core/http/ids.js';
import { linesOf } from '../../core/http/lines.js';
import { serveStoredFile } from '../../core/http/serve-file.js';
import { bahtAmount } from '../../core/http/validation.js';
import { readFileBytes } from '../../core/storage/files.js';
import { megabytes } from '../../core/storage/store.js';
import { bangkokIsoDay } from '../../core/thai/bangkok.js';
import { fiscalYearOf, formatSatang, parseThaiDateInput } from '../../core/thai/index.js';
import { flash } from '../../core/ui/flash.js';
import { renderPage } from '../../core/ui/render.js';
import { listDivisions, listStaff } from '../staff/service.js';
import { measuresPolicy } from './policy.js';
import { MEASURE_STATUSES } from './schema.js';
import * as svc from './service.js';
import { type Choices, MeasurePage, type MeasurePageProps, NewMeasurePage, PlanPage, PlansPage } from './views/pages.js';

const idParam = (c: AppContext) => rowIdParam(c);

function reader(c: AppContext): ServiceContext {
  ensureAllowed(measuresPolicy.read(c.get('actor')), !!c.get('actor'));
  return serviceContext(c);
}

function fieldErrorsOf(e: unknown): FieldError[] {
  if (e instanceof AppError && e.fields.length > 0) return e.fields;
  throw e;
}

const ids = (a: string[] | undefined) => (a ?? []).filter(Boolean).map(Number);

const PlanInput = z.object({ fiscalYear: z.coerce.number().int().min(2500).max(2700), origin: z.enum(svc.PLAN_ORIGINS) });
const ItaInput = z.object({
  indicator: z.string().max(20),
  name: z.string().max(300),
  score: z.coerce.number().min(0).max(100).optional(),
  weakPoints: z.string().max(5000).optional(),
});
const MeasureFormInput = z
  .object({
    number: z.coerce.number().int().min(1).max(999),
    title: z.string().max(2000),
    titleDetails: z.string().max(5000).optional(),
    rationale: z.string().max(5000).optional(),
    methods: z.string().max(10000).optional(),
    responsibleText: z.string().max(500).optional(),
    divisionIds: z.array(z.string()).optional(),
    staffIds: z.array(z.string()).optional(),
    weaknessIds: z.array(z.string()).optional(),
    startsOn: z.iso.date().optional(),
    endsOn: z.iso.date().optional(),
    budgetKind: z.enum(['none', 'amount']),
    /** Baht as typed ("5,000", "5000.50"): becomes integer satang. */
    budget: bahtAmount(svc.MAX_BUDGET_SATANG).optional(),
    successIndicator: z.string().max(5000).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.budgetKind === 'amount' && d.budget === undefined)
      ctx.addIssue({ code: 'custom', path: ['budget'], message: 'core.validation.required' });
  });
const ImplementationInput = z.object({
  status: z.enum(MEASURE_STATUSES),
  resultsSummary: z.string().max(20000).optional(),
  outcome: z.string().max(5000).optional(),
  checkpoint6: z.string().max(10000).optional(),
  checkpoint12: z.string().max(10000).optional(),
});
const ProgressInput = z.object({ happenedOn: z.string().max(40), text: z.string().max(5000) });
const EvidenceForm = z.object({
  mode: z.enum(['file', 'link']),
  title: z.string().max(svc.EVIDENCE_TITLE_MAX),
  linkKind: z.enum(svc.LINK_KINDS).optional(),
  linkHref: z.string().max(svc.EVIDENCE_HREF_MAX).optional(),
  isPublic: z.array(z.string()).optional(),
});
const labels = {
  fiscalYear: 'measures.fields.fiscalYear',
  origin: 'measures.fields.origin',
  indicator: 'measures.ita.indicator',
  name: 'measures.ita.name',
  score: 'measures.ita.score',
  weakPoints: 'measures.ita.weakPoints',
  number: 'measures.fields.number',
  title: 'measures.fields.title',
  titleDetails: 'measures.fields.titleDetails',
  rationale: 'measures.fields.rationale',
  methods: 'measures.fields.methods',
  responsibleText: 'measures.fields.responsibleText',
  divisionIds: 'measures.fields.divisions',
  staffIds: 'measures.fields.people',
  weaknessIds: 'measures.fields.weaknesses',
  startsOn: 'measures.fields.startsOn',
  endsOn: 'measures.fields.endsOn',
  budgetKind: 'measures.fields.budgetKind',
  budget: 'measures.fields.budget',
  successIndicator: 'measures.fields.successIndicator',
  status: 'measures.fields.status',
  resultsSummary: 'measures.fields.resultsSummary',
  outcome: 'measures.fields.outcome',
  checkpoint6: 'measures.fields.checkpoint6',
  checkpoint12: 'measures.fields.checkpoint12',
  happenedOn: 'measures.progress.happenedOn',
  text: 'measures.progress.text',
  mode: 'measures.evidence.title',
  linkKind: 'measures.evidence.linkKind',
  linkHref: 'measures.evidence.linkHref',
};
const evidenceLabels = { ...labels, title: 'measures.evidence.evidenceTitle' };

function planFieldsOf(d: z.infer<typeof MeasureFormInput>): svc.MeasurePlanFields {
  return {
    number: d.number,
    title: d.title,
    titleDetails: linesOf(d.titleDetails),
    rationale: d.rationale ?? '',
    methods: linesOf(d.methods),
    responsibleText: d.responsibleText ?? '',
    startsOn: d.startsOn ?? null,
    endsOn: d.endsOn ?? null,
    budgetSatang: d.budgetKind === 'none' ? null : (d.budget ?? null),
    successIndicator: d.successIndicator ?? '',
    divisionIds: ids(d.divisionIds),
    staffIds: ids(d.staffIds),
    weaknessIds: ids(d.weaknessIds),
  };
}

function editValuesOf(m: svc.MeasureDetail): FormValues {
  return {
    number: String(m.number),
    title: m.title,
    titleDetails: m.titleDetails.join('\n'),
    rationale: m.rationale,
    methods: m.methods.join('\n'),
    responsibleText: m.responsibleText,
    divisionIds: m.divisions.map((d) => String(d.id)),
    staffIds: m.people.map((p) => String(p.staffId)),
    weaknessIds: m.weaknesses.map((w) => String(w.id)),
    startsOn: m.startsOn ?? '',
    endsOn: m.endsOn ?? '',
    budgetKind: m.budgetSatang == null ? 'none' : 'amount',
    budget: m.budgetSatang == null ? '' : formatSatang(m.budgetSatang),
    successIndicator: m.successIndicator,
  };
}

function implementationValuesOf(m: svc.MeasureDetail): FormValues {
  return {
    status: m.status,
    resultsSummary: m.resultsSummary.join('\n'),
    outcome: m.outcome,
    checkpoint6: m.checkpoint6 ?? '',
    checkpoint12: m.checkpoint12 ?? '',
  };
}

async function choicesFor(ctx: ServiceContext, planId: number): Promise<Choices> {
  const [divs, people, weaknesses] = await Promise.all([listDivisions(ctx), listStaff(ctx, {}), svc.listItaResults(ctx, planId)]);
  return { divisions: divs.map((d) => ({ id: d.id, name: d.name })), people: people.map((p) => ({ id: p.id, name: p.name })), weaknesses };
}

export function routes(app: Hono<AppEnv>) {
  // ---------- plans ----------
  const plansPage = async (c: AppContext, values: FormValues, errors: FieldError[]) => {
    const ctx = reader(c);
    const plans = await svc.listPlans(ctx);
    const withCounts = await Promise.all(plans.map(async (p) => ({ ...p, count: (await svc.listMeasures(ctx, p.id)).length })));
    return renderPage(
      c,
      <PlansPage
        plans={withCounts}
        canCoordinate={measuresPolicy.coordinate(ctx.actor)}
        values={values}
        errors={errors}
        defaultYear={fiscalYearOf(ctx.app.now())}
      />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/measures', (c) => plansPage(c, {}, []));
  app.post('/staff/measures/plans', async (c) => {
    const ctx = reader(c);
    ensureAllowed(measuresPolicy.coordinate(ctx.actor), true);
    const { values } = await readForm(c);
    const parsed = validateValues(PlanInput, values, labels);
    if (!parsed.ok) return plansPage(c, values, parsed.errors);
    let plan: svc.Plan;
    try {
      plan = await svc.createPlan(ctx, parsed.data);
    } catch (e) {
      return plansPage(c, values, fieldErrorsOf(e));
    }
    flash(c, 'measures.planCreated');
    return c.redirect(`/staff/measures/plans/${plan.id}`, 303);
  });

  const planPage = async (c: AppContext, id: number, values: FormValues, errors: FieldError[]) => {
    const ctx = reader(c);
    const plan = await svc.getPlan(ctx, id);
    const coordinator = measuresPolicy.coordinate(ctx.actor);
    const [ita, measures, missing] = await Promise.all([
      svc.listItaResults(ctx, plan.id),
      svc.listMeasures(ctx, plan.id),
      coordinator ? svc.missingOverview(ctx, plan.id) : Promise.resolve(null),
    ]);
    return renderPage(
      c,
      <PlanPage plan={plan} ita={ita} measures={measures} missing={missing} canCoordinate={coordinator} values={values} errors={errors} />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/measures/plans/:id', (c) => planPage(c, idParam(c), {}, []));
  app.post('/staff/measures/plans/:id/ita', async (c) => {
    const id = idParam(c);
    const ctx = reader(c);
    const { values } = await readForm(c);
    const parsed = validateValues(ItaInput, values, labels);
    if (!parsed.ok) return planPage(c, id, values, parsed.errors);
    try {
      await svc.saveItaResult(ctx, id, parsed.data);
    } catch (e) {
      return planPage(c, id, values, fieldErrorsOf(e));
    }
    flash(c, 'measures.ita.saved');
    return c.redirect(`/staff/measures/plans/${id}#ita`, 303);
  });
  app.post('/staff/measures/ita/:id/delete', async (c) => {
    const ctx = reader(c);
    const id = idParam(c);
    const [row] = (await svc.listPlans(ctx)).length ? await findIta(ctx, id) : [];
    if (!row) throw notFound();
    await svc.deleteItaResult(ctx, id);
    flash(c, 'measures.ita.removed');
    return c.redirect(`/staff/measures/plans/${row.planId}#ita`, 303);
  });

  // ---------- new measure ----------
  const newPage = async (c: AppContext, planId: number, values: FormValues, errors: FieldError[]) => {
    const ctx = reader(c);
    ensureAllowed(measuresPolicy.coordinate(ctx.actor), true);
    const plan = await svc.getPlan(ctx, planId);
    const next = (await svc.listMeasures(ctx, plan.id)).reduce((n, m) => Math.max(n, m.number), 0) + 1;
    return renderPage(
      c,
      <NewMeasurePage
        plan={plan}
        values={{ number: String(next), budgetKind: 'none', ...values }}
        errors={errors}
        choices={await choicesFor(ctx, plan.id)}
      />,
      errors.length ? 422 : 200,
    );
  };
  app.get('/staff/measures/plans/:id/new', (c) => newPage(c, idParam(c), {}, []));
  app.post('/staff/measures/plans/:id/new', async (c) => {
    const planId = idParam(c);
    const ctx = reader(c);
    ensureAllowed(measuresPolicy.coordinate(ctx.actor), true);
    const { values } = await readForm(c);
    const parsed = validateValues(MeasureFormInput, values, labels);
    if (!parsed.ok) return newPage(c, planId, values, parsed.errors);
    let m: svc.MeasureDetail;
    try {
      m = await svc.createMeasure(ctx, planId, planFieldsOf(parsed.data));
    } catch (e) {
      return newPage(c, planId, values, fieldErrorsOf(e));
    }
    flash(c, 'measures.measure.created');
    return c.redirect(`/staff/measures/${m.id}`, 303);
  });

  // ---------- one measure ----------
  const measurePage = async (c: AppContext, id: number, form?: MeasurePageProps['form']) => {
    const ctx = reader(c);
    const measure = await svc.getMeasure(ctx, id);
    const plan = await svc.getPlan(ctx, measure.planId);
    const now = ctx.app.now();
    const { six, twelve } = svc.checkpointDates(plan.fiscalYear);
    const coordinator = measuresPolicy.coordinate(ctx.actor);
    const [progress, evidence, choices, canUpdate] = await Promise.all([
      svc.listProgress(ctx, id),
      svc.listEvidence(ctx, id),
      coordinator ? choicesFor(ctx, plan.id) : Promise.resolve({ divisions: [], people: [], weaknesses: [] }),
      svc.canUpdate(ctx, measure),
    ]);
    // After a stale save the form shows the newer values, with the version just read.
    const status = form?.stale
      ? 409
      : form?.errors.length
        ? form.errors.some((e) => e.message === 'measures.errors.fileTooLarge')
          ? 413
          : 422
        : 200;
    return renderPage(
      c,
      <MeasurePage
        plan={plan}
        measure={measure}
        progress={progress}
        evidence={evidence}
        checkpoints={{
          six: { state: svc.checkpointState(measure.checkpoint6, six, now), due: six },
          twelve: { state: svc.checkpointState(measure.checkpoint12, twelve, now), due: twelve },
        }}
        canCoordinate={coordinator}
        canUpdate={canUpdate}
        form={form?.stale ? { ...form, values: form.name === 'edit' ? editValuesOf(measure) : implementationValuesOf(measure) } : form}
        editValues={editValuesOf(measure)}
        implementationValues={implementationValuesOf(measure)}
        choices={choices}
        maxMb={megabytes(svc.EVIDENCE_MAX_BYTES)}
      />,
      status,
    );
  };
  app.get('/staff/measures/:id', (c) => measurePage(c, idParam(c)));

  const versionOf = (values: FormValues) => Number(values.version ?? 0) || 0;
  const isStale = (e: unknown) => e instanceof AppError && e.status === 409 && e.messageKey === 'measures.errors.stale';

  app.post('/staff/measures/:id/edit', async (c) => {
    const id = idParam(c);
    const ctx = reader(c);
    ensureAllowed(measuresPolicy.coordinate(ctx.actor), true);
    const { values } = await readForm(c);
    const parsed = validateValues(MeasureFormInput, values, labels);
    if (!parsed.ok) return measurePage(c, id, { name: 'edit', values, errors: parsed.errors });
    try {
      await svc.updateMeasure(ctx, id, versionOf(values), planFieldsOf(parsed.data));
    } catch (e) {
      if (isStale(e)) return measurePage(c, id, { name: 'edit', values, errors: [], stale: true });
      return measurePage(c, id, { name: 'edit', values, errors: fieldErrorsOf(e) });
    }
    flash(c, 'measures.measure.saved');
    return c.redirect(`/staff/measures/${id}`, 303);
  });

  app.post('/staff/measures/:id/implementation', async (c) => {
    const id = idParam(c);
    const ctx = reader(c);
    const { values } = await readForm(c);
    const parsed = validateValues(ImplementationInput, values, labels);
    if (!parsed.ok) return measurePage(c, id, { name: 'implementation', values, errors: parsed.errors });
    const d = parsed.data;
    try {
      await svc.updateMeasure(ctx, id, versionOf(values), {
        status: d.status,
        resultsSummary: linesOf(d.resultsSummary),
        outcome: d.outcome ?? '',
        checkpoint6: d.checkpoint6 ?? null,
        checkpoint12: d.checkpoint12 ?? null,
      });
    } catch (e) {
      if (isStale(e)) return measurePage(c, id, { name: 'implementation', values, errors: [], stale: true });
      return measurePage(c, id, { name: 'implementation', values, errors: fieldErrorsOf(e) });
    }
    flash(c, 'measures.measure.saved');
    return c.redirect(`/staff/measures/${id}#implementation`, 303);
  });

  app.post('/staff/measures/:id/progress', async (c) => {
    const id = idParam(c);
    const ctx = reader(c);
    const { values } = await readForm(c);
    const parsed = validateValues(ProgressInput, values, labels);
    if (!parsed.ok) return measurePage(c, id, { name: 'progress', values, errors: parsed.errors });
    const date = parseThaiDateInput(parsed.data.happenedOn);
    if (!date) {
      return measurePage(c, id, {
        name: 'progress',
        values,
        errors: [{ field: 'happenedOn', label: 'measures.progress.happenedOn', message: 'measures.errors.date' }],
      });
    }
    try {
      await svc.addProgress(ctx, id, { happenedOn: bangkokIsoDay(date), text: parsed.data.text });
    } catch (e) {
      return measurePage(c, id, { name: 'progress', values, errors: fieldErrorsOf(e) });
    }
    flash(c, 'measures.progress.added');
    return c.redirect(`/staff/measures/${id}#progress`, 303);
  });

  app.post('/staff/measures/:id/evidence', async (c) => {
    const id = idParam(c);
    const ctx = reader(c);
    const { values, files } = await readForm(c);
    const parsed = validateValues(EvidenceForm, values, evidenceLabels);
    const mode = values.mode === 'link' ? 'link' : 'file';
    if (!parsed.ok) return measurePage(c, id, { name: mode, values, errors: parsed.errors });
    const d = parsed.data;
    const isPublic = (d.isPublic ?? []).includes('yes');
    try {
      if (d.mode === 'file') {
        const f = files.file;
        if (!f)
          return measurePage(c, id, {
            name: 'file',
            values,
            errors: [{ field: 'file', label: 'measures.evidence.file', message: 'measures.errors.fileEmpty' }],
          });
        await svc.attachEvidence(ctx, id, {
          title: d.title,
          isPublic,
          file: { bytes: new Uint8Array(await f.arrayBuffer()), name: f.name },
        });
      } else {
        if (!d.linkHref) {
          return measurePage(c, id, {
            name: 'link',
            values,
            errors: [{ field: 'linkHref', label: 'measures.evidence.linkHref', message: 'measures.errors.required' }],
          });
        }
        await svc.attachEvidence(ctx, id, { title: d.title, isPublic, link: { kind: d.linkKind ?? 'other', href: d.linkHref } });
      }
    } catch (e) {
      return measurePage(c, id, { name: mode, values, errors: fieldErrorsOf(e) });
    }
    flash(c, 'measures.evidence.added');
    return c.redirect(`/staff/measures/${id}#evidence`, 303);
  });

  app.post('/staff/measures/evidence/:id/delete', async (c) => {
    const ctx = reader(c);
    const ev = await svc.getEvidence(ctx, idParam(c));
    await svc.removeEvidence(ctx, ev.id);
    flash(c, 'measures.evidence.removed');
    return c.redirect(`/staff/measures/${ev.measureId}#evidence`, 303);
  });

  /** Evidence files are served to signed-in staff of the organization only. */
  app.get('/staff/measures/evidence/:id/file', async (c) => {
    const ctx = reader(c);
    ensureAllowed(measuresPolicy.readFiles(ctx.actor), true);
    const ev = await svc.getEvidence(ctx, idParam(c));
    if (!ev.fileId) throw notFound();
    const { file, bytes } = await readFileBytes(ctx, ev.fileId);
    return serveStoredFile(c, file, bytes);
  });
}

async function findIta(ctx: ServiceContext, id: number) {
  const plans = await svc.listPlans(ctx);
  for (const p of plans) {
    const r = (await svc.listItaResults(ctx, p.id)).find((x) => x.id === id);
    if (r) return [r];
  }
  return [];
}
