// @vitest-environment happy-dom
/**
 * The content-script shell on a real page shape (the reconstructed Kouvola § 210 item) in happy-dom,
 * with WXT's fake browser: no background answers, and the panel still shows, with no markers and no
 * unhandled errors.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReadingContext } from '@/entrypoints/dynasty.content/context';
import { mountReading } from '@/entrypoints/dynasty.content/mount';

// WXT's fake browser has no i18n.getMessage: messages show as their keys.
vi.mock('@/lib/i18n', () => ({ t: (key: string) => key }));

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/dynasty');

function load(file: string, url: string) {
  const html = readFileSync(resolve(FIXTURES, file), 'utf8');
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  replaceDocument(html);
}

function replaceDocument(html: string) {
  // Without the page's stylesheet and script links, which happy-dom would try to fetch.
  const parsed = new DOMParser().parseFromString(html.replace(/<(link|script)\b[^>]*>(<\/script>)?/gi, ''), 'text/html');
  document.documentElement.replaceChildren(document.importNode(parsed.head, true), document.importNode(parsed.body, true));
}

/** Every context a test made: each is invalidated after its test, so no key handler outlives it. */
const contexts: (() => void)[] = [];

function fakeContext() {
  const invalidated: (() => void)[] = [];
  contexts.push(() => invalidated.forEach((cb) => cb()));
  return {
    ctx: {
      isInvalid: false,
      addEventListener: (target: EventTarget, type: string, handler: EventListener) => {
        target.addEventListener(type, handler);
        invalidated.push(() => target.removeEventListener(type, handler));
      },
      onInvalidated: (cb: () => void) => void invalidated.push(cb),
    } as unknown as ReadingContext,
    invalidate: () => invalidated.forEach((cb) => cb()),
  };
}

const shadow = () => document.getElementById('pykala-panel')?.shadowRoot ?? null;

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  contexts.splice(0).forEach((invalidate) => invalidate());
  vi.restoreAllMocks();
});

describe('content script shell', () => {
  it('mounts the panel at the top of the content, in an open shadow root, without a background', async () => {
    load('reconstructed/ep10.kouvola.fi-meetingitem-2021587-11.html', 'http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11');
    const errors: unknown[] = [];
    const onError = (e: PromiseRejectionEvent) => errors.push(e.reason);
    window.addEventListener('unhandledrejection', onError);
    const { ctx, invalidate } = fakeContext();
    await mountReading(ctx);
    await new Promise((r) => setTimeout(r, 20));

    const host = document.getElementById('pykala-panel')!;
    expect(host.shadowRoot).not.toBeNull();
    // Right after the DATABEGIN marker: the page's own heading follows, nothing of the page is hidden.
    expect(host.previousSibling?.nodeType).toBe(Node.COMMENT_NODE);
    expect(shadow()!.querySelector('[data-field="title"]')?.textContent).toBe('Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021');
    expect(shadow()!.querySelector('[data-pykala="bookmark-state"]')?.getAttribute('data-bookmarked')).toBe('false');
    expect(errors).toEqual([]);
    window.removeEventListener('unhandledrejection', onError);

    invalidate();
    expect(document.getElementById('pykala-panel')).toBeNull();
  });

  it('remembers the collapsed state in storage.local', async () => {
    load('reconstructed/ep10.kouvola.fi-meetingitem-2021587-11.html', 'http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11');
    await fakeBrowser.storage.local.set({ 'reading.panelCollapsed': true });
    await mountReading(fakeContext().ctx);
    const button = shadow()!.querySelector<HTMLButtonElement>('[aria-controls="pk-body"]')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    await new Promise((r) => setTimeout(r, 10));
    expect((await fakeBrowser.storage.local.get('reading.panelCollapsed'))['reading.panelCollapsed']).toBe(false);
  });

  it('j follows the page link; keys typed into an input are left alone', async () => {
    load('reconstructed/ep10.kouvola.fi-meetingitem-2021587-11.html', 'http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11');
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    await mountReading(fakeContext().ctx);
    const input = document.createElement('input');
    document.body.append(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    expect(assign).not.toHaveBeenCalled();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
    expect(assign).toHaveBeenCalledWith('http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-12');
  });

  it('the pause key stops the other keys until pressed again, and is remembered', async () => {
    load('reconstructed/ep10.kouvola.fi-meetingitem-2021587-11.html', 'http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11');
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
    await mountReading(fakeContext().ctx);
    const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    expect(press('i')).toBe(false); // taken: default prevented
    expect(shadow()!.querySelector('.foot')?.textContent).toContain('reading_keysPausedShort');
    press('j');
    expect(assign).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 10));
    expect((await fakeBrowser.storage.local.get('reading.keysPaused'))['reading.keysPaused']).toBe(true);
    press('i');
    press('j');
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it("a meeting page remembers its item list without dropping those other tabs remembered while it loaded", async () => {
    load('reconstructed/ep10.kouvola.fi-meeting-2021587.html', 'http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meeting&id=2021587');
    const other = { 'http://127.0.0.1:8080|2021588': { at: Date.now(), items: [{ itemId: '2021588-1', url: null }] } };
    const local = fakeBrowser.storage.local;
    const get = local.get.bind(local);
    // Another meeting page (say, opened in the next tab at the same time) writes right after this one read storage.
    vi.spyOn(local, 'get').mockImplementationOnce(async (keys) => {
      const got = await get(keys);
      await local.set({ 'reading.meetingItems': other });
      return got;
    });
    await mountReading(fakeContext().ctx);
    await new Promise((r) => setTimeout(r, 20));
    const kept = (await get('reading.meetingItems'))['reading.meetingItems'] as Record<string, { items: { itemId: string | null }[] }>;
    expect(Object.keys(kept).sort()).toEqual(['http://127.0.0.1:8080|2021587', 'http://127.0.0.1:8080|2021588']);
    expect(kept['http://127.0.0.1:8080|2021587']!.items.map((i) => i.itemId)).toContain('2021587-11');
  });

  it('leaves a page that is not a Dynasty page alone', async () => {
    load('reconstructed/ep10.kouvola.fi-meetingitem-2021587-11.html', 'http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11');
    replaceDocument('<html><body><h1>Jokin muu</h1><p>Ei Dynasty.</p></body></html>');
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL('http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=search');
    await mountReading(fakeContext().ctx);
    expect(document.getElementById('pykala-panel')).toBeNull();
  });
});
