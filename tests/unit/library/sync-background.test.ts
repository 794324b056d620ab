/** The worker merges what another device wrote to sync storage without waiting for the library page. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { removeBookmark, saveBookmark } from '@/lib/library/bookmarks';
import { wireSyncPull } from '@/lib/library/handlers';
import { pullFromSync, pushToSync, type SyncArea } from '@/lib/library/sync';
import { closeAll, freshDb, PORTAL } from './helpers';

beforeEach(() => fakeBrowser.reset());
afterEach(closeAll);

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('sync storage changes in the background', () => {
  it('a bookmark deleted on another device leaves this one as soon as the deletion arrives', async () => {
    const area = browser.storage.sync as unknown as SyncArea;
    const here = freshDb();
    const other = freshDb();
    await saveBookmark(other, { portal: PORTAL, itemId: '1-1', note: 'molemmilla', tags: [] });
    await pushToSync(other, area);
    await pullFromSync(here, area);
    expect(await here.bookmarks.count()).toBe(1);

    wireSyncPull(() => here, 10);
    await removeBookmark(other, { portal: PORTAL, itemId: '1-1' });
    await pushToSync(other, area);
    await until(async () => (await here.bookmarks.count()) === 0);
    expect(await here.bookmarks.count()).toBe(0);
  });
});
