import type { ServiceContext } from '../../core/context.js';
import { markThaiWordBreaks } from '../../core/documents/memo.js';
import { renderPdf } from '../../core/documents/typst.js';
import { translator } from '../../core/i18n/i18n.js';
import { readFileBytes } from '../../core/storage/files.js';
import { applyDigits, bangkokDate, formatThaiDate, formatThaiDateTime, parseIsoDay, toThaiDigits } from '../../core/thai/index.js';
import { getOrganization } from '../organization/service.js';
import { organizationGaruda } from '../reports/service.js';
import { CHECKLIST_DATA_FILE, checklistSource } from './checklist.typ.js';
import type { Checklist, ChecklistLine } from './service.js';

/** A day 'YYYY-MM-DD' as "๒๒ ตุลาคม ๒๕๖๗" (or as Arabic digits for screens). */
export function checkedOnText(day: string | null, digits: 'thai' | 'arabic' = 'arabic'): string {
  const p = parseIsoDay(day);
  return p ? formatThaiDate(bangkokDate(p.year, p.month, p.day), { digits }) : '';
}

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * The checklist as an official document (always Thai, Thai digits): the table of items, the
 * photos of each, the signatures. It is measure 7's evidence.
 */
export async function renderChecklistPdf(ctx: ServiceContext, list: Checklist): Promise<Uint8Array> {
  const t = translator(ctx.app.catalogs, 'th');
  const org = await getOrganization(ctx);
  const garuda = await organizationGaruda(ctx, org);
  const k = (key: string, params?: Record<string, string | number>) => t(`facilities.${key}`, params);
  const th = (s: string) => markThaiWordBreaks(applyDigits(s, 'thai'));
  const title = (l: ChecklistLine) => (l.standard ? k(`items.${l.itemKey}.title`) : (l.title ?? ''));

  const files: Record<string, Uint8Array> = {};
  const photos: { heading: string; images: { file: string; caption: string | null }[] }[] = [];
  for (const [i, l] of list.lines.entries()) {
    const images: { file: string; caption: string | null }[] = [];
    for (const p of l.photos) {
      const ext = EXT[p.mime];
      if (!ext) continue;
      const { bytes } = await readFileBytes(ctx, p.fileId);
      const name = `photo-${p.id}.${ext}`;
      files[name] = bytes;
      images.push({ file: name, caption: p.caption ? th(p.caption) : null });
    }
    if (images.length) photos.push({ heading: th(`${i + 1}. ${title(l)}`), images });
  }

  const c = list.counts;
  const data = {
    title: `${k('pdf.title')} ${k('pdf.year', { year: list.fiscalYear })}`,
    digits: Array.from(toThaiDigits('0123456789')),
    garuda: garuda ? `garuda.${garuda.type}` : null,
    heading: [k('pdf.title'), org.names.full, k('pdf.year', { year: list.fiscalYear })].map(th),
    intro: th(k('pdf.intro', { org: org.names.full, year: list.fiscalYear })),
    table: {
      header: [k('pdf.number'), k('pdf.item'), k('pdf.status'), k('pdf.checkedOn'), k('pdf.note')].map(th),
      rows: list.lines.map((l, i) => ({
        number: th(String(i + 1)),
        title: th(title(l)),
        hint: l.standard ? th(k(`items.${l.itemKey}.hint`)) : null,
        done: l.status === 'done',
        status: th(k(`status.${l.status}`)),
        date: th(checkedOnText(l.checkedOn, 'thai') || '–'),
        note: th(l.note ?? ''),
      })),
    },
    summary: th(k('pdf.summary', { total: list.lines.length, done: c.done, partial: c.partial, notDone: c.not_done })),
    signatures: [k('pdf.checker'), k('pdf.certifier')].map((role) => ({
      sign: th(k('pdf.signLine', { role })),
      position: th(k('pdf.positionLine')),
      date: th(k('pdf.dateLine')),
    })),
    'photos-title': th(k('pdf.photosTitle')),
    photos,
    footer: th(k('pdf.footer', { org: org.names.full, at: formatThaiDateTime(ctx.app.now()) })),
  };
  files[CHECKLIST_DATA_FILE] = new TextEncoder().encode(JSON.stringify(data));
  if (garuda) files[`garuda.${garuda.type}`] = garuda.bytes;
  return renderPdf(checklistSource(), files);
}
