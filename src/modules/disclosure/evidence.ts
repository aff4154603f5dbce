import type { ServiceContext } from '../../core/context.js';
import type { OitTopic } from '../publications/oit-items.js';

/**
 * What satisfies an OIT topic besides published documents: pages and records of other modules
 * (news for 'news', the service guides for 'service-guides', the structure chart for
 * 'structure' …). Modules register a provider at import time of their evidence file, as they
 * register open-data datasets; the disclosure register and the public ITA page ask the
 * providers of a topic for their links, without knowing the modules.
 */
export interface OitEvidenceLink {
  /** What the link shows, in the organization's words (Thai). */
  title: string;
  /** A path on this site ('/news/12') or an absolute URL. */
  url: string;
  /** When what it shows last changed (for freshness). */
  updatedAt?: Date | null;
}

export interface OitEvidenceProvider {
  topic: OitTopic;
  /** The module providing it (its name in src/modules/index.ts). */
  module: string;
  /** The links that show this topic's evidence for a fiscal year (only public ones). */
  links(ctx: ServiceContext, fiscalYear: number): Promise<OitEvidenceLink[]>;
}

const providers: OitEvidenceProvider[] = [];

/** Registers a provider; returns the way to take it out again (tests). */
export function registerOitEvidence(p: OitEvidenceProvider): () => void {
  providers.push(p);
  return () => {
    const i = providers.indexOf(p);
    if (i >= 0) providers.splice(i, 1);
  };
}

/** The providers of a topic. */
export function providersOf(topic: OitTopic): OitEvidenceProvider[] {
  return providers.filter((p) => p.topic === topic);
}

/** Every registered provider. */
export function allOitEvidenceProviders(): readonly OitEvidenceProvider[] {
  return providers;
}
