import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { recordingApi } from '@/entrypoints/options/recording';
import { database } from '@/lib/library/database';
import { saveBookmark } from '@/lib/library/bookmarks';
import { pullFromSync, pushToSync, type SyncArea } from '@/lib/library/sync';
import { recordPage } from '@/lib/library/recording';
import { page, PORTAL } from './helpers';

describe('options: deleting a portal', () => {
  it('also deletes its synced bookmarks, so that they do not come back from sync storage', async () => {
    const db = database();
    const area = browser.storage.sync as unknown as SyncArea;
    await recordPage(db, page('1-1'));
    await saveBookmark(db, { portal: PORTAL, itemId: '1-1', note: 'muista', tags: ['melu'] });
    expect(await pushToSync(db, area)).toEqual({ ok: true, bookmarks: 1 });
    await recordingApi.deletePortal(PORTAL);
    expect(await pullFromSync(db, area)).toBe(0);
    expect(await db.bookmarks.count()).toBe(0);
    expect(await db.items.count()).toBe(0);
  });
});
