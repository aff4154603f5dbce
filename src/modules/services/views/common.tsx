import { assetUrl } from '../../../core/ui/assets.js';
import type { GuideStep } from '../schema.js';
import type { TotalTime } from '../service.js';

type T = (key: string, params?: Record<string, string | number>) => string;

export const css = () => <link rel="stylesheet" href={assetUrl('services.css')} />;

const num = (n: number) => String(Math.round(n * 100) / 100);

/** "15 นาที", "2 ชั่วโมง", "30 วัน" */
export function durationText(t: T, s: Pick<GuideStep, 'duration' | 'unit'>): string {
  return t(`services.units.${s.unit}`, { n: num(s.duration) });
}

/** ระยะเวลาดำเนินการรวม: "15 วัน 2 ชั่วโมง 30 นาที", each part only when it is not zero. */
export function totalText(t: T, total: TotalTime): string {
  const parts: string[] = [];
  if (total.days) parts.push(t('services.units.days', { n: num(total.days) }));
  if (total.hours) parts.push(t('services.units.hours', { n: num(total.hours) }));
  if (total.minutes || parts.length === 0) parts.push(t('services.units.minutes', { n: num(total.minutes) }));
  return parts.join(' ');
}

/** "PDF · 120 KB" */
export function fileTypeText(mime: string, size: number): string {
  const type =
    mime === 'application/pdf'
      ? 'PDF'
      : mime.includes('wordprocessingml')
        ? 'Word'
        : mime.includes('spreadsheetml')
          ? 'Excel'
          : mime.includes('presentationml')
            ? 'PowerPoint'
            : (mime.split('/')[1] ?? mime).toUpperCase();
  const kb = size / 1024;
  const amount = kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(kb))} KB`;
  return `${type} · ${amount}`;
}
