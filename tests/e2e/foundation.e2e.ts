/**
 * Foundation, in a real browser: the extension loads, its content script runs on Dynasty pages of both
 * generations and nowhere else, its service worker starts, its pages open in the user's language; and
 * the built manifests ask for no more than they should.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_PORTAL_OPTIONAL_ORIGINS } from '../../lib/portal-patterns';
import { builtMessage, extensionDir, launchWithExtension, poll, ROOT, type ExtensionHarness } from './harness';

const KOUVOLA_ITEM = '/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11';
const ESPOO_STATIC_ITEM = '/kokous/2017409886-4.HTM';

describe('the demo build in Chromium', () => {
  let h: ExtensionHarness;
  beforeAll(async () => {
    h = await launchWithExtension();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function markerOn(path: string, { expectLoaded }: { expectLoaded: boolean }) {
    const page = await h.context.newPage();
    try {
      const response = await page.goto(`${h.portal.url}${path}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      const read = () => page.evaluate(() => document.documentElement.dataset.pykala ?? null);
      if (expectLoaded) return await poll(read, (v) => v !== null, { timeoutMs: 10_000 });
      // Give a content script every chance to run (document_idle comes soon after load).
      await page.waitForTimeout(1_500);
      return await read();
    } finally {
      await page.close();
    }
  }

  it('runs in Finnish, the extension\'s default language (needs Debian chromium-l10n)', () => {
    expect(h.uiLanguage).toMatch(/^fi/);
  });

  it('starts the service worker of the extension', async () => {
    expect(h.serviceWorker.url()).toBe(`chrome-extension://${h.extensionId}/background.js`);
    type Chrome = { i18n: { getMessage(key: string): string }; runtime: { getManifest(): { manifest_version: number } } };
    const [name, version] = await h.serviceWorker.evaluate(() => {
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      return [chrome.i18n.getMessage('extName'), chrome.runtime.getManifest().manifest_version] as const;
    });
    expect([name, version]).toEqual(['Pykälä', 3]);
  });

  it('runs the content script on a dynamic Dynasty 10 item page (Kouvola § 210)', async () => {
    expect(await markerOn(KOUVOLA_ITEM, { expectLoaded: true })).toBe('loaded');
  });

  it('runs the content script on a static /kokous/ item page (Espoo)', async () => {
    expect(await markerOn(ESPOO_STATIC_ITEM, { expectLoaded: true })).toBe('loaded');
  });

  it('does not run on a page that is not a Dynasty page of a known portal', async () => {
    expect(await markerOn('/other.html', { expectLoaded: false })).toBeNull();
    expect(await markerOn('/', { expectLoaded: false })).toBeNull();
  });

  for (const [name, key] of [
    ['popup', 'popupTitle'],
    ['options', 'optionsTitle'],
    ['library', 'libraryTitle'],
  ] as const) {
    it(`opens the ${name} page with its Finnish title`, async () => {
      const page = await h.openExtensionPage(name);
      try {
        // The tab title: browsers do not replace __MSG_key__ in HTML by themselves (scripts/localize-title.ts).
        await poll(() => page.title(), (title) => !title.includes('__MSG_'), { timeoutMs: 5_000 });
        expect(await page.title()).toBe(builtMessage(key, 'fi'));
        // The page renders, in Finnish, with no untranslated message key or placeholder showing.
        const text = await poll(() => page.locator('#app').innerText(), (t) => t.trim().length > 0, { timeoutMs: 10_000 });
        expect(text).not.toMatch(/__MSG_|\b[a-z]+_[a-zA-Z]+\b(?![.@])/);
      } finally {
        await page.close();
      }
    });
  }
});

describe('the demo build in a Swedish browser', () => {
  it('shows the options page in Swedish', async () => {
    const h = await launchWithExtension({ lang: 'sv' });
    try {
      const page = await h.openExtensionPage('options');
      await poll(() => page.title(), (title) => !title.includes('__MSG_'), { timeoutMs: 5_000 });
      expect(await page.title()).toBe(builtMessage('optionsTitle', 'sv'));
      const text = await poll(() => page.locator('#app').innerText(), (t) => t.trim().length > 0, { timeoutMs: 10_000 });
      expect(text).toContain(builtMessage('optionsTitle', 'sv'));
    } finally {
      await h.close();
    }
  });
});

type Manifest = {
  content_scripts?: { matches?: string[] }[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  permissions?: string[];
  optional_permissions?: string[];
  browser_specific_settings?: { gecko?: { id?: string } };
};

function allPatterns(m: Manifest): string[] {
  return [
    ...(m.content_scripts ?? []).flatMap((c) => c.matches ?? []),
    ...(m.host_permissions ?? []),
    ...(m.optional_host_permissions ?? []),
    ...(m.permissions ?? []),
    ...(m.optional_permissions ?? []),
  ];
}

const LOOPBACK = /^[a-z*]+:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;
const WILDCARD = /^<all_urls>$|^[^:]+:\/\/\*/;

