import type { FieldError } from '../../../core/http/errors.js';
import { bangkokDate, formatNumber, formatThaiDate, parseIsoDay } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Button, ErrorSummary, Form, PageHeader, TextArea, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import type { ScreeningNote } from '../service.js';
import { FrontdeskTabs } from './common.js';

/** A 'YYYY-MM-DD' Bangkok day as a Thai date (B.E.). */
export function thaiDay(day: string, style: 'long' | 'short' | 'full' = 'long'): string {
  const p = parseIsoDay(day);
  return p ? formatThaiDate(bangkokDate(p.year, p.month, p.day), { style }) : day;
}

export function ScreeningPage(props: {
  values: { day?: string; screened?: string; note?: string };
  errors: FieldError[];
  recent: ScreeningNote[];
  showReport: boolean;
}) {
  const t = useT();
  const v = props.values;
  return (
    <StaffLayout title={t('frontdesk.screening.title')} head={<link rel="stylesheet" href={assetUrl('frontdesk.css')} />}>
      <PageHeader title={t('frontdesk.screening.title')} lead={t('frontdesk.screening.lead')} />
      <FrontdeskTabs current="screening" showReport={props.showReport} />
      <ErrorSummary errors={props.errors} />
      <Form action="/staff/frontdesk/screening" class="fd-form">
        <div class="fd-when">
          <TextField name="day" type="date" label="frontdesk.fields.day" value={v.day ?? ''} errors={props.errors} width="m" />
          <TextField
            name="screened"
            type="text"
            inputmode="numeric"
            label="frontdesk.fields.screened"
            hint="frontdesk.hints.screened"
            value={v.screened ?? ''}
            errors={props.errors}
            width="s"
          />
        </div>
        <TextArea name="note" label="frontdesk.fields.note" value={v.note ?? ''} errors={props.errors} rows={3} />
        <div class="fd-submit">
          <Button icon="circle-check" class="fd-submit__button">
            {t('frontdesk.screening.submit')}
          </Button>
        </div>
      </Form>
      <h2 id="recent">{t('frontdesk.screening.recent')}</h2>
      {props.recent.length === 0 ? (
        <p class="muted">{t('frontdesk.log.none')}</p>
      ) : (
        <ul class="fd-notes">
          {props.recent.map((n) => (
            <li>
              <p class="fd-notes__head">
                <strong>{thaiDay(n.day, 'full')}</strong> · {t('frontdesk.screening.people', { n: formatNumber(n.screened) })}
              </p>
              <p>{n.note}</p>
            </li>
          ))}
        </ul>
      )}
    </StaffLayout>
  );
}

export function SettingsPage(props: { values: { retentionDays?: string }; errors: FieldError[] }) {
  const t = useT();
  return (
    <StaffLayout title={t('frontdesk.settings.title')}>
      <PageHeader title={t('frontdesk.settings.title')} lead={t('frontdesk.settings.lead')} />
      <ErrorSummary errors={props.errors} />
      <Form action="/staff/admin/frontdesk">
        <TextField
          name="retentionDays"
          type="text"
          inputmode="numeric"
          label="frontdesk.fields.retentionDays"
          hint="frontdesk.hints.retentionDays"
          value={props.values.retentionDays ?? ''}
          errors={props.errors}
          width="s"
        />
        <Button>{t('frontdesk.settings.submit')}</Button>
      </Form>
    </StaffLayout>
  );
}
