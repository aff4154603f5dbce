import type { Child } from 'hono/jsx';
import type { FieldError } from '../../../core/http/errors.js';
import { fieldId, Icon } from '../../../core/ui/components.js';
import { errorText, useT } from '../../../core/ui/context.js';

export interface TileOption {
  value: string;
  /** Already translated. */
  text: string;
}

/**
 * A radio or checkbox group drawn as large tiles (at least 56 px tall, the whole tile a target):
 * native inputs, so arrows, space and a screen reader work as usual. Optional sub-groups share
 * the one input name (one choice across "finish here / issue a ticket / send to …").
 */
export function Tiles(props: {
  kind: 'radio' | 'checkbox';
  name: string;
  /** Catalog key of the legend. */
  label: string;
  hint?: string;
  errors: FieldError[];
  /** Field names whose errors are shown on this group. */
  errorFields?: string[];
  value: string | string[] | null;
  groups: { title?: string; options: TileOption[]; wide?: boolean }[];
  size?: 'l' | 'm';
}) {
  const t = useT();
  const id = fieldId(props.name);
  const fields = props.errorFields ?? [props.name];
  const errors = props.errors.filter((e) => fields.includes(e.field));
  const selected = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  const inputName = props.kind === 'checkbox' ? `${props.name}[]` : props.name;
  const describedBy = [props.hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  let i = 0;
  return (
    <div class={`field${errors.length ? ' field--error' : ''}`}>
      <fieldset class="fieldset" id={id} aria-describedby={describedBy}>
        <legend class="field__label">{t(props.label)}</legend>
        {props.hint ? (
          <p class="field__hint" id={`${id}-hint`}>
            {t(props.hint)}
          </p>
        ) : null}
        {errors.length ? (
          <p class="field__error" id={`${id}-error`}>
            {errors.map((e) => errorText(t, e)).join(' ')}
          </p>
        ) : null}
        {props.kind === 'checkbox' ? <input type="hidden" name={inputName} value="" /> : null}
        {props.groups.map((g) => (
          <div class="fd-tile-group">
            {g.title ? <p class="fd-tile-group__title">{g.title}</p> : null}
            <div class={`fd-tiles fd-tiles--${props.size ?? 'm'}${g.wide ? ' fd-tiles--wide' : ''}`}>
              {g.options.map((o) => {
                const n = i++;
                return (
                  <div class="fd-tile">
                    <input
                      class="fd-tile__input"
                      type={props.kind}
                      id={`${id}-${n}`}
                      name={inputName}
                      value={o.value}
                      checked={selected.has(o.value)}
                    />
                    <label class="fd-tile__label" for={`${id}-${n}`}>
                      {o.text}
                    </label>
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** A time input (HH:MM) in the look of the shared text fields. */
export function TimeField(props: { name: string; label: string; hint?: string; value: string; errors: FieldError[] }) {
  const t = useT();
  const id = fieldId(props.name);
  const error = props.errors.find((e) => e.field === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {t(props.label)}
      </label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {t(props.hint)}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {errorText(t, error)}
        </p>
      ) : null}
      <input
        class="input input--s"
        type="time"
        id={id}
        name={props.name}
        value={props.value}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
        required
      />
    </div>
  );
}

/** Links between the front desk's pages. */
export function FrontdeskTabs(props: { current: 'log' | 'ooh' | 'screening' | 'report'; showReport: boolean }) {
  const t = useT();
  const items: { key: typeof props.current; href: string; label: string; icon: Child }[] = [
    { key: 'log', href: '/staff/frontdesk', label: t('frontdesk.log.title'), icon: <Icon name="clipboard-list" size={18} /> },
    { key: 'ooh', href: '/staff/frontdesk/out-of-hours', label: t('frontdesk.ooh.title'), icon: <Icon name="clock" size={18} /> },
    {
      key: 'screening',
      href: '/staff/frontdesk/screening',
      label: t('frontdesk.screening.title'),
      icon: <Icon name="list-checks" size={18} />,
    },
    ...(props.showReport
      ? [
          {
            key: 'report' as const,
            href: '/staff/frontdesk/report',
            label: t('frontdesk.report.title'),
            icon: <Icon name="layout-dashboard" size={18} />,
          },
        ]
      : []),
  ];
  return (
    <nav class="fd-tabs" aria-label={t('frontdesk.log.links')}>
      <ul>
        {items.map((x) => (
          <li>
            <a href={x.href} aria-current={x.key === props.current ? 'page' : undefined}>
              {x.icon}
              <span>{x.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
