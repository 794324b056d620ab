// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  conflicts,
  DEFAULT_KEYMAP,
  isBindableKey,
  KEYMAP_STORAGE_KEY,
  keyMapOverrides,
  loadKeyMap,
  mergeKeyMap,
  saveKeyMap,
  type KeyMap,
} from '@/lib/reading/keymap';
import { isTypingTarget, resolveKey, type KeyEventLike } from '@/lib/reading/keys';

function key(k: string, extra: Partial<KeyEventLike> = {}): KeyEventLike {
  return { key: k, ctrlKey: false, altKey: false, metaKey: false, target: document.body, ...extra };
}
/** An element from markup, in the document (closest and matches see its real ancestors). */
function el(html: string): Element {
  const parsed = new DOMParser().parseFromString(html, 'text/html').body.firstElementChild!;
  return document.body.appendChild(document.importNode(parsed, true));
}
const map: KeyMap = { ...DEFAULT_KEYMAP };

describe('key map', () => {
  it('binds every action the issue names by default', () => {
    expect(DEFAULT_KEYMAP).toMatchObject({ next: 'j', previous: 'k', open: 'Enter', up: 'u', proposal: 'p', decision: 'd', attachments: 'a', pdf: 'o', bookmark: 'b', search: '/', help: '?', close: 'Escape' });
    expect(conflicts(DEFAULT_KEYMAP)).toEqual([]);
  });

  it('takes valid overrides from storage and ignores junk', () => {
    const merged = mergeKeyMap({ next: 'n', previous: 42, help: '<script>', up: ' ', bogus: 'x' });
    expect(merged.next).toBe('n');
    expect(merged.previous).toBe('k');
    expect(merged.help).toBe('?');
    expect(merged.up).toBe('u');
    expect(mergeKeyMap('garbage')).toEqual(DEFAULT_KEYMAP);
    expect(isBindableKey('ArrowDown')).toBe(true);
    expect(isBindableKey('Tab')).toBe(false);
  });

  it('stores only what differs from the defaults and reads it back', async () => {
    const store: Record<string, unknown> = {};
    const area = { get: async (k: string) => ({ [k]: store[k] }), set: async (items: Record<string, unknown>) => void Object.assign(store, items) };
    await saveKeyMap(area, { ...DEFAULT_KEYMAP, next: 'n' });
    expect(store[KEYMAP_STORAGE_KEY]).toEqual({ next: 'n' });
    expect((await loadKeyMap(area)).next).toBe('n');
    expect(keyMapOverrides(DEFAULT_KEYMAP)).toEqual({});
  });

  it('falls back to the defaults when storage fails', async () => {
    const area = { get: async () => Promise.reject(new Error('no')), set: async () => undefined };
    expect(await loadKeyMap(area)).toEqual(DEFAULT_KEYMAP);
  });

  it('reports actions sharing a key', () => {
    expect(conflicts({ ...DEFAULT_KEYMAP, up: 'j' }).sort()).toEqual(['next', 'up']);
  });
});

describe('key guards', () => {
  it('maps plain keys to actions', () => {
    for (const action of ACTIONS) expect(resolveKey(key(map[action]), map, false)).toBe(action);
  });

  it('never fires with Ctrl, Alt or Meta held', () => {
    expect(resolveKey(key('j', { ctrlKey: true }), map, false)).toBeNull();
    expect(resolveKey(key('j', { altKey: true }), map, false)).toBeNull();
    expect(resolveKey(key('j', { metaKey: true }), map, false)).toBeNull();
  });

  it('never fires while typing in inputs, textareas, selects or contenteditable', () => {
    const targets = [
      el('<input type="text">'),
      el('<input type="SEARCH">'),
      el('<input>'),
      el('<input type="made-up">'),
      el('<textarea></textarea>'),
      el('<select></select>'),
      el('<div contenteditable=""></div>'),
      el('<div contenteditable="true"></div>'),
      el('<div role="textbox"></div>'),
    ];
    for (const target of targets) {
      expect(isTypingTarget(target), target.outerHTML).toBe(true);
      expect(resolveKey(key('j', { target }), map, false)).toBeNull();
    }
    for (const target of [el('<input type="checkbox">'), el('<div contenteditable="false"></div>'), el('<p>x</p>'), window, null]) {
      expect(isTypingTarget(target)).toBe(false);
    }
  });

  it("looks into a page's closed shadow roots, which composedPath does not open: typing there is typing", () => {
    // A page widget (a chat box, say) with a closed shadow root: the window sees only its host.
    const host = el('<chat-widget></chat-widget>');
    const input = el('<input type="text">');
    const inner = el('<div></div>');
    const roots = new Map<Element, { activeElement: Element | null }>([
      [host, { activeElement: inner }],
      [inner, { activeElement: input }],
    ]);
    const event = key('j', { target: host, composedPath: () => [host] });
    expect(resolveKey(event, map, false, (e) => roots.get(e) ?? null)).toBeNull();
    // Nothing focused inside: the key is ours.
    expect(resolveKey(event, map, false, () => ({ activeElement: null }))).toBe('next');
  });

  it('looks through shadow roots: the real origin is the first entry of composedPath', () => {
    const host = el('<pykala-root></pykala-root>');
    const textarea = el('<textarea></textarea>');
    const event = key('j', { target: host, composedPath: () => [textarea, host] });
    expect(resolveKey(event, map, false)).toBeNull();
  });

  it('leaves Enter to a focused link, button or summary (page or panel), but still takes it elsewhere', () => {
    const focused = [el('<a href="/x">x</a>'), el('<button></button>'), el('<summary></summary>'), el('<input type="submit">'), el('<div role="button"></div>')];
    for (const target of focused) {
      expect(resolveKey(key('Enter', { target }), map, false), target.outerHTML).toBeNull();
      expect(resolveKey(key('j', { target }), map, false)).toBe('next');
    }
    const host = el('<pykala-root></pykala-root>');
    expect(resolveKey(key('Enter', { target: host, composedPath: () => [el('<button></button>'), host] }), map, false)).toBeNull();
    expect(resolveKey(key('Enter', { target: el('<a>no address</a>') }), map, false)).toBe('open');
    expect(resolveKey(key('Enter'), map, false)).toBe('open');
    // The focused link of the selected row in our own item list: Enter opens that row.
    const list = el('<ol id="pk-items"><li><a href="https://p.example/x">x</a></li></ol>');
    expect(resolveKey(key('Enter', { target: list.querySelector('a') }), map, false)).toBe('open');
  });

  it('leaves keys the page already handled and keys during IME composition', () => {
    expect(resolveKey(key('j', { defaultPrevented: true }), map, false)).toBeNull();
    expect(resolveKey(key('j', { isComposing: true }), map, false)).toBeNull();
  });

  it('while paused, only the pause key is taken', () => {
    expect(resolveKey(key('i'), map, true)).toBe('pause');
    for (const action of ACTIONS.filter((a) => a !== 'pause')) expect(resolveKey(key(map[action]), map, true)).toBeNull();
    expect(resolveKey(key('x'), map, false)).toBeNull();
  });
});
