/**
 * The key dispatcher: decides whether a keydown is ours and which action it means. Pure: it reads a
 * few properties of the event and its target and never touches the page.
 *
 * Guards, in order: a key already handled by the page (defaultPrevented) or held with Ctrl, Alt or
 * Meta is never ours; nor is a key typed into an input, textarea, select or contenteditable (looked up
 * through shadow roots via composedPath, so our own note field counts too); nor is Enter on a focused
 * link, button or summary (it activates what has focus); while paused, only the pause key is ours.
 */
import { actionForKey, type Action, type KeyMap } from './keymap';

export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  defaultPrevented?: boolean;
  isComposing?: boolean;
  target: EventTarget | null;
  composedPath?: () => EventTarget[];
}

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
  getAttribute?: (name: string) => string | null;
  closest?: (selector: string) => unknown;
}

/** Input types that take typed text ('' is a plain <input>). */
const TEXT_INPUT_TYPES = /^(|text|search|email|url|tel|password|number|date|datetime-local|month|time|week)$/;

/** The element's tag in upper case; '' for targets that are not elements (window, document). */
const tagOf = (el: ElementLike) => String(el.tagName ?? '').toUpperCase();

/** True for an element that takes typed text. */
export function isTypingTarget(node: unknown): boolean {
  const el = node as ElementLike | null;
  if (typeof el !== 'object' || !el) return false;
  const tag = tagOf(el);
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.test(String(el.type ?? '').toLowerCase());
  const editable = el.getAttribute?.('contenteditable');
  return (
    !!el.isContentEditable ||
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    (editable != null && editable !== 'false') ||
    /^(textbox|combobox|searchbox)$/.test(el.getAttribute?.('role') ?? '')
  );
}

/**
 * True for an element that Enter activates by itself: a link, a button, a summary, a non-text input.
 * The links of our own item list are not: there Enter opens the selected row, whose link has focus.
 */
export function isActivatableTarget(node: unknown): boolean {
  const el = node as ElementLike | null;
  if (typeof el !== 'object' || !el || el.closest?.('[data-pykala="items"]')) return false;
  const tag = tagOf(el);
  if (tag === 'A' || tag === 'AREA') return el.getAttribute?.('href') != null;
  return /^(BUTTON|SUMMARY|INPUT)$/.test(tag) || /^(button|link|menuitem|tab|checkbox|radio|option)$/.test(el.getAttribute?.('role') ?? '');
}

/** The action a keydown asks for, or null when the key is not ours to take. */
export function resolveKey(event: KeyEventLike, map: KeyMap, paused: boolean): Action | null {
  // Through shadow roots: the real origin is the first entry of the composed path.
  const origin = event.composedPath?.()[0] ?? event.target;
  const action =
    event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey || isTypingTarget(origin) || (event.key === 'Enter' && isActivatableTarget(origin))
      ? null
      : actionForKey(map, event.key);
  return paused && action !== 'pause' ? null : action;
}
