import type { UpdateFrequency } from './schema.js';

/**
 * How current an information item is, from its due date and last update (Bangkok days,
 * 'YYYY-MM-DD'):
 * - overdue: the due date has passed (updated before or not);
 * - never: never brought up to date, and not yet overdue;
 * - due_soon: due within DUE_SOON_DAYS days (today included);
 * - current: updated, and the next update is further away (or has no due date).
 */
export const FRESHNESS = ['overdue', 'never', 'due_soon', 'current'] as const;
export type Freshness = (typeof FRESHNESS)[number];

export const DUE_SOON_DAYS = 14;
/** The responsible person is reminded (once a day) from this many days before the due date. */
export const REMIND_DAYS = 7;

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `months` later; the 31st becomes the month's last day. */
export function addMonthsToDay(iso: string, months: number): string {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function freshnessOf(item: { dueOn: string | null; lastUpdatedAt: Date | null }, today: string): Freshness {
  if (item.dueOn && item.dueOn < today) return 'overdue';
  if (!item.lastUpdatedAt) return 'never';
  if (item.dueOn && daysBetween(today, item.dueOn) <= DUE_SOON_DAYS) return 'due_soon';
  return 'current';
}

const MONTHS: Partial<Record<UpdateFrequency, number>> = { monthly: 1, quarterly: 3, semiannual: 6, yearly: 12 };

/**
 * The next due date after an update made `today`. An update made while the item is due (within
 * DUE_SOON_DAYS, or late) satisfies that due date: the schedule moves on by the frequency, keeping
 * its day (a monthly report due on the 10th stays due on the 10th), until the next due date lies
 * beyond the due-soon window. An update made earlier (a correction, a note) leaves the schedule
 * as it is. An item with no due date yet counts from today. 'once' and 'on_change' items have no
 * next due date.
 */
export function nextDueOn(frequency: UpdateFrequency, dueOn: string | null, today: string): string | null {
  const months = MONTHS[frequency];
  if (!months) return null;
  const window = addDays(today, DUE_SOON_DAYS);
  let next = dueOn ?? today;
  for (let guard = 0; next <= window && guard < 1200; guard++) next = addMonthsToDay(next, months);
  return next;
}
