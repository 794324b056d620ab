/**
 * The reading key map: one table of actions and their default keys. resolveKey (keys.ts), the help
 * overlay and the options page all read this same table, so what the help says is what the keys do.
 * A user's map lives in storage.sync under KEYMAP_STORAGE_KEY as `{ action: key }` (only overrides).
 */

/** Keys as `KeyboardEvent.key` reports them (layout-aware: `?` is whatever the user types as ?). */
export const DEFAULT_KEYMAP = Object.freeze({
  next: 'j',
  previous: 'k',
  open: 'Enter',
  up: 'u',
  proposal: 'p',
  decision: 'd',
  attachments: 'a',
  pdf: 'o',
  bookmark: 'b',
  search: '/',
  help: '?',
  close: 'Escape',
  pause: 'i',
});

export type Action = keyof typeof DEFAULT_KEYMAP;

export type KeyMap = Record<Action, string>;

/** Every action, in the order help and options list them. */
export const ACTIONS = Object.keys(DEFAULT_KEYMAP) as readonly Action[];

export const KEYMAP_STORAGE_KEY = 'reading.keymap';

/** Keys that cannot be bound: they move focus, scroll or are modifiers by themselves. */
const UNBINDABLE = /^(Tab| |Shift|Control|Alt|AltGraph|Meta|CapsLock|Dead|Unidentified|Process)$/;

/** A key the user may bind: one printable character, or a named key (at most 12 letters) that is not reserved. */
export function isBindableKey(key: unknown): key is string {
  return typeof key === 'string' && !UNBINDABLE.test(key) && ([...key].length === 1 ? /\S/.test(key) : /^[A-Z][A-Za-z0-9]{1,11}$/.test(key));
}

/** Defaults with the user's valid overrides applied; anything malformed in storage is ignored. */
export function mergeKeyMap(stored: unknown): KeyMap {
  const map: KeyMap = { ...DEFAULT_KEYMAP };
  // Object(): null and undefined give {}, other non-objects a wrapper without these keys.
  const given = Object(stored) as Record<string, unknown>;
  for (const action of ACTIONS) {
    const key = given[action];
    if (isBindableKey(key)) map[action] = key;
  }
  return map;
}

/** Only what differs from the defaults, so that changing a default later reaches every user. */
export function keyMapOverrides(map: KeyMap): Partial<KeyMap> {
  const out: Partial<KeyMap> = {};
  for (const action of ACTIONS) if (map[action] !== DEFAULT_KEYMAP[action]) out[action] = map[action];
  return out;
}

/** Actions that share a key with another action (the options page refuses to save those). */
export function conflicts(map: KeyMap): Action[] {
  const byKey = new Map<string, Action[]>();
  for (const action of ACTIONS) byKey.set(map[action], [...(byKey.get(map[action]) ?? []), action]);
  return [...byKey.values()].filter((actions) => actions.length > 1).flat();
}

/** The action bound to a key, if any. */
export function actionForKey(map: KeyMap, key: string): Action | null {
  for (const action of ACTIONS) if (map[action] === key) return action;
  return null;
}

/** How a key is printed in help and options: `Esc`, `Enter`, single characters as they are. */
const KEY_LABELS: Record<string, string | undefined> = { Escape: 'Esc', ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→' };

/** A plain object is safe here: no bindable key names a property of Object.prototype. */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

/** The storage area the key map is read from and written to (storage.sync), injected for tests. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadKeyMap(area: StorageAreaLike): Promise<KeyMap> {
  try {
    const got = await area.get(KEYMAP_STORAGE_KEY);
    return mergeKeyMap(got[KEYMAP_STORAGE_KEY]);
  } catch {
    return { ...DEFAULT_KEYMAP };
  }
}

export async function saveKeyMap(area: StorageAreaLike, map: KeyMap): Promise<void> {
  await area.set({ [KEYMAP_STORAGE_KEY]: keyMapOverrides(map) });
}
