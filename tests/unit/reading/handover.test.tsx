// @vitest-environment happy-dom
/**
 * The hand-over between two copies of the content script in one tab (re-injected, or the extension
 * reloaded): the content script's own ContentScriptContext (aliased in for its build) and the shell
 * together leave one panel and one key handler, and the own context and WXT's stop each other, so a
 * copy built before the switch hands over too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';
import { ContentScriptContext } from '@/entrypoints/dynasty.content/context';
import { mountReading } from '@/entrypoints/dynasty.content/mount';

vi.mock('@/lib/i18n', () => ({ t: (key: string) => key }));

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/dynasty');

function load(file: string, url: string) {
  const html = readFileSync(resolve(FIXTURES, file), 'utf8');
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  const parsed = new DOMParser().parseFromString(html.replace(/<(link|script)\b[^>]*>(<\/script>)?/gi, ''), 'text/html');
  document.documentElement.replaceChildren(document.importNode(parsed.head, true), document.importNode(parsed.body, true));
}

beforeEach(() => {
  fakeBrowser.reset();
});

it('a second and a third copy of the script leave one panel and one key handler', async () => {
  load('reconstructed/ep10.kouvola.fi-meetingitem-2021587-11.html', 'http://127.0.0.1:8080/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11');
  const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined);
  // The second copy starts while the first is still reading its settings, the third after both mounted.
  const first = mountReading(new ContentScriptContext('dynasty'));
  const second = mountReading(new ContentScriptContext('dynasty'));
  await Promise.all([first, second]);
  expect(document.querySelectorAll('#pykala-panel').length).toBe(1);
  await mountReading(new ContentScriptContext('dynasty'));
  expect(document.querySelectorAll('#pykala-panel').length).toBe(1);
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
  expect(assign).toHaveBeenCalledTimes(1);
  // A later copy that shows nothing still stops this one: no panel, no key handler left behind.
  new ContentScriptContext('dynasty');
  expect(document.querySelectorAll('#pykala-panel').length).toBe(0);
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
  expect(assign).toHaveBeenCalledTimes(1);
  assign.mockRestore();
});

it("the own context and WXT's stop each other (same event name and detail)", () => {
  const wxt = new WxtContext('dynasty');
  const own = new ContentScriptContext('dynasty');
  expect(wxt.isInvalid).toBe(true);
  expect(own.isInvalid).toBe(false);
  new WxtContext('dynasty');
  expect(own.isInvalid).toBe(true);
});
