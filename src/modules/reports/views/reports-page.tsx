import { Button, Form, PageHeader, Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { PlanReports } from '../service.js';
import { StatusTag } from './status.js';

/** Every plan's report: its newest version and a way in. */
export function ReportsPage(props: { plans: PlanReports[]; canCoordinate: boolean }) {
  const t = useT();
  return (
    <StaffLayout title={t('reports.nav')} current="/staff/reports">
      <PageHeader title={t('reports.title')} lead={t('reports.lead')} />
      {props.plans.length === 0 ? <p>{t('reports.noPlans')}</p> : null}
      {props.plans.map(({ plan, versions }) => {
        const latest = versions[0];
        return (
          <section class="panel" aria-labelledby={`plan-${plan.id}`}>
            <h2 id={`plan-${plan.id}`}>{t('reports.planYear', { year: plan.fiscalYear })}</h2>
            {latest ? (
              <p>
                <a href={`/staff/reports/${latest.id}`}>{t('reports.versionN', { version: latest.version })}</a>{' '}
                <StatusTag status={latest.status} />
              </p>
            ) : (
              <p class="muted">{t('reports.noVersions')}</p>
            )}
            {!latest && props.canCoordinate ? (
              <Form action={`/staff/reports/plans/${plan.id}/start`}>
                <Button icon="plus">{t('reports.start')}</Button>
              </Form>
            ) : null}
            {versions.length > 1 ? (
              <p class="muted">
                {versions.slice(1).map((v) => (
                  <span>
                    <a href={`/staff/reports/${v.id}`}>{t('reports.versionN', { version: v.version })}</a>{' '}
                    <Tag tone="neutral" icon={false}>
                      {t(`reports.status.${v.status}`)}
                    </Tag>{' '}
                  </span>
                ))}
              </p>
            ) : null}
          </section>
        );
      })}
    </StaffLayout>
  );
}
