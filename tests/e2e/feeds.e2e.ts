/**
 * Feed watching in a real browser (Debian Chromium, demo build, demo portal on a random port): a portal
 * added through the options page, a new item published, one alarm, the badge, the popup's New list,
 * opening the item clears the badge; a broken feed shows its error in options while the rest work.
 *
 * Build first: PYKALA_DEMO=1 PYKALA_OUT_DIR=.output-feeds npx wxt build
 * Run:         PYKALA_EXT_DIR=.output-feeds/chrome-mv3 npx vitest run -c vitest.e2e.config.ts tests/e2e/feeds.e2e.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtMessage, launchWithExtension, poll, ROOT, type ExtensionHarness } from './harness';

let h: ExtensionHarness;
let options: Page;
/** Two portals on one demo server, told apart by their path prefix. */
let portalA: string;
let portalB: string;

type Chrome = {
  action: { getBadgeText(d: object): Promise<string> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches: string[]; js: string[] }[]> };
  alarms: { create(name: string, info: { when: number; periodInMinutes: number }): Promise<void> };
};

const registered = () => h.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.scripting.getRegisteredContentScripts());
const badge = () => h.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}));

/** Fires the watcher's alarm now (unpacked extensions may schedule alarms this soon), period unchanged. */
async function fireAlarm(): Promise<void> {
  await h.serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create('pykala-feeds', { when: Date.now() + 50, periodInMinutes: 15 }),
  );
}

async function addPortalThroughOptions(address: string): Promise<void> {
  await options.fill('#pykala-custom-address', address);
  await options.click('form.pykala-add-custom button[type="submit"]');
  await poll(() => options.locator(`li[data-portal="${address}"]`).count(), (n) => n === 1, { timeoutMs: 15_000 });
}

beforeAll(async () => {
  h = await launchWithExtension();
  portalA = `${h.portal.url}/kunta-a`;
  portalB = `${h.portal.url}/kunta-b`;
  options = await h.openExtensionPage('options');
  await options.waitForSelector('#pykala-custom-address');
});
afterAll(async () => {
  await h?.close();
});

describe('watching feeds', () => {
  it('adds a portal from the options page; its first poll seeds silently (no badge)', async () => {
    await addPortalThroughOptions(portalA);
    await options.reload();
    await options.waitForSelector(`tr[data-portal="${portalA}"][data-feed="meetingitems"][data-state="ok"]`);
    expect(await badge()).toBe('');
    // Its pages get the content script by a runtime registration (the manifest only knows the root path).
    const scripts = await registered();
    expect(scripts.map((s) => s.matches)).toEqual([['http://127.0.0.1/kunta-a/cgi/DREQUEST.PHP*', 'http://127.0.0.1/kunta-a/kokous/*']]);
    expect(scripts[0]!.js).toEqual(['content-scripts/dynasty.js']);
  });

  it('a published item shows as 1 on the badge within one alarm, is listed in the popup, and opening it clears the badge', async () => {
    // Into an existing meeting (Kaupunginhallitus 07.06.2021), so only the meetingitems feed changes.
    const published = h.portal.publishItem({ id: '2021587-90', organ: 'Kaupunginhallitus', date: '07.06.2021', title: 'Ratapihan asemakaava – ehdotus', kind: 'Pöytäkirja' });
    await fireAlarm();
    expect(await poll(badge, (text) => text === '1', { timeoutMs: 15_000 })).toBe('1');

    const popup = await h.openExtensionPage('popup');
    const entry = popup.locator(`.pykala-new li[data-entry-id="${published.id}"]`);
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.textContent()).toContain('Ratapihan asemakaava – ehdotus');
    expect(await popup.locator('.pykala-new h4').first().textContent()).toBe('Kaupunginhallitus');
    await popup.close();

    const page = await h.context.newPage();
    await page.goto(`${portalA}${published.path}`);
    expect(await poll(badge, (text) => text === '', { timeoutMs: 15_000 })).toBe('');
    await page.close();
  });

  it('a broken feed shows its error in plain words in options while the other feeds keep working', async () => {
    await addPortalThroughOptions(portalB);
    h.portal.setFeedFault('meetingitems', '500', { prefix: '/kunta-a' });
    h.portal.publishItem({ id: '2021587-91', organ: 'Kaupunginhallitus', date: '07.06.2021', title: 'Arviointikertomus', kind: 'Pöytäkirja' });
    await fireAlarm();
    // Portal B still works: its copy of the new item arrives.
    expect(await poll(badge, (text) => text === '1', { timeoutMs: 15_000 })).toBe('1');
    await options.reload();
    const broken = options.locator(`tr[data-portal="${portalA}"][data-feed="meetingitems"]`);
    await broken.and(options.locator('[data-state="error"]')).waitFor({ timeout: 10_000 });
    const words = builtMessage('feeds_errServer', h.uiLanguage.slice(0, 2)).replace('$1', '500');
    expect(await broken.textContent()).toContain(words);
    expect(await options.locator(`tr[data-portal="${portalB}"][data-feed="meetingitems"]`).getAttribute('data-state')).toBe('ok');
    expect(await options.locator(`tr[data-portal="${portalA}"][data-feed="meetings"]`).getAttribute('data-state')).toBe('ok');
    h.portal.setFeedFault('meetingitems', null, { prefix: '/kunta-a' });
  });

  it('removing a portal in options removes its content-script registration', async () => {
    await options.locator(`li[data-portal="${portalB}"] > button`).click();
    await poll(() => options.locator(`li[data-portal="${portalB}"]`).count(), (n) => n === 0, { timeoutMs: 10_000 });
    expect((await registered()).flatMap((s) => s.matches)).not.toContain('http://127.0.0.1/kunta-b/cgi/DREQUEST.PHP*');
    expect((await registered()).flatMap((s) => s.matches)).toContain('http://127.0.0.1/kunta-a/cgi/DREQUEST.PHP*');
  });

  it('axe finds no serious or critical violation in the feeds options', async () => {
    // Runtime.evaluate is not bound by the extension page's CSP, unlike an injected script tag.
    await options.evaluate(readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await options.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run({ include: [['.pykala-feeds-options']] }, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
  });
});
