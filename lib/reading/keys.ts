/**
 * Decides whether a keydown is ours and which action it means. It reads the event and asks its target
 * element what it is (matches, closest), and never changes the page.
 *
 * Guards, in order: a key already handled by the page (defaultPrevented) or held with Ctrl, Alt or
 * Meta is never ours; nor is a key typed into an input, textarea, select or contenteditable (looked up
 * through shadow roots via composedPath, so our own note field counts too, and into the page's closed
 * ones through `shadowRootOf`); nor is Enter on a focused
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

/** The input types that take no typed text; every other one does (the DOM reports a plain or unknown type as 'text'). */
const NON_TEXT_INPUT_TYPES = /^(button|checkbox|color|file|hidden|image|radio|range|reset|submit)$/;

const roleIn = (el: Element, roles: RegExp) => roles.test(el.getAttribute('role')!);

/** True for an element that takes typed text. */
export function isTypingTarget(el: unknown): boolean {
  return (
    el instanceof Element &&
    (el instanceof HTMLInputElement
      ? !NON_TEXT_INPUT_TYPES.test(el.type)
      : (el as HTMLElement).isContentEditable || el.matches('textarea,select,[contenteditable]:not([contenteditable=false])') || roleIn(el, /^(textbox|combobox|searchbox)$/))
  );
}

/**
 * True for an element that Enter activates by itself: a link, a button, a summary, a non-text input.
 * The links of our own item list are not: there Enter opens the selected row, whose link has focus.
 */
export function isActivatableTarget(el: unknown): boolean {
  return (
    el instanceof Element &&
    !el.closest('#pk-items') &&
    (el.matches('a[href],area[href],button,summary,input') || roleIn(el, /^(button|link|menuitem|tab|checkbox|radio|option)$/))
  );
}

/** A shadow root of an element, closed ones included (the extension API can; the page's cannot). */
export type ShadowRootOf = (el: Element) => { activeElement: Element | null } | null;

/** The action a keydown asks for, or null when the key is not ours to take. */
export function resolveKey(event: KeyEventLike, map: KeyMap, paused: boolean, shadowRootOf?: ShadowRootOf): Action | null {
  // Through open shadow roots: the real origin is the first entry of the composed path. A closed one
  // shows only its host there; what has focus inside it is the origin.
  let origin = event.composedPath?.()[0] ?? event.target;
  for (let inner; origin instanceof Element && (inner = shadowRootOf?.(origin)?.activeElement); ) origin = inner;
  const action =
    event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey || isTypingTarget(origin) || (event.key === 'Enter' && isActivatableTarget(origin))
      ? null
      : actionForKey(map, event.key);
  return paused && action !== 'pause' ? null : action;
}
