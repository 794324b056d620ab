/**
 * The Firefox (MV2) build in a real Firefox: Debian's firefox-esr over WebDriver BiDi (firefox-harness.ts),
 * the demo build installed as a temporary add-on, the demo portal's pages of both generations.
 *
 * Build first: PYKALA_DEMO=1 PYKALA_OUT_DIR=.output-firefox npx wxt build -b firefox
 * Run:         PYKALA_FIREFOX_DEMO_EXT_DIR=.output-firefox/firefox-mv2 npx vitest run -c vitest.e2e.config.ts tests/e2e/firefox.e2e.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefoxWithExtension, type FirefoxHarness } from './firefox-harness';
import { poll } from './harness';
import { panelFieldTexts, pageTextOutsidePanel } from './panel-probes';

const KOUVOLA = '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11';
const KOUVOLA_NEXT = '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-12';
const ESPOO_ITEM = '/kokous/2013262303-5.HTM';
/** The saved Espoo pages link absolutely to their original host. */
const ESPOO_HOST = /^https?:\/\/espoo04\.hosting\.documenta\.fi\//;

let f: FirefoxHarness;

beforeAll(async () => {
  f = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await f?.close();
});

async function openItem(path: string): Promise<Page> {
  const page = await f.openPortalPage(path);
  await page.waitForSelector('#pykala-panel >>> [data-pykala="panel"]', { timeout: 20_000 });
  return page;
}

/** The panel's fields: each `data-field`'s value (its `dd`, else its text). */
const panelFields = (page: Page): Promise<Record<string, string>> => page.evaluate(panelFieldTexts, true);

/** The page's own text, outside the panel, whitespace collapsed. */
const pageText = (page: Page): Promise<string> => page.evaluate(pageTextOutsidePanel);

async function waitForUrl(page: Page, ending: string): Promise<string> {
  return poll(async () => page.url(), (url) => url.endsWith(ending), { timeoutMs: 15_000 });
}

describe('Firefox: the panel on item pages', () => {
  it('dynamic Kouvola § 210: organ, date, § and title as on the page', async () => {
    const page = await openItem(KOUVOLA);
    const fields = await panelFields(page);
    const text = await pageText(page);
    expect(fields).toMatchObject({
      title: 'Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021',
      organ: 'Kaupunginhallitus',
      meetingDate: '07.06.2021',
      section: '§ 210',
    });
    for (const value of [fields.title, fields.organ, fields.meetingDate, fields.section]) expect(text).toContain(value);
    await page.close();
  });

  it('static Espoo minutes item: date, § and title as on the page', async () => {
    const page = await openItem(ESPOO_ITEM);
    const fields = await panelFields(page);
    const text = await pageText(page);
    expect(fields.title).toContain('Korkeimman hallinto-oikeuden päätös Algol Chemicals Oy');
    expect(fields.meetingDate).toBe('17.01.2013');
    expect(fields.section).toBe('§ 5');
    expect(fields.organ).toBeTruthy();
    for (const value of [fields.title, fields.organ, fields.meetingDate]) expect(text).toContain(value);
    await page.close();
  });
});

describe('Firefox: keys', () => {
  it('j goes to the next item (dynamic and static)', async () => {
    const kouvola = await openItem(KOUVOLA);
    await kouvola.keyboard.press('j');
    await waitForUrl(kouvola, KOUVOLA_NEXT);
    await kouvola.close();

    const espoo = await openItem(ESPOO_ITEM);
    // Answer the original host here, offline (Firefox would show its DNS error page instead).
    await espoo.setRequestInterception(true);
    espoo.on('request', (request) => {
      if (!ESPOO_HOST.test(request.url())) return void request.continue();
      return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>espoo</title><p>stand-in</p>' });
    });
    await espoo.keyboard.press('j');
    await waitForUrl(espoo, '/kokous/2013262303-6.HTM');
    expect(espoo.url()).toMatch(ESPOO_HOST);
    await espoo.close();
  });

  it('typing in an input does not trigger them; outside it, j still works', async () => {
    const page = await openItem(KOUVOLA);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'typing';
      document.body.prepend(input);
    });
    await page.focus('#typing');
    await page.keyboard.type('jk?b');
    expect(await page.$eval('#typing', (input) => (input as HTMLInputElement).value)).toBe('jk?b');
    expect(page.url()).toContain(KOUVOLA);
    // Neither the help dialog (?) nor the bookmark form (b) opened.
    expect(
      await page.evaluate(() => {
        const root = document.getElementById('pykala-panel')!.shadowRoot!;
        return { dialog: !!root.querySelector('[role="dialog"]'), form: !!root.querySelector('textarea') };
      }),
    ).toEqual({ dialog: false, form: false });

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('j');
    await waitForUrl(page, KOUVOLA_NEXT);
    await page.close();
  });
});

