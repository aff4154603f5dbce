import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { Actor } from './auth/roles.js';
import type { AppServices, ServiceContext } from './context.js';
import type { AppEnv } from './http/env.js';
import type { ModuleMessages } from './i18n/i18n.js';
import type { IconName } from './ui/icons.js';

/** A link in a navigation area; shown only to those `can` lets through. */
export interface NavItem {
  /** public: the site's main menu; footer: the public site's footer (secondary pages); staff, admin: the back office. */
  area: 'public' | 'footer' | 'staff' | 'admin';
  /** Catalog key of the label. */
  label: string;
  href: string;
  icon?: IconName;
  order?: number;
  can?: (actor: Actor | null) => boolean;
}

/** What the demo seed of a module receives: the demo organization's context, as its admin. */
export interface DemoContext {
  ctx: ServiceContext;
  /** Ids other modules' seeds created, by name, for modules that build on each other. */
  shared: Map<string, unknown>;
  log: (line: string) => void;
  /** The password of a demo account (PRONGSAI_DEMO_PASSWORD, or one generated for it). */
  password: (username: string) => string;
  /** "Now" of the demo: seeds place their records relative to it (this fiscal year, last month…). */
  now: Date;
}

/** A thing waiting for the signed-in person, shown on the staff home ("what I must do"). */
export interface TodoItem {
  /** Catalog key and parameters of the line shown. */
  label: string;
  params?: Record<string, string | number>;
  href: string;
  tone?: 'info' | 'warning' | 'danger' | 'success' | 'neutral';
}

/** A background task a module runs while the app serves (e.g. the mailer); returns its stop. */
export type Worker = (app: AppServices) => () => Promise<void> | void;

/**
 * A capability: one folder under src/modules that registers itself here, in the spirit of
 * Decidim's components. Platform features (navigation, API docs, demo, workers) pick modules up
 * without knowing them.
 */
export interface ModuleDefinition {
  name: string;
  messages?: ModuleMessages;
  /** Server-rendered pages (public and staff). */
  routes?: (app: Hono<AppEnv>) => void;
  /** OpenAPI operations, mounted under /api. */
  api?: (api: OpenAPIHono<AppEnv>) => void;
  nav?: NavItem[];
  workers?: Worker[];
  /** What this module has waiting for the signed-in person. */
  todo?: (ctx: ServiceContext) => Promise<TodoItem[]>;
  /** Seeds this module's part of the demo organization; runs in registry order. */
  demo?: (demo: DemoContext) => Promise<void>;
}

export function defineModule(def: ModuleDefinition): ModuleDefinition {
  return def;
}

export interface Registry {
  modules: readonly ModuleDefinition[];
  nav(area: NavItem['area'], actor: Actor | null): NavItem[];
  /** Every module's waiting items for the signed-in person. */
  todo(ctx: ServiceContext): Promise<TodoItem[]>;
}

export function createRegistry(modules: readonly ModuleDefinition[]): Registry {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Module ${m.name} is registered twice`);
    names.add(m.name);
  }
  const all = modules.flatMap((m) => m.nav ?? []);
  return {
    modules,
    nav(area, actor) {
      return all.filter((n) => n.area === area && (!n.can || n.can(actor))).sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
    },
    async todo(ctx) {
      const lists = await Promise.all(modules.map((m) => (m.todo ? m.todo(ctx) : Promise.resolve([]))));
      return lists.flat();
    },
  };
}
