import { expect, type Page } from '@playwright/test';

/** Fails, naming the elements that stick out, when the page scrolls sideways at its window width. */
export async function expectNoSidewaysScroll(page: Page, label: string) {
  // Through <html> rather than the globals: the project's TypeScript has no DOM library.
  const { scrollWidth, innerWidth, wide } = await page.locator('html').evaluate((html) => {
    const doc = html.ownerDocument;
    const win = doc.defaultView;
    const scroller = doc.scrollingElement ?? html;
    // The elements that stick out, to say what to fix.
    const wide = [...doc.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > win.innerWidth + 0.5)
      .filter((e) => !e.closest('.visually-hidden, .skip-link'))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`,
      );
    return { scrollWidth: scroller.scrollWidth as number, innerWidth: win.innerWidth as number, wide: wide as string[] };
  });
  expect(
    scrollWidth,
    `${label} scrolls sideways (${scrollWidth} px wide in a ${innerWidth} px window); wider than the window: ${wide.join(', ')}`,
  ).toBeLessThanOrEqual(innerWidth);
}
