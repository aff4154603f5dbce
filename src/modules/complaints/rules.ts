import type { ComplaintStatus } from './schema.js';

/**
 * The complaint channel's fixed rules, in one place for the intake, the officers' pages and the
 * statistics.
 */

/** Days to acknowledge a complaint (EU whistleblowing directive: 7; GlobaLeaks #3414). */
export const ACK_DAYS = 7;

/** The public statistics' three counts (ITA: เรื่องร้องเรียน ได้รับ / อยู่ระหว่างดำเนินการ / ดำเนินการแล้วเสร็จ). */
export type StatsBucket = 'in_progress' | 'finished';

export function statsBucketOf(status: ComplaintStatus): StatsBucket {
  return status === 'finished' || status === 'forwarded' || status === 'not_accepted' ? 'finished' : 'in_progress';
}

/** Statuses that close a case: a reason the reporter reads is required. */
export const CLOSING_STATUSES: readonly ComplaintStatus[] = ['finished', 'forwarded', 'not_accepted'];

/** Where a status may go next (a closed case may be reopened to investigating, with a reason). */
export const NEXT_STATUSES: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  received: ['acknowledged', 'investigating', 'forwarded', 'not_accepted'],
  acknowledged: ['investigating', 'forwarded', 'finished', 'not_accepted'],
  investigating: ['finished', 'forwarded', 'not_accepted'],
  forwarded: ['investigating'],
  finished: ['investigating'],
  not_accepted: ['investigating'],
};

/** Text limits (characters). */
export const SUBJECT_MAX = 200;
export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 10_000;
export const SHORT_TEXT_MAX = 500;
export const MESSAGE_MAX = 5_000;

/** Attachments: at most this many per submission, each at most this size; types by content. */
export const ATTACHMENTS_MAX = 5;
export const ATTACHMENT_BYTES_MAX = 5 * 1024 * 1024;
/** All files of one submission together: under the server's default 12 MB body limit, so the form comes back with a message instead of the bare 413 page. */
export const ATTACHMENTS_TOTAL_BYTES_MAX = 10 * 1024 * 1024;
export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

/** The national channels the public pages link to. */
export const NATIONAL_CHANNELS = [
  { key: 'nacc', href: 'https://www.nacc.go.th' },
  { key: 'pacc', href: 'https://www.pacc.go.th' },
  { key: 'hotline1111', href: 'https://www.1111.go.th' },
  { key: 'traffy', href: 'https://www.traffy.in.th' },
] as const;
