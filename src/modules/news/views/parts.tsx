import { formatNumber } from '../../../core/thai/index.js';
import { assetUrl } from '../../../core/ui/assets.js';
import { Tag } from '../../../core/ui/components.js';
import { useT } from '../../../core/ui/context.js';
import type { PostKind } from '../schema.js';
import type { NewsAttachment, PostStatus } from '../service.js';

export const newsCss = () => <link rel="stylesheet" href={assetUrl('news.css')} />;

/** The short name of a file type readers know (not translated: these are format names). */
const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint (PPTX)',
};

export function fileTypeName(mime: string): string {
  return TYPE_NAMES[mime] ?? mime;
}

/** A size as readers say it: KB under a megabyte, MB with one decimal above. */
export function useFileSize(): (bytes: number) => string {
  const t = useT();
  return (bytes) =>
    bytes < 1024 * 1024
      ? t('news.size.kb', { n: formatNumber(Math.max(1, Math.round(bytes / 1024))) })
      : t('news.size.mb', { n: formatNumber(bytes / (1024 * 1024), { decimals: 1 }) });
}

export function KindTag({ kind }: { kind: PostKind }) {
  const t = useT();
  return (
    <Tag tone={kind === 'announcement' ? 'warning' : 'info'} icon={kind === 'announcement' ? 'megaphone' : 'newspaper'}>
      {t(`news.kinds.${kind}`)}
    </Tag>
  );
}

const STATUS_TONE = { draft: 'neutral', scheduled: 'info', published: 'success', withdrawn: 'danger' } as const;
const STATUS_ICON = { draft: 'file-text', scheduled: 'calendar-clock', published: 'circle-check', withdrawn: 'circle-alert' } as const;

export function StatusTag({ status }: { status: PostStatus }) {
  const t = useT();
  return (
    <Tag tone={STATUS_TONE[status]} icon={STATUS_ICON[status]}>
      {t(`news.status.${status}`)}
    </Tag>
  );
}

/** Attachments with their type and size, each a plain download link. */
export function AttachmentList({ attachments, hrefOf }: { attachments: NewsAttachment[]; hrefOf: (a: NewsAttachment) => string }) {
  const t = useT();
  const size = useFileSize();
  if (attachments.length === 0) return null;
  return (
    <section class="news-attachments" aria-labelledby="news-attachments-title">
      <h2 id="news-attachments-title">{t('news.attachments')}</h2>
      <ul>
        {attachments.map((a) => (
          <li>
            <a href={hrefOf(a)}>{a.name}</a>{' '}
            <span class="muted">{t('news.fileInfo', { type: fileTypeName(a.mime), size: size(a.size) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
