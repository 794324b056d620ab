/**
 * Real-Firefox harness: Debian's Firefox ESR driven over WebDriver BiDi by puppeteer-core (which downloads
 * nothing), the demo Firefox (MV2) build installed as a temporary add-on, plus a started demo portal.
 *
 *   const f = await launchFirefoxWithExtension();
 *   try {
 *     const page = await f.openPortalPage('/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11');
 *     const popup = await f.openExtensionPage('popup');
 *     expect(f.extensionErrors()).toEqual([]);
 *   } finally {
 *     await f.close();
 *   }
 *
 * The extension comes from `$PYKALA_FIREFOX_DEMO_EXT_DIR` (default `.output/firefox-mv2`; build it with
 * `PYKALA_DEMO=1 npx wxt build -b firefox`, whose manifest adds the loopback hosts), Firefox from
 * `$FIREFOX_PATH` (default `/usr/bin/firefox-esr`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startDemoPortal, type DemoPortal } from '../../demo-portal/server';
import { poll, ROOT, type ExtensionPageName } from './harness';

/** The gecko id of wxt.config.ts. */
export const GECKO_ID = 'pykala@pykala.invalid';
/**
 * Firefox gives each add-on a random moz-extension:// host per profile; the profile pref
 * `extensions.webextensions.uuids` fixes it, so the test knows where the popup is.
 */
export const EXTENSION_UUID = '3f0c1a52-7d4e-4b8a-9c61-5e2d8b7a1f04';

export function firefoxPath(): string {
  return process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
}

export function firefoxExtensionDir(): string {
  return resolve(ROOT, process.env.PYKALA_FIREFOX_DEMO_EXT_DIR ?? '.output/firefox-mv2');
}

export interface FirefoxHarness {
  browser: Browser;
  portal: DemoPortal;
  /** Opens a demo-portal path in a new tab (waits for DOMContentLoaded). */
  openPortalPage(path: string): Promise<Page>;
  /** Opens `moz-extension://<uuid>/<name>.html` in a new tab and waits until its document is complete. */
  openExtensionPage(name: ExtensionPageName): Promise<Page>;
  /**
   * Uncaught errors and unhandled rejections Firefox reported from the extension's own scripts (background
   * page, extension pages, content script) so far: Firefox writes each as `JavaScript error: <url>, line N: ...`
   * on its stderr; only those whose <url> is at this add-on's moz-extension:// address count.
   */
  extensionErrors(): string[];
  /** Every line Firefox has written on its stderr since it started. */
  stderrLines(): string[];
  /** Closes the browser and stops the portal. Safe to call twice. */
  close(): Promise<void>;
}

function demoManifestProblem(manifest: { content_scripts?: { matches?: string[] }[] }): string | null {
  const matches = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
  return matches.some((m) => m.includes('127.0.0.1')) ? null : 'its content script does not run on 127.0.0.1: it is not a demo build';
}

export async function launchFirefoxWithExtension(): Promise<FirefoxHarness> {
  const extDir = firefoxExtensionDir();
  const manifestPath = join(extDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(
      `No built Firefox extension at ${extDir}. Build the demo one: PYKALA_DEMO=1 npx wxt build -b firefox ` +
        '(or set PYKALA_FIREFOX_DEMO_EXT_DIR to a demo build\'s firefox-mv2 directory).',
    );
  }
  const problem = demoManifestProblem(JSON.parse(readFileSync(manifestPath, 'utf8')) as never);
  if (problem) throw new Error(`${extDir}: ${problem}. Build it with PYKALA_DEMO=1 npx wxt build -b firefox.`);
  if (!existsSync(firefoxPath())) {
    throw new Error(
      `No Firefox at ${firefoxPath()}. Install Debian's: apt-get install -y firefox-esr (or set FIREFOX_PATH). ` +
        'The Firefox tests never download a browser.',
    );
  }

  const portal = await startDemoPortal({ port: 0 });
  const stderrLines: string[] = [];
  let browser: Browser | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
    await portal.close().catch(() => undefined);
  };

  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: process.env.PYKALA_E2E_HEADED !== '1',
      // WebDriver BiDi refuses to navigate to moz-extension:// pages without it.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
      timeout: 60_000,
      protocolTimeout: 60_000,
    });
    let pending = '';
    browser.process()?.stderr?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      stderrLines.push(...lines);
    });
    const installed = await browser.installExtension(extDir);
    if (installed !== GECKO_ID) throw new Error(`Firefox installed the add-on as ${installed}, not ${GECKO_ID}`);

    const b = browser;
    const extensionOrigin = `moz-extension://${EXTENSION_UUID}/`;
    return {
      browser: b,
      portal,
      async openPortalPage(path) {
        const page = await b.newPage();
        await page.goto(`${portal.url}${path}`, { waitUntil: 'domcontentloaded' });
        return page;
      },
      async openExtensionPage(name) {
        const page = await b.newPage();
        const url = `${extensionOrigin}${name}.html`;
        // The tab moves to the extension process, and puppeteer then loses track of the navigation (it
        // reports the frame detached, or waits for a load event it never sees) although the page loads and
        // evaluates fine: wait for the document instead of for goto.
        void page.goto(url, { timeout: 20_000 }).catch(() => undefined);
        await poll(
          () => page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => ''),
          (state) => state === `${url} complete`,
          { timeoutMs: 20_000 },
        );
        return page;
      },
      // Only this add-on's address: Firefox's built-in add-ons (webcompat, formautofill, newtab, ...) run at
      // moz-extension:// addresses of their own, and an error of theirs is not this project's.
      extensionErrors: () => stderrLines.filter((line) => line.startsWith(`JavaScript error: ${extensionOrigin}`)),
      stderrLines: () => [...stderrLines],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
