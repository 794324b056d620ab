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

const TEXT_INPUT_TYPES = new Set([
  '', 'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week',
]);

/** True for an element that takes typed text. */
export function isTypingTarget(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const el = node as ElementLike;
  if (el.isContentEditable) return true;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has(String(el.type ?? '').toLowerCase());
  const editable = el.getAttribute?.('contenteditable');
  if (editable !== null && editable !== undefined && editable !== 'false') return true;
  const role = el.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox';
}

/**
 * True for an element that Enter activates by itself: a link, a button, a summary, a non-text input.
 * The links of our own item list are not: there Enter opens the selected row, whose link has focus.
 */
export function isActivatableTarget(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const el = node as ElementLike;
  if (typeof el.closest === 'function' && el.closest('[data-pykala="items"]')) return false;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'INPUT') return true;
  if (tag === 'A' || tag === 'AREA') return el.getAttribute?.('href') != null;
  const role = el.getAttribute?.('role');
  return role === 'button' || role === 'link' || role === 'menuitem' || role === 'tab' || role === 'checkbox' || role === 'radio' || role === 'option';
}

function eventOrigin(event: KeyEventLike): unknown {
  const path = event.composedPath?.();
  return path && path.length ? path[0] : event.target;
}

/** The action a keydown asks for, or null when the key is not ours to take. */
export function resolveKey(event: KeyEventLike, map: KeyMap, paused: boolean): Action | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const origin = eventOrigin(event);
  if (isTypingTarget(origin)) return null;
  if (event.key === 'Enter' && isActivatableTarget(origin)) return null;
  const action = actionForKey(map, event.key);
  if (!action) return null;
  if (paused && action !== 'pause') return null;
  return action;
}

/**
 * Holds the pause state and calls the handler for each action. `handle` returns false when the action
 * does not apply on this page (the key then goes on to the page untouched).
 */
export function createKeyDispatcher(options: {
  getMap: () => KeyMap;
  handle: (action: Action) => boolean;
  paused?: boolean;
  onPauseChange?: (paused: boolean) => void;
}) {
  let paused = options.paused ?? false;
  return {
    get paused() {
      return paused;
    },
    setPaused(value: boolean) {
      paused = value;
    },
    /** Returns true when the event was taken (the caller then prevents its default). */
    onKeyDown(event: KeyEventLike): boolean {
      const action = resolveKey(event, options.getMap(), paused);
      if (!action) return false;
      if (action === 'pause') {
        paused = !paused;
        options.onPauseChange?.(paused);
        return true;
      }
      return options.handle(action);
    },
  };
}
