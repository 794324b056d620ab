/**
 * Real-browser harness: Debian Chromium (playwright-core, never a downloaded browser) with the built
 * extension loaded, plus a started demo portal.
 *
 *   const h = await launchWithExtension();
 *   try {
 *     const page = await h.context.newPage();
 *     await page.goto(`${h.portal.url}/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11`);
 *     const popup = await h.openExtensionPage('popup');
 *   } finally {
 *     await h.close();
 *   }
 *
 * The extension comes from `$PYKALA_EXT_DIR` (default `.output/chrome-mv3`; build it with
 * `npm run build:demo`, whose manifest adds the loopback hosts). Chromium from `$CHROMIUM_PATH`
 * (default `/usr/bin/chromium`). Set `PYKALA_E2E_HEADED=1` to watch (needs a display, e.g. `xvfb-run -a`),
 * `PYKALA_E2E_LOG=1` to get Chromium's own log on stderr (that is where a refused extension says why).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from '../../demo-portal/server';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium';

export { chromiumArgs, chromiumPath };

export const ROOT = resolve(import.meta.dirname, '../..');

export function extensionDir(): string {
  return resolve(ROOT, process.env.PYKALA_EXT_DIR ?? '.output/chrome-mv3');
}

/** The extension page names of the build, e.g. `popup` -> `popup.html`. */
export type ExtensionPageName = 'popup' | 'options' | 'library' | (string & {});

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  portal: DemoPortal;
  /** The browser's UI language as the extension sees it (`chrome.i18n.getUILanguage()`), e.g. `fi`. */
  uiLanguage: string;
  /** The built manifest, as loaded. */
  manifest: Record<string, unknown>;
  /** Opens `chrome-extension://<id>/<name>.html` in a new tab and waits for it to load. */
  openExtensionPage(name: ExtensionPageName, query?: string): Promise<Page>;
  /** Closes the browser, stops the portal, removes the profile. Safe to call twice. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Options of the demo portal started for this browser. */
  portal?: DemoPortalOptions;
  /** How long to wait for the extension's service worker (default 20 s). */
  serviceWorkerTimeoutMs?: number;
  headed?: boolean;
  /** Browser UI language, which picks the extension's `_locales` catalogue (default `fi`). */
  lang?: 'fi' | 'sv' | 'en';
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionHarness> {
  const extDir = extensionDir();
  const manifestPath = join(extDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`No built extension at ${extDir}. Run \`npm run build:demo\` (or set PYKALA_EXT_DIR).`);
  }
  if (!existsSync(chromiumPath())) {
    throw new Error(`No Chromium at ${chromiumPath()}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const headed = options.headed ?? process.env.PYKALA_E2E_HEADED === '1';
  const lang = options.lang ?? 'fi';
  const userDataDir = mkdtempSync(join(tmpdir(), 'pykala-e2e-'));
  const portal = await startDemoPortal(options.portal);

  let context: BrowserContext | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context?.close().catch(() => undefined);
    await portal.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: false, // --headless=new is passed by hand: the old headless mode has no extensions
      args: [...chromiumArgs(extDir, headed), `--lang=${lang}`],
      viewport: { width: 1200, height: 900 },
      // On Linux, Chromium takes its UI language (and so the extension's catalogue) from LANGUAGE, and
      // only for languages whose .pak it has: Debian's chromium-l10n package (.ci/run installs it).
      env: { ...process.env, LANGUAGE: lang },
      timeout: 30_000,
    });
    const timeout = options.serviceWorkerTimeoutMs ?? 20_000;
    const serviceWorker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        timeout,
        predicate: (w) => w.url().startsWith('chrome-extension://'),
      }).catch(() => {
        throw new Error(
          `The extension's service worker did not start within ${timeout} ms. Chrome refuses an extension whose ` +
            'scripts are not valid UTF-8 or whose manifest names missing files; rerun with PYKALA_E2E_LOG=1 to see why.',
        );
      }));
    const extensionId = new URL(serviceWorker.url()).host;
    const uiLanguage = await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage());
    if (!uiLanguage.startsWith(lang)) {
      process.stderr.write(`harness: Chromium runs in ${uiLanguage}, not ${lang}: install Debian's chromium-l10n for its language packs.\n`);
    }
    const ctx = context;
    return {
      context: ctx,
      extensionId,
      serviceWorker,
      portal,
      uiLanguage,
      manifest,
      async openExtensionPage(name, query = '') {
        const page = await ctx.newPage();
        await page.goto(`chrome-extension://${extensionId}/${name}.html${query}`, { waitUntil: 'load' });
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Polls `read` until `accept` holds (default: truthy), for state that arrives asynchronously. */
export async function poll<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean = Boolean,
  { timeoutMs = 10_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`poll: condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await read();
  }
  return last;
}

/** Reads a message of the built `_locales/<lang>/messages.json`, to compare with what a page shows. */
export function builtMessage(key: string, lang = 'fi'): string {
  const file = join(extensionDir(), '_locales', lang, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
  const entry = messages[key];
  if (!entry) throw new Error(`no message ${key} in ${file}`);
  return entry.message;
}
