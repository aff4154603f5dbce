import { randomBytes } from 'node:crypto';
import type { AppServices } from '../context.js';

/**
 * An accessible anti-spam measure for public forms, with no third-party CAPTCHA and nothing a
 * person has to solve:
 *
 * - a signed form token: the time the form was served and a random nonce, with an HMAC
 *   (app.secrets.mac) over both and the form's purpose. A submission is refused when it comes
 *   back too fast (a script, not a person: under MIN_FILL_MS), too late (over MAX_AGE_MS), with a
 *   token that was tampered with or made for another form, or a second time (replayed);
 * - a honeypot field, hidden from everyone (CSS and aria-hidden, out of the tab order) and
 *   labelled "leave this empty" for the odd screen reader that still finds it: a bot fills it.
 *
 * Replays are remembered in memory on this app server until the token would expire anyway; with
 * several app servers a token could be replayed once per server (the per-address rate limits of
 * the forms still hold).
 */

export const FORM_TOKEN_FIELD = 'form_token';
/** A name bots like to fill; the field is hidden from people. */
export const HONEYPOT_FIELD = 'website';

export const MIN_FILL_MS = 3_000;
export const MAX_AGE_MS = 2 * 60 * 60 * 1000;

export type FormTokenVerdict = 'ok' | 'invalid' | 'tooFast' | 'expired' | 'replayed' | 'honeypot';

const TOKEN = /^v1\.(\d{10,16})\.([A-Za-z0-9_-]{16,32})\.([0-9a-f]{64})$/;

type Secrets = Pick<AppServices, 'secrets'>;

function macOf(app: Secrets, purpose: string, at: number, nonce: string): string {
  return app.secrets.mac(`form-token:${purpose}`, `${at}.${nonce}`);
}

/** A token for a form served now, for this purpose (e.g. "complaints.submit"). */
export function issueFormToken(app: Secrets, purpose: string, now: Date): string {
  const at = now.getTime();
  const nonce = randomBytes(16).toString('base64url');
  return `v1.${at}.${nonce}.${macOf(app, purpose, at, nonce)}`;
}

/** Nonces already used, with the moment they can be forgotten (their token has expired by then). */
const used = new Map<string, number>();

function sweep(now: number) {
  if (used.size < 10_000) return;
  for (const [k, until] of used) if (until <= now) used.delete(k);
}

export interface FormTokenCheck {
  token: string | null | undefined;
  honeypot?: string | null | undefined;
  now: Date;
  minMs?: number;
  maxAgeMs?: number;
}

/**
 * Checks a submitted form's token and honeypot, and on success claims the token (a second use
 * is 'replayed'). When the submission is then refused for another reason (a field left empty),
 * call releaseFormToken so the person can correct the form and send it again with the same token.
 */
export function checkFormToken(app: Secrets, purpose: string, input: FormTokenCheck): FormTokenVerdict {
  if (input.honeypot && input.honeypot.trim() !== '') return 'honeypot';
  const m = TOKEN.exec(input.token ?? '');
  if (!m) return 'invalid';
  const at = Number(m[1]);
  const nonce = m[2] as string;
  if (!app.secrets.sameMac(m[3] as string, macOf(app, purpose, at, nonce))) return 'invalid';
  const now = input.now.getTime();
  const age = now - at;
  if (age < (input.minMs ?? MIN_FILL_MS)) return 'tooFast';
  if (age > (input.maxAgeMs ?? MAX_AGE_MS)) return 'expired';
  const key = `${purpose}|${nonce}`;
  if (used.has(key)) return 'replayed';
  sweep(now);
  used.set(key, at + (input.maxAgeMs ?? MAX_AGE_MS));
  return 'ok';
}

/** Gives a claimed token back (the submission it came with was not stored). */
export function releaseFormToken(purpose: string, token: string | null | undefined) {
  const m = TOKEN.exec(token ?? '');
  if (m) used.delete(`${purpose}|${m[2]}`);
}

/** Waits until `floorMs` after `startedAt` (a lookup answers in the same time whatever it found). */
export async function holdUntil(startedAt: number, floorMs: number): Promise<void> {
  const wait = startedAt + floorMs - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