describe('Firefox: content script -> background page -> IndexedDB -> popup', () => {
  const note = 'Kysy tästä Firefoxissa';

  it('a bookmark made in the panel with b shows up in the popup', async () => {
    const page = await openItem(KOUVOLA);
    const title = (await panelFields(page)).title;
    expect(title).toBeTruthy();
    await page.keyboard.press('b');
    const textarea = await page.waitForSelector('#pykala-panel >>> textarea', { timeout: 10_000 });
    await textarea!.type(note);
    await page.evaluate(() =>
      document.getElementById('pykala-panel')!.shadowRoot!.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click(),
    );
    await poll(
      () => page.evaluate(() => document.getElementById('pykala-panel')!.shadowRoot!.querySelector('[data-pykala="bookmark-state"]')?.getAttribute('data-bookmarked')),
      (state) => state === 'true',
    );
    await page.close();

    const popup = await f.openExtensionPage('popup');
    const shown = await poll(
      () =>
        popup.evaluate(() => ({
          ready: document.querySelector('.pk-popup')?.getAttribute('data-ready') ?? null,
          bookmarks: document.getElementById('pk-popup-bm')?.textContent ?? '',
          recent: document.getElementById('pk-popup')?.textContent ?? '',
          alerts: [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent),
        })),
      (state) => state.ready === 'true' && state.bookmarks.includes(title!),
      { timeoutMs: 20_000 },
    );
    // The popup's normal state: no error where results go, the items read in this browser listed as recent.
    expect(shown.alerts).toEqual([]);
    expect(shown.recent).toContain('Loppuraportti Kouvolan strategiatoteutumasta');
    await popup.close();
  });

  it('no uncaught error or unhandled rejection in any extension script (background, popup, content script)', () => {
    expect(f.extensionErrors()).toEqual([]);
  });
});

// Last: it leaves an error of the popup behind on purpose.
describe('Firefox: the error detector itself', () => {
  it("reports this extension's uncaught errors and not those of another add-on (Firefox runs its own built-in ones)", async () => {
    // Firefox's built-in add-ons (webcompat, formautofill, newtab, ...) also run at moz-extension:// addresses:
    // an error of theirs must not fail this project's tests. One that throws, installed beside ours:
    const dir = mkdtempSync(join(tmpdir(), 'pykala-other-addon-'));
    try {
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({
          manifest_version: 2,
          name: 'other',
          version: '1.0',
          browser_specific_settings: { gecko: { id: 'other@pykala.invalid' } },
          background: { scripts: ['background.js'] },
        }),
      );
      writeFileSync(join(dir, 'background.js'), "throw new Error('other add-on, not ours');\n");
      const otherId = await f.browser.installExtension(dir);
      const popup = await f.openExtensionPage('popup');
      await popup.evaluate(() => void setTimeout(() => { throw new Error('pykala popup, ours'); }));
      // Both reach Firefox's stderr as uncaught errors of a moz-extension:// script...
      const lines = await poll(
        async () => f.stderrLines().filter((line) => line.startsWith('JavaScript error: moz-extension://')),
        (found) => found.some((l) => l.includes('other add-on, not ours')) && found.some((l) => l.includes('pykala popup, ours')),
        { timeoutMs: 15_000 },
      );
      expect(lines.length).toBeGreaterThanOrEqual(2);
      // ...and only ours is reported as the extension's.
      const errors = f.extensionErrors();
      expect(errors.filter((l) => l.includes('pykala popup, ours'))).toHaveLength(1);
      expect(errors.filter((l) => l.includes('other add-on'))).toEqual([]);
      await popup.close();
      await f.browser.uninstallExtension(otherId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
