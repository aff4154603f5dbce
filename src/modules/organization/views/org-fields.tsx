import type { FieldError } from '../../../core/http/errors.js';
import { type FormValues, formValue } from '../../../core/http/forms.js';
import { ORG_TYPES } from '../../../core/tenancy/organization.js';
import { THAI_PROVINCES } from '../../../core/thai/provinces.js';
import { ChoiceGroup, SelectField, TextArea, TextField } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';

/** The organization's identity and contact fields, shared by setup and settings. */
export function OrgFields({ values, errors, section }: { values: FormValues; errors: FieldError[]; section: 'identity' | 'contact' }) {
  const t = useT();
  if (section === 'identity') {
    return (
      <>
        <ChoiceGroup
          kind="radio"
          name="type"
          label="organization.fields.type"
          errors={errors}
          value={formValue(values, 'type')}
          options={ORG_TYPES.map((type) => ({ value: type, text: t(`organization.types.${type}`) }))}
        />
        <TextField
          name="name"
          label="organization.fields.name"
          hint="organization.fields.nameHint"
          value={formValue(values, 'name')}
          errors={errors}
          width="l"
          lang="th"
        />
        <TextField
          name="nameEn"
          label="organization.fields.nameEn"
          hint="organization.fields.nameEnHint"
          value={formValue(values, 'nameEn')}
          errors={errors}
          optional
          width="l"
          lang="en"
        />
        <SelectField
          name="province"
          label="organization.fields.province"
          value={formValue(values, 'province')}
          errors={errors}
          placeholder="organization.choose"
          options={THAI_PROVINCES.map((p) => ({ value: p, text: p }))}
        />
        <TextField
          name="district"
          label="organization.fields.district"
          hint="organization.fields.districtHint"
          value={formValue(values, 'district')}
          errors={errors}
          width="m"
        />
        <TextField
          name="subdistrict"
          label="organization.fields.subdistrict"
          value={formValue(values, 'subdistrict')}
          errors={errors}
          optional
          width="m"
        />
        <TextField
          name="docCode"
          label="organization.fields.docCode"
          hint="organization.fields.docCodeHint"
          value={formValue(values, 'docCode')}
          errors={errors}
          width="s"
        />
      </>
    );
  }
  return (
    <>
      <TextArea
        name="address"
        label="organization.fields.address"
        hint="organization.fields.addressHint"
        value={formValue(values, 'address')}
        errors={errors}
        rows={3}
      />
      <TextField
        name="postcode"
        label="organization.fields.postcode"
        value={formValue(values, 'postcode')}
        errors={errors}
        optional
        width="xs"
        inputmode="numeric"
        autocomplete="postal-code"
      />
      <TextField
        name="phone"
        label="organization.fields.phone"
        value={formValue(values, 'phone')}
        errors={errors}
        optional
        width="m"
        type="tel"
        autocomplete="tel"
      />
      <TextField
        name="email"
        label="organization.fields.email"
        value={formValue(values, 'email')}
        errors={errors}
        optional
        width="l"
        type="email"
        autocomplete="email"
        spellcheck={false}
      />
      <TextField
        name="website"
        label="organization.fields.website"
        value={formValue(values, 'website')}
        errors={errors}
        optional
        width="l"
        type="url"
        spellcheck={false}
      />
    </>
  );
}
