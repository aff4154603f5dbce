import { bangkokDate, formatThaiDate, parseIsoDay } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Tag, type Tone } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import type { Freshness } from '../freshness.js';
import type { OitListItem } from '../schema.js';

export const css = () => <link rel="stylesheet" href={assetUrl('disclosure.css')} />;

export const FRESHNESS_TONE: Record<Freshness, Tone> = { overdue: 'danger', never: 'warning', due_soon: 'warning', current: 'success' };

export function FreshnessTag({ f }: { f: Freshness }) {
  const t = useT();
  return <Tag tone={FRESHNESS_TONE[f]}>{t(`disclosure.freshness.${f}`)}</Tag>;
}

/** A Bangkok day 'YYYY-MM-DD' as a Thai date (B.E.). */
export function dayText(iso: string | null | undefined): string {
  const p = parseIsoDay(iso ?? null);
  return p ? formatThaiDate(bangkokDate(p.year, p.month, p.day, 12)) : '';
}

/** The indicator's official Thai name, with the English gloss for other readers. */
export function IndicatorName({ item, locale }: { item: Pick<OitListItem, 'name' | 'gloss'>; locale: string }) {
  return (
    <>
      <span lang="th">{item.name}</span>
      {locale !== 'th' && item.gloss ? <span class="muted"> ({item.gloss})</span> : null}
    </>
  );
}

export const registerHref = (fy: number, q: Record<string, string | number | undefined> = {}) => {
  const params = new URLSearchParams({ fy: String(fy) });
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return `/staff/disclosure?${params}`;
};
export const itemHref = (id: number) => `/staff/disclosure/items/${id}`;
