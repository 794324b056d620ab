/** The library's own settings (pause, excluded portals), kept in the database's kv table. */
import type { PykalaDatabase } from '../db';

export interface LibrarySettings {
  /** Recording paused: pages are not stored (bookmarking still works). */
  paused: boolean;
  /** Portals (base URLs) whose pages are never recorded. */
  excludedPortals: string[];
}

export const SETTINGS_KEY = 'library/settings';
export const DEFAULT_SETTINGS: LibrarySettings = { paused: false, excludedPortals: [] };

export function cleanSettings(value: unknown): LibrarySettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<LibrarySettings>;
  return {
    paused: v.paused === true,
    excludedPortals: Array.isArray(v.excludedPortals) ? v.excludedPortals.filter((p): p is string => typeof p === 'string') : [],
  };
}

export async function getSettings(db: PykalaDatabase): Promise<LibrarySettings> {
  return cleanSettings((await db.kv.get(SETTINGS_KEY))?.value);
}

export async function setSettings(db: PykalaDatabase, patch: Partial<LibrarySettings>): Promise<LibrarySettings> {
  return db.transaction('rw', db.kv, async () => {
    const next = cleanSettings({ ...(await getSettings(db)), ...patch });
    next.excludedPortals = [...new Set(next.excludedPortals)].sort();
    await db.kv.put({ key: SETTINGS_KEY, value: next });
    return next;
  });
}
