import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ServiceContext } from '../../core/context.js';
import { MemoPreview } from '../../core/documents/html.js';
import { parseRowId } from '../../core/http/ids.js';
import { latestCase, type RoutingCase } from '../routing/service.js';
import { buildReportMemo, checkReportVersion, loadReport, REPORT_ENTITY } from './service.js';
import { ReportWarnings } from './views/warnings.js';

/** What a reviewer sees on the routing page: the check's warnings and the document with the comments so far. */
export async function reportPreview(ctx: ServiceContext, c: RoutingCase): Promise<JSX.Element | null> {
  const id = parseRowId(c.entityId);
  if (id === null) return null;
  // The routing page shows this only to those taking part in the case (getCase checked it).
  const report = await loadReport(ctx, id);
  const routed = await latestCase(ctx, REPORT_ENTITY, id);
  const steps = routed && routed.case.id === c.id ? routed.steps : [];
  const input = await buildReportMemo(ctx, report, steps);
  const warnings = await checkReportVersion(ctx, report);
  return (
    <div class="report-preview">
      <ReportWarnings warnings={warnings} headingLevel={3} />
      <MemoPreview input={input} />
    </div>
  ) as unknown as JSX.Element;
}
