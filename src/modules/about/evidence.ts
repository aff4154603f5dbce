import type { ServiceContext } from '../../core/context.js';
import { translator } from '../../core/i18n/i18n.js';
import { type OitEvidenceLink, registerOitEvidence } from '../disclosure/evidence.js';
import type { OitTopic } from '../publications/oit-items.js';
import { answeredSummary } from './qa.js';
import type { OrgPageKey } from './schema.js';
import { getPage, getProfile, orgStructure, pagePath } from './service.js';

/**
 * The organization pages as OIT evidence (o1–o10 of 2567, and their successors): each provider
 * links only what is public now — a written page once written, the contact and structure pages
 * always (they come from the records), social channels when there are some.
 */
const th = (ctx: ServiceContext) => translator(ctx.app.catalogs, 'th');

function link(title: string, url: string, updatedAt?: Date | null): OitEvidenceLink[] {
  return [{ title, url, updatedAt: updatedAt ?? null }];
}

const written = (key: OrgPageKey) => async (ctx: ServiceContext) => {
  const page = await getPage(ctx, key);
  return page ? link(page.title ?? th(ctx)(`about.pages.${key}`), pagePath(key), page.updatedAt) : [];
};

const providers: { topic: OitTopic; links: (ctx: ServiceContext) => Promise<OitEvidenceLink[]> }[] = [
  {
    topic: 'structure',
    links: async (ctx) => {
      const s = await orgStructure(ctx);
      return s.executives.length + s.administration.length + s.divisions.length > 0
        ? link(th(ctx)('about.pages.structure'), '/about/structure')
        : [];
    },
  },
  {
    topic: 'executives',
    links: async (ctx) => {
      const s = await orgStructure(ctx);
      return s.executives.some((e) => e.holders.length) ? link(th(ctx)('about.pages.executives'), '/about/executives') : [];
    },
  },
  { topic: 'powers', links: written('powers') },
  {
    topic: 'contact',
    links: async (ctx) => link(th(ctx)('about.pages.contact'), '/about/contact', (await getProfile(ctx)).updatedAt),
  },
  { topic: 'laws', links: written('laws') },
  {
    topic: 'qa',
    links: async (ctx) => link(th(ctx)('about.pages.qa'), '/qa', (await answeredSummary(ctx)).latest),
  },
  {
    topic: 'social',
    links: async (ctx) => {
      const p = await getProfile(ctx);
      return p.social.length ? link(th(ctx)('about.pages.social'), '/about/social', p.updatedAt) : [];
    },
  },
  {
    topic: 'privacy',
    links: async (ctx) => {
      const page = await getPage(ctx, 'privacy');
      return link(page?.title ?? th(ctx)('about.pages.privacy'), '/privacy', page?.updatedAt);
    },
  },
];

for (const p of providers) registerOitEvidence({ topic: p.topic, module: 'about', links: (ctx) => p.links(ctx) });
