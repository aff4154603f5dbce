import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { ChoiceGroup, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import { TITLE_PREFIXES } from '../inputs.js';

/**
 * A person's name as Thai forms ask for it: คำนำหน้า (นาย/นาง/นางสาว, or another title such as
 * ว่าที่ร้อยตรี typed in), first name, last name.
 */
export function PersonNameFields({ values, errors }: { values: FormValues; errors: FieldError[] }) {
  const t = useT();
  const prefix = formValue(values, 'titlePrefix');
  const known = (TITLE_PREFIXES as readonly string[]).includes(prefix);
  return (
    <>
      <ChoiceGroup
        kind="radio"
        inline
        name="titlePrefix"
        label="staff.fields.titlePrefix"
        errors={errors}
        value={known ? prefix : prefix ? 'other' : ''}
        options={[...TITLE_PREFIXES.map((p) => ({ value: p, text: p })), { value: 'other', text: t('staff.fields.titleOther') }]}
      />
      <TextField
        name="titlePrefixOther"
        label="staff.fields.titleOtherText"
        hint="staff.fields.titleOtherHint"
        value={known ? '' : prefix === 'other' ? formValue(values, 'titlePrefixOther') : prefix}
        errors={errors}
        optional
        width="m"
      />
      <TextField
        name="firstName"
        label="staff.fields.firstName"
        value={formValue(values, 'firstName')}
        errors={errors}
        width="m"
        autocomplete="off"
      />
      <TextField
        name="lastName"
        label="staff.fields.lastName"
        value={formValue(values, 'lastName')}
        errors={errors}
        width="m"
        autocomplete="off"
      />
    </>
  );
}

/** The radio "other" choice is completed by the text field. */
export function resolveTitlePrefix(values: FormValues): FormValues {
  const prefix = formValue(values, 'titlePrefix');
  if (prefix === 'other') return { ...values, titlePrefix: formValue(values, 'titlePrefixOther') };
  return values;
}
