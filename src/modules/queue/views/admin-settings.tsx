import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { formatThaiDate } from '../../../core/thai/dates.js';
import { Button, ChoiceGroup, ErrorSummary, Form, PageHeader, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { StaffLayout } from '../../../core/ui/layouts.js';
import { SETTING_LIMITS } from '../service.js';
import { ADMIN_BASE, SectionNav } from './admin.js';

export const SETTINGS_PATH = `${ADMIN_BASE}/settings`;

/** Online tickets, the board and the kiosk, and the days the office is closed. */
export function SettingsPage(props: {
  holidays: { day: string; name: string }[];
  settingsValues: FormValues;
  settingsErrors: FieldError[];
  holidayValues: FormValues;
  holidayErrors: FieldError[];
}) {
  const t = useT();
  const v = props.settingsValues;
  return (
    <StaffLayout title={t('queue.admin.settings.title')} current={ADMIN_BASE}>
      <PageHeader title={t('queue.admin.settings.title')} lead={t('queue.admin.settings.lead')} />
      <SectionNav />
      <section class="panel" aria-labelledby="queue-settings">
        <h2 id="queue-settings">{t('queue.admin.settings.general')}</h2>
        <ErrorSummary errors={props.settingsErrors} />
        <Form action={SETTINGS_PATH}>
          <ChoiceGroup
            kind="checkbox"
            name="allowOnline"
            label="queue.fields.allowOnline"
            hint="queue.admin.settings.onlineHint"
            value={v.allowOnline ?? []}
            options={[{ value: 'yes', text: t('queue.admin.settings.onlineYes') }]}
          />
          <TextField
            name="boardRecent"
            label="queue.fields.boardRecent"
            type="number"
            inputmode="numeric"
            width="xs"
            hint={t('queue.admin.settings.range', { min: SETTING_LIMITS.boardRecent[0], max: SETTING_LIMITS.boardRecent[1] })}
            value={formValue(v, 'boardRecent')}
            errors={props.settingsErrors}
          />
          <TextField
            name="kioskReturnSeconds"
            label="queue.fields.kioskReturnSeconds"
            type="number"
            inputmode="numeric"
            width="xs"
            hint={t('queue.admin.settings.range', {
              min: SETTING_LIMITS.kioskReturnSeconds[0],
              max: SETTING_LIMITS.kioskReturnSeconds[1],
            })}
            value={formValue(v, 'kioskReturnSeconds')}
            errors={props.settingsErrors}
          />
          <Button>{t('core.actions.save')}</Button>
        </Form>
      </section>
      <section class="panel" aria-labelledby="queue-holidays">
        <h2 id="queue-holidays">{t('queue.admin.settings.holidays')}</h2>
        <p>{t('queue.admin.settings.holidaysLead')}</p>
        {props.holidays.length === 0 ? (
          <p class="muted">{t('queue.admin.settings.noHolidays')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">{t('queue.admin.settings.holidays')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.fields.holidayDay')}</th>
                  <th scope="col">{t('queue.fields.holidayName')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('queue.admin.settings.remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.holidays.map((h) => (
                  <tr>
                    <td class="nowrap">{formatThaiDate(new Date(`${h.day}T12:00:00+07:00`), { style: 'full' })}</td>
                    <td>{h.name}</td>
                    <td>
                      <Form action={`${SETTINGS_PATH}/holidays/${h.day}/remove`} class="inline-form">
                        <Button variant="secondary">{t('queue.admin.settings.removeNamed', { name: h.name })}</Button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t('queue.admin.settings.addHoliday')}</h3>
        <ErrorSummary errors={props.holidayErrors} />
        <Form action={`${SETTINGS_PATH}/holidays`}>
          <TextField
            name="day"
            label="queue.fields.holidayDay"
            type="date"
            width="s"
            value={formValue(props.holidayValues, 'day')}
            errors={props.holidayErrors}
          />
          <TextField
            name="name"
            label="queue.fields.holidayName"
            value={formValue(props.holidayValues, 'name')}
            errors={props.holidayErrors}
          />
          <Button icon="plus">{t('queue.admin.settings.addHoliday')}</Button>
        </Form>
      </section>
    </StaffLayout>
  );
}
