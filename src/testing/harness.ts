import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import pino from 'pino';
import { createApp } from '../app.js';
import { type Role, systemActor } from '../core/auth/roles.js';
import { loadConfig } from '../core/config.js';
import type { AppServices, ServiceContext } from '../core/context.js';
import type { AppEnv } from '../core/http/env.js';
import { createRegistry, type ModuleDefinition, type Registry } from '../core/module.js';
import { closeServices, createServices } from '../core/services.js';
import type { Organization } from '../core/tenancy/organization.js';
import { modules as allModules } from '../modules/index.js';
import { createOrganization } from '../modules/organization/service.js';
import { createStaff } from '../modules/staff/service.js';
import { openTestDatabase } from './database.js';

export interface TestEnv {
  app: Hono<AppEnv>;
  services: AppServices;
  registry: Registry;
  dataDir: string;
  close(): Promise<void>;
}

let counter = 0;
/** A unique suffix for names and hosts within this test process. */
export function unique(prefix = 'x'): string {
  counter++;
  return `${prefix}${process.pid}${counter}${Math.floor(Math.random() * 1000)}`;
}

/** The whole app on a fresh test database (PGlite template, or PostgreSQL with TEST_DATABASE_URL). */
export async function createTestEnv(
  opts: { env?: Record<string, string>; modules?: readonly ModuleDefinition[]; now?: () => Date } = {},
): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...opts.env }, 'test');
  const testDb = await openTestDatabase({ migrated: true });
  const modules = opts.modules ?? allModules;
  const services = await createServices(config, modules, { database: testDb.database, logger: pino({ level: 'silent' }), now: opts.now });
  const registry = createRegistry(modules);
  const { app } = createApp(services, registry);
  return {
    app,
    services,
    registry,
    dataDir,
    async close() {
      await services.events.close();
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { closeServices };

export interface TestOrg {
  org: Organization;
  host: string;
  ctx: ServiceContext;
}

/** An organization with its own host name, so tests never see each other's data. */
export async function createTestOrg(env: TestEnv, opts: { name?: string; province?: string } = {}): Promise<TestOrg> {
  const name = opts.name ?? `ทดสอบ${unique('')}`;
  const host = `${unique('org')}.test`;
  const org = await createOrganization(
    env.services,
    {
      type: 'sao',
      name,
      province: opts.province ?? 'นราธิวาส',
      district: 'บาเจาะ',
      docCode: 'นธ 78101',
      address: '99 หมู่ 1 ตำบลทดสอบ อำเภอบาเจาะ จังหวัดนราธิวาส',
    },
    host,
  );
  return { org, host, ctx: { app: env.services, orgId: org.id, actor: systemActor(org.id, 'test') } };
}

export interface TestUser {
  staffId: number;
  userId: number;
  username: string;
  password: string;
}

/** A staff member with an account, the given roles and a known password (no forced change). */
export async function createTestUser(
  _env: TestEnv,
  org: TestOrg,
  roles: Role[],
  opts: { username?: string; firstName?: string } = {},
): Promise<TestUser> {
  const username = opts.username ?? unique('u');
  const password = `pw-${unique('secret')}-long`;
  const created = await createStaff(org.ctx, {
    titlePrefix: 'นาย',
    firstName: opts.firstName ?? 'ทดสอบ',
    lastName: username,
    account: { username, roles, password },
  });
  // A chosen password (unlike a generated one) does not have to be changed at first sign-in.
  if (!created.userId) throw new Error('no account');
  return { staffId: created.staffId, userId: created.userId, username, password };
}

/** A service context acting as the given user of the organization, with the given roles. */
export function actingAs(org: TestOrg, user: TestUser, roles: Role[]): ServiceContext {
  return {
    app: org.ctx.app,
    orgId: org.org.id,
    actor: {
      orgId: org.org.id,
      userId: user.userId,
      username: user.username,
      displayName: user.username,
      roles,
      mustChangePassword: false,
    },
  };
}

/**
 * A browser for app.request(): keeps cookies per host, reads the CSRF token from the forms it
 * was given, and follows nothing by itself (tests see every redirect).
 */
export class TestBrowser {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(
    private env: TestEnv,
    readonly host: string,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('host', this.host);
    const cookie = this.cookieHeader();
    if (cookie) headers.set('cookie', cookie);
    const res = await this.env.app.request(`http://${this.host}${pathname}`, { ...init, headers });
    this.remember(res);
    return res;
  }

  async get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.request(pathname, { headers });
    if ((res.headers.get('content-type') ?? '').includes('text/html')) this.lastHtml = await res.clone().text();
    return res;
  }

  /** The CSRF token of a form on the given page (fetched now), or of the last page seen. */
  async csrf(fromPath?: string): Promise<string> {
    if (fromPath) await this.get(fromPath);
    const m = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!m?.[1]) throw new Error(`no CSRF token on ${fromPath ?? 'the last page'}`);
    return m[1];
  }

  /** Posts a form as a browser would: urlencoded, with the CSRF token from `from` (default: the same path). */
  async post(
    pathname: string,
    fields: Record<string, string | string[]>,
    opts: { from?: string; csrf?: string | null } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    const token = opts.csrf === null ? null : (opts.csrf ?? (await this.csrf(opts.from ?? pathname)));
    if (token) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) {
      if (Array.isArray(v)) for (const x of v) body.append(k, x);
      else body.append(k, v);
    }
    const res = await this.request(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    if ((res.headers.get('content-type') ?? '').includes('text/html')) this.lastHtml = await res.clone().text();
    return res;
  }

  async signIn(username: string, password: string): Promise<Response> {
    const res = await this.post('/login', { username, password, next: '/staff' }, { from: '/login' });
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    return res;
  }
}

/** A browser signed in as a new user with these roles in this organization. */
export async function signedIn(env: TestEnv, org: TestOrg, roles: Role[]): Promise<{ browser: TestBrowser; user: TestUser }> {
  const user = await createTestUser(env, org, roles);
  const browser = new TestBrowser(env, org.host);
  await browser.signIn(user.username, user.password);
  return { browser, user };
}