/** The production build: `$PYKALA_PROD_EXT_DIR` when the test script made it, else built here. */
function productionManifest(browser: 'chrome' | 'firefox'): Manifest {
  const fromEnv = browser === 'chrome' ? process.env.PYKALA_PROD_EXT_DIR : process.env.PYKALA_FIREFOX_EXT_DIR;
  if (fromEnv && existsSync(join(fromEnv, 'manifest.json'))) return JSON.parse(readFileSync(join(fromEnv, 'manifest.json'), 'utf8')) as Manifest;
  const out = mkdtempSync(join(tmpdir(), 'pykala-prod-'));
  try {
    const env = { ...process.env, PYKALA_OUT_DIR: out, PYKALA_DEMO: '' };
    execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])], { cwd: ROOT, env, stdio: 'pipe' });
    const dir = browser === 'chrome' ? 'chrome-mv3' : 'firefox-mv2';
    return JSON.parse(readFileSync(join(out, dir, 'manifest.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Patterns a build may hold as optional wildcards: users add a portal by address, and the extension then
 * requests that one portal's two Dynasty paths at run time (lib/portal-patterns.ts). Nothing is granted
 * or injected through them at install.
 */
function grantedOrInjected(m: Manifest): string[] {
  const optionalWildcards = new Set<string>(CUSTOM_PORTAL_OPTIONAL_ORIGINS);
  return allPatterns(m).filter((p) => !((m.optional_host_permissions ?? []).includes(p) || (m.optional_permissions ?? []).includes(p)) || !optionalWildcards.has(p));
}

describe('built manifests', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    it(`production ${browser}: only Dynasty paths of known portals, no loopback, no host wildcard`, () => {
      const manifest = productionManifest(browser);
      const patterns = allPatterns(manifest);
      expect(grantedOrInjected(manifest).filter((p) => WILDCARD.test(p))).toEqual([]);
      expect(patterns.filter((p) => LOOPBACK.test(p))).toEqual([]);
      const matches = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
      expect(matches.length).toBeGreaterThan(100);
      expect(matches.filter((p) => !/\/(cgi\/DREQUEST\.PHP\*|kokous\/\*)$/.test(p))).toEqual([]);
      expect(manifest.host_permissions ?? []).toEqual([]);
      if (browser === 'firefox') expect(manifest.browser_specific_settings?.gecko?.id).toBeTruthy();
    }, 120_000);
  }

  it('demo: the loaded extension adds loopback to its matches and host permissions', () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir(), 'manifest.json'), 'utf8')) as Manifest;
    const matches = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
    expect(matches).toEqual(expect.arrayContaining(['http://127.0.0.1/cgi/DREQUEST.PHP*', 'http://127.0.0.1/kokous/*', 'http://localhost/cgi/DREQUEST.PHP*']));
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*']));
    expect(grantedOrInjected(manifest).filter((p) => WILDCARD.test(p))).toEqual([]);
  });
});
