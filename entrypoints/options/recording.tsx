/** The options page's recording section, wired to the database and sync storage. */
import { browser } from 'wxt/browser';
import { RecordingSection, type RecordingApi } from '@/components/options/RecordingSection';
import { t } from '@/lib/i18n';
import { database } from '@/lib/library/database';
import { deleteEverything, deletePortal } from '@/lib/library/recording';
import { getSettings, setSettings } from '@/lib/library/settings';
import { failedSync, pushToSync, SYNC_STATUS_KEY, type SyncArea } from '@/lib/library/sync';

/**
 * Settings travel with sync storage; a full quota only means they stay on this device. A failure is
 * recorded as the sync status (shown in the library), never dropped.
 */
async function syncSettings(): Promise<void> {
  const outcome = await pushToSync(database(), browser.storage.sync as unknown as SyncArea).catch(failedSync);
  await browser.storage.local.set({ [SYNC_STATUS_KEY]: outcome });
}

export const recordingApi: RecordingApi = {
  async load() {
    const db = database();
    const settings = await getSettings(db);
    const counts = new Map<string, number>();
    await db.items.orderBy('portal').eachKey((portal) => counts.set(String(portal), (counts.get(String(portal)) ?? 0) + 1));
    return { settings, portals: [...counts.entries()].map(([portal, count]) => ({ portal, count })) };
  },
  async setPaused(paused) {
    await setSettings(database(), { paused });
    await syncSettings();
  },
  async setExcluded(portal, excluded) {
    const db = database();
    const { excludedPortals } = await getSettings(db);
    await setSettings(db, { excludedPortals: excluded ? [...excludedPortals, portal] : excludedPortals.filter((p) => p !== portal) });
    await syncSettings();
  },
  async deletePortal(portal) {
    await deletePortal(database(), portal);
    // Its bookmarks leave the synced copy too, or the library would pull them back.
    await syncSettings();
  },
  async deleteEverything() {
    await deleteEverything(database());
    // Clear the synced copy too, or the bookmarks would come back from sync storage.
    await syncSettings();
  },
};

export function RecordingOptions() {
  return <RecordingSection t={t} api={recordingApi} />;
}
