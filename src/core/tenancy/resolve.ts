import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type EventBus, RESYNC_TOPIC } from '../events/bus.js';
import { type Organization, toOrganization } from './organization.js';
import { organizations, orgHosts } from './schema.js';

export type Resolution = { kind: 'org'; org: Organization } | { kind: 'setup' } | { kind: 'unknown-host' };

/**
 * Finds the organization a request is for: by its Host through org_hosts, or the one
 * organization when only one exists (a small office's own server reached by IP or any name).
 * Kept in memory — every public page needs it — and dropped when an organization changes,
 * on this app server and (through the bus) on every other.
 */
export class TenantResolver {
  private byHost = new Map<string, Organization | null>();
  private single: Organization | null | undefined;
  private count: number | undefined;

  constructor(
    private db: Db,
    bus: EventBus,
  ) {
    bus.subscribe('org.changed', () => this.clear());
    bus.subscribe(RESYNC_TOPIC, () => this.clear());
  }

  clear() {
    this.byHost.clear();
    this.single = undefined;
    this.count = undefined;
  }

  async resolve(hostHeader: string | undefined): Promise<Resolution> {
    const host = normalizeHost(hostHeader);
    if (this.count === undefined) {
      const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(organizations);
      this.count = row?.n ?? 0;
    }
    if (this.count === 0) return { kind: 'setup' };
    if (host) {
      let org = this.byHost.get(host);
      if (org === undefined) {
        const [row] = await this.db
          .select({ org: organizations })
          .from(orgHosts)
          .innerJoin(organizations, eq(orgHosts.orgId, organizations.id))
          .where(eq(orgHosts.hostname, host));
        org = row ? toOrganization(row.org) : null;
        if (this.byHost.size > 10_000) this.byHost.clear();
        this.byHost.set(host, org);
      }
      if (org) return { kind: 'org', org };
    }
    if (this.count === 1) {
      if (this.single === undefined) {
        const [row] = await this.db.select().from(organizations).orderBy(asc(organizations.id)).limit(1);
        this.single = row ? toOrganization(row) : null;
      }
      if (this.single) return { kind: 'org', org: this.single };
    }
    return { kind: 'unknown-host' };
  }
}

export function normalizeHost(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  const h = hostHeader.trim().toLowerCase();
  // Drop the port: an organization is the same on :443 and :3000.
  const m = /^(\[[^\]]+\]|[^:]+)(:\d+)?$/.exec(h);
  return m?.[1] ?? null;
}
