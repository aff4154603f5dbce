import { Tag, type Tone } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import type { ReportStatus } from '../schema.js';

const TONES: Record<ReportStatus, Tone> = {
  draft: 'neutral',
  routing: 'info',
  returned: 'danger',
  signed: 'warning',
  published: 'success',
  superseded: 'neutral',
};

export function StatusTag(props: { status: ReportStatus }) {
  const t = useT();
  return <Tag tone={TONES[props.status]}>{t(`reports.status.${props.status}`)}</Tag>;
}
