/**
 * DOMContentLoaded -> panel visible, measured in the page: the content script stamps the panel host
 * with `data-shown-at` (performance.now() when it first rendered, same time origin as the page); the
 * navigation entry gives domContentLoadedEventStart. Shared by tests/e2e/reading.e2e.ts and
 * bench/content.bench.ts.
 */
import type { Page } from 'playwright-core';

export async function measurePanelVisible(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector('#pykala-panel[data-shown-at]', { state: 'attached', timeout: 15_000 });
  return page.evaluate(() => {
    const host = document.getElementById('pykala-panel')!;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return Math.max(0, Number(host.dataset.shownAt) - nav.domContentLoadedEventStart);
  });
}
