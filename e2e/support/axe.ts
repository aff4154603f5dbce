import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 level A and AA: what design.md promises for every page. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** The violations as a person reads them: rule, impact, help link, and each offending element. */
export function formatViolations(results: AxeResults): string {
  return results.violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const why =
            n.failureSummary
              ?.split('\n')
              .map((l) => `        ${l.trim()}`)
              .join('\n') ?? '';
          return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 300)}\n${why}`;
        })
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
}

/** Runs axe (WCAG 2.1 A and AA) on the page as it is now. */
export async function axeResults(page: Page): Promise<AxeResults> {
  const axe = new AxeBuilder({ page });
  // Only violations are read: axe then skips collecting every passing node. First, because
  // options() replaces every option set before it, the tags included.
  axe.options({ resultTypes: ['violations'] });
  axe.withTags(WCAG_TAGS);
  // axe runs in the page itself instead of gathering the frames' results in an extra blank page:
  // about half the time (1.1 s against 2.2 s on the setup page here). The app has no frames (and
  // its CSP forbids being framed), so nothing is left unchecked.
  axe.setLegacyMode(true);
  return axe.analyze();
}

/** Fails with a readable list of every violation: rule, impact, help link, offending elements. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const results = await axeResults(page);
  const report = formatViolations(results);
  expect(results.violations.length, `axe found ${results.violations.length} violation(s) on ${label}:\n\n${report}\n`).toBe(0);
}
