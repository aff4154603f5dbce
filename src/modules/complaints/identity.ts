import type { AppServices } from '../../core/context.js';

/** What a reporter may tell about themselves; every field optional. */
export interface ReporterIdentity {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export const IDENTITY_FIELD_MAX = 300;

function contextOf(orgId: number, complaintId: number): string {
  return `complaint-identity:${orgId}:${complaintId}`;
}

/** Null when nothing was given (an anonymous complaint). */
export function sealIdentity(
  app: Pick<AppServices, 'secrets'>,
  orgId: number,
  complaintId: number,
  identity: ReporterIdentity,
): string | null {
  const clean: ReporterIdentity = {};
  for (const k of ['name', 'phone', 'email', 'address'] as const) {
    const v = identity[k]?.trim();
    if (v) clean[k] = v;
  }
  if (Object.keys(clean).length === 0) return null;
  return app.secrets.seal(JSON.stringify(clean), contextOf(orgId, complaintId));
}

/** Opens a sealed identity; only ever called by the reveal command (which checks and audits). */
export function openIdentity(app: Pick<AppServices, 'secrets'>, orgId: number, complaintId: number, sealed: string): ReporterIdentity {
  return JSON.parse(app.secrets.open(sealed, contextOf(orgId, complaintId))) as ReporterIdentity;
}
