/** The background's answers to the library's messages (the content script cannot open the database). */
import { browser } from 'wxt/browser';
import type { PykalaDatabase } from '../db';
import { database } from './database';

/** Also used by the feed watcher's background wiring. */
export { database };
import type { Handlers } from '../messages';
import { getBookmark, removeBookmark, saveBookmark } from './bookmarks';
import { itemMarkers, recordPage } from './recording';
import { clearFailedPull, failedSync, isSyncedBookmarkKey, pullFromSync, pushToSync, SYNC_STATUS_KEY, type SyncArea } from './sync';
import { StorageFullError } from './errors';
import { t } from '../i18n';


/** Bookmarks changed: push them to sync storage a little later (several edits, one write). */
let syncTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleSync(db: PykalaDatabase): void {
  if (syncTimer) clearTimeout(syncTimer);
  syncTimer = setTimeout(() => {
    syncTimer = null;
    const area = browser.storage?.sync as unknown as SyncArea | undefined;
    if (area) void pushToSync(db, area).catch(failedSync).then((outcome) => browser.storage.local.set({ [SYNC_STATUS_KEY]: outcome }));
  }, 2000);
}

/**
 * Bookmarks or deletions arrived in sync storage (from another device, or this one's own push, which
 * then merges to nothing): merge them here a little later, one pull for a burst of keys, so that a
 * bookmark deleted elsewhere leaves the popup and the page panel without waiting for the library page.
 * Call at the worker's top level.
 */
export function wireSyncPull(db: () => PykalaDatabase = database, delayMs = 2000): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== 'sync' || !Object.keys(changes).some(isSyncedBookmarkKey)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      // A failed pull is kept for the library page to say; what is on this device stays as it was.
      void pullFromSync(db(), browser.storage.sync as unknown as SyncArea)
        .then(() => clearFailedPull(browser.storage.local))
        .catch((error: unknown) => browser.storage.local.set({ [SYNC_STATUS_KEY]: failedSync(error, 'pull') }));
    }, delayMs);
  });
}

/** A full disk becomes a sentence the page can show as it is. */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StorageFullError) throw new Error(t('library_storageFull'));
    throw error;
  }
}

export function libraryHandlers(db: () => PykalaDatabase = database): Handlers {
  return {
    'page/seen': async ({ page }) => plainly(() => recordPage(db(), page)),
    'items/markers': async ({ portal, itemIds }) => itemMarkers(db(), portal, Array.isArray(itemIds) ? itemIds : []),
    'bookmark/get': async (ref) => getBookmark(db(), ref),
    'bookmark/save': async (request) => {
      await plainly(() => saveBookmark(db(), request));
      scheduleSync(db());
      return { ok: true };
    },
    'bookmark/remove': async (ref) => {
      await removeBookmark(db(), ref);
      scheduleSync(db());
      return { ok: true };
    },
  };
}
