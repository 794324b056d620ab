/**
 * Portals the user adds: from any pasted address to a verified base URL, the host permission for its
 * two Dynasty paths, and a content script registered at runtime for them. Removal undoes both.
 * The browser is injected (permissions, scripting, runtime.getManifest) so this is testable in Node.
 */
import type { FeedName } from '../db';
import { analyzeFeed } from '../dynasty/feed';
import { portalOf } from '../dynasty/urls';
import { fetchFeed, type FetchLike } from '../feeds/fetch';
import { feedUrl } from '../feeds/settings';
import { dynastyPagePatterns, normalizeBase } from '../portal-patterns';

/** The content script file WXT builds from entrypoints/dynasty.content. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/dynasty.js';

export interface PortalBrowser {
  permissions: {
    contains(p: { origins: string[] }): Promise<boolean>;
    request(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
  scripting?: {
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; matches?: string[] }[]>;
  };
  runtime: { getManifest(): { content_scripts?: { matches?: string[] }[] } };
}

export interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/**
 * Candidate bases for a pasted address, most likely first: the Dynasty base when the address is a
 * Dynasty page (`.../cgi/DREQUEST.PHP?...`, `.../kokous/...`), else the address itself (minus a file
 * name) and each shorter path prefix down to the host root. Null when it is not an http(s) address.
 */
export function candidateBases(address: string): string[] | null {
  let text = address.trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  const dynasty = portalOf(url.href);
  if (dynasty) return [normalizeBase(dynasty)];
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length && /\.[a-z0-9]{2,5}$/i.test(segments[segments.length - 1]!)) segments.pop();
  const out: string[] = [];
  for (let n = segments.length; n >= 0; n--) {
    out.push(normalizeBase(`${url.protocol}//${url.host}/${segments.slice(0, n).join('/')}`));
  }
  return [...new Set(out)];
}

/** Origins to ask for: the portal's two Dynasty paths only, never the whole host. */
export function portalOrigins(base: string): string[] {
  return dynastyPagePatterns(base);
}

export type VerifyResult = { ok: true; base: string } | { ok: false; reason: 'invalid-address' | 'no-feed' };

/** Finds the candidate base whose meetingitems feed answers with a real feed. */
export async function verifyPortal(fetchImpl: FetchLike, address: string, timeoutMs = 15_000): Promise<VerifyResult> {
  const candidates = candidateBases(address);
  if (!candidates) return { ok: false, reason: 'invalid-address' };
  for (const base of candidates.slice(0, 4)) {
    const feed: FeedName = 'meetingitems';
    const url = feedUrl(base, feed, 1);
    const result = await fetchFeed(fetchImpl, url, { etag: null, lastModified: null }, { timeoutMs, maxBytes: 2 * 1024 * 1024 });
    if (result.kind !== 'ok') continue;
    if (analyzeFeed(result.bytes, { url, contentType: result.contentType }).recognized) return { ok: true, base };
  }
  return { ok: false, reason: 'no-feed' };
}

/** A stable registration id for a portal (ids may not start with "_"). */
export function registrationId(base: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < base.length; i++) {
    h ^= base.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `pykala-portal-${(h >>> 0).toString(36)}`;
}

/** True when the manifest's own content scripts already run on this portal (known portals, demo loopback). */
export function coveredByManifest(browser: PortalBrowser, base: string): boolean {
  const matches = new Set((browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []));
  return dynastyPagePatterns(base).every((p) => matches.has(p));
}

/**
 * Asks for the portal's host permission (must run in a user gesture on an extension page, or be
 * granted already). True when granted.
 */
export async function ensurePermission(browser: PortalBrowser, base: string, mayPrompt: boolean): Promise<boolean> {
  const origins = portalOrigins(base);
  if (await browser.permissions.contains({ origins })) return true;
  if (!mayPrompt) return false;
  try {
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}

/** Registers the content script for a portal unless the manifest covers it or it is registered. */
export async function registerPortalScript(browser: PortalBrowser, base: string): Promise<'manifest' | 'registered' | 'already' | 'unsupported'> {
  if (coveredByManifest(browser, base)) return 'manifest';
  if (!browser.scripting) return 'unsupported';
  const id = registrationId(base);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return 'already';
  await browser.scripting.registerContentScripts([
    { id, matches: dynastyPagePatterns(base), js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
  return 'registered';
}

/** Removes a portal's registration and its host permission (a known portal's manifest entry stays). */
export async function forgetPortal(browser: PortalBrowser, base: string): Promise<void> {
  const id = registrationId(base);
  if (browser.scripting) {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [id] });
  }
  try {
    await browser.permissions.remove({ origins: portalOrigins(base) });
  } catch {
    // Required (manifest) host permissions cannot be removed, e.g. loopback in the demo build.
  }
}

/** Re-registers scripts of custom portals that lost them (after an update), drops stale ones. */
export async function syncRegistrations(browser: PortalBrowser, customBases: string[]): Promise<void> {
  if (!browser.scripting) return;
  const wanted = new Map(customBases.map((b) => [registrationId(b), b]));
  const registered = await browser.scripting.getRegisteredContentScripts();
  for (const script of registered) {
    if (script.id.startsWith('pykala-portal-') && !wanted.has(script.id)) {
      await browser.scripting.unregisterContentScripts({ ids: [script.id] });
    }
  }
  const have = new Set(registered.map((s) => s.id));
  for (const [id, base] of wanted) {
    if (have.has(id)) continue;
    if (!(await browser.permissions.contains({ origins: portalOrigins(base) }))) continue;
    await registerPortalScript(browser, base);
  }
}
