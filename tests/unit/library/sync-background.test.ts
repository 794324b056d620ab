/** The worker merges what another device wrote to sync storage without waiting for the library page. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { removeBookmark, saveBookmark } from '@/lib/library/bookmarks';
import { wireSyncPull } from '@/lib/library/handlers';
import { failedSync, pullFromSync, pushToSync, SYNC_STATUS_KEY, syncStatusMessage, type SyncArea, type SyncOutcome } from '@/lib/library/sync';
import { resolve } from 'node:path';
import { LANGUAGES, loadAllCatalogues } from '@/lib/locales';
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

  it('a pull that fails is kept as the sync status the library page shows, and nothing here is lost', async () => {
    const area = browser.storage.sync as unknown as SyncArea;
    const here = freshDb();
    await saveBookmark(here, { portal: PORTAL, itemId: '1-1', note: 'tallessa', tags: [] });
    const other = freshDb();
    await saveBookmark(other, { portal: PORTAL, itemId: '2-2', note: 'toisella', tags: [] });
    // The worker's database fails to read (a broken or closed database).
    const broken = { ...here, transaction: () => Promise.reject(new Error('levy ei vastaa')) } as unknown as typeof here;
    wireSyncPull(() => broken, 10);
    await pushToSync(other, area);
    const status = async () => (await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY] as SyncOutcome | undefined;
    await until(async () => (await status()) !== undefined);
    expect(await status()).toEqual({ ok: false, reason: 'error', detail: 'levy ei vastaa', pull: true });
    expect((await here.bookmarks.toArray()).map((b) => b.note)).toEqual(['tallessa']);
  });

  it('a failed pull is no longer said once a later pull went well', async () => {
    const area = browser.storage.sync as unknown as SyncArea;
    const here = freshDb();
    const other = freshDb();
    const broken = { ...here, transaction: () => Promise.reject(new Error('levy ei vastaa')) } as unknown as typeof here;
    let current = broken;
    wireSyncPull(() => current, 10);
    const status = async () => (await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY] as SyncOutcome | undefined;
    await saveBookmark(other, { portal: PORTAL, itemId: '2-2', note: 'toisella', tags: [] });
    await pushToSync(other, area);
    await until(async () => (await status()) !== undefined);
    expect(syncStatusMessage(await status(), (k) => k)).toBe('library_syncFailed');

    current = here;
    await saveBookmark(other, { portal: PORTAL, itemId: '3-3', note: 'myöhemmin', tags: [] });
    await pushToSync(other, area);
    await until(async () => (await here.bookmarks.count()) === 2);
    await until(async () => (await status()) === undefined);
    expect(syncStatusMessage(await status(), (k) => k)).toBeNull();
  });
});

describe('the sync status in plain words', () => {
  const t = (key: string, substitutions?: string | string[]) => `${key}(${[substitutions ?? []].flat().join(',')})`;
  it('says nothing when the last sync went well or none ran', () => {
    expect(syncStatusMessage(undefined, t)).toBeNull();
    expect(syncStatusMessage({ ok: true, bookmarks: 3 }, t)).toBeNull();
  });
  it('names a full quota and any other failure with its cause', () => {
    // The browser refused the write: nothing went.
    expect(syncStatusMessage({ ok: false, reason: 'quota', detail: 'QUOTA_BYTES quota exceeded' }, t)).toBe('library_syncQuota()');
    expect(syncStatusMessage({ ok: false, reason: 'error', detail: 'levy ei vastaa' }, t)).toBe('library_syncFailed(levy ei vastaa)');
  });
  it("tells a full quota from the browser's write-rate limit, which only means try again later", () => {
    expect(failedSync(new Error('QUOTA_BYTES quota exceeded'))).toMatchObject({ reason: 'quota' });
    expect(failedSync(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'))).toMatchObject({ reason: 'quota' });
    expect(failedSync(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'))).toMatchObject({ reason: 'error' });
    expect(failedSync(new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded'))).toMatchObject({ reason: 'error' });
  });
  it('says how many of how many bookmarks went when not all fit (the newest), and nothing when only old markers were left out', () => {
    expect(syncStatusMessage({ ok: false, reason: 'quota', detail: '280000 bytes', synced: 180, total: 420 }, t)).toBe('library_syncPartial(180,420)');
    expect(syncStatusMessage({ ok: false, reason: 'quota', detail: '280000 bytes', synced: 0, total: 420 }, t)).toBe('library_syncPartial(0,420)');
    expect(syncStatusMessage({ ok: false, reason: 'quota', detail: '95000 bytes', synced: 12, total: 12 }, t)).toBeNull();
  });
  it('reads in Finnish, Swedish and English with the counts in place', () => {
    const catalogues = loadAllCatalogues(resolve(__dirname, '../../../locales'));
    for (const lang of LANGUAGES) {
      const render = (key: string, subs?: string | string[]) => {
        const message = catalogues[lang][key]!;
        const values = [subs ?? []].flat();
        return message.message.replace(/\$(\w+)\$/g, (_, name: string) => {
          const content = message.placeholders?.[name.toLowerCase()]?.content ?? '';
          return values[Number(content.replace('$', '')) - 1] ?? '';
        });
      };
      const text = syncStatusMessage({ ok: false, reason: 'quota', detail: '', synced: 180, total: 420 }, render)!;
      expect(text, lang).toMatch(/180\D+420/);
    }
    const fi = catalogues.fi.library_syncPartial!.message;
    expect(fi).toContain('$SYNCED$ / $TOTAL$');
  });
});
