import { Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import type { CaseStatus, StepStatus } from '../schema.js';

const CASE_TONE = { in_progress: 'info', returned: 'danger', completed: 'success', withdrawn: 'neutral' } as const;
const STEP_TONE = { waiting: 'neutral', active: 'warning', signed: 'success', returned: 'danger', cancelled: 'neutral' } as const;

/** A case's state in words (never colour alone). */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const t = useT();
  return <Tag tone={CASE_TONE[status] ?? 'neutral'}>{t(`routing.status.${status}`)}</Tag>;
}

export function StepStatusTag({ status }: { status: StepStatus }) {
  const t = useT();
  return <Tag tone={STEP_TONE[status] ?? 'neutral'}>{t(`routing.stepStatus.${status}`)}</Tag>;
}
