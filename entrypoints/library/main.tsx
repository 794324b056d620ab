/** The library page: wires the database, the search index, backup and sync to the view. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { database } from '@/lib/library/database';
import { recentBookmarks, resolveResults, type ResultView } from '@/lib/library/results';
import { removeBookmark, parseTags, saveBookmark } from '@/lib/library/bookmarks';
import { deleteItem } from '@/lib/library/recording';
import { BackupError, backupFileName, exportBackup, importBackup } from '@/lib/library/backup';
import { bookmarksToMarkdown } from '@/lib/library/markdown';
import { StorageFullError } from '@/lib/library/errors';
import { clearFailedPull, failedSync, pullFromSync, pushToSync, SYNC_STATUS_KEY, syncStatusMessage, type SyncArea, type SyncOutcome } from '@/lib/library/sync';
import { SearchEngine } from '@/lib/search/engine';
import { catchUp, loadIndex, rebuildIndex, saveIndex } from '@/lib/search/store';
import { LibraryView, type LibraryApi } from '@/components/library/LibraryView';
import type { ItemRecord } from '@/lib/db';
import '@/components/library/pages.css';

const db = database();
let engine: Promise<SearchEngine> = loadIndex(db).then(({ index }) => new SearchEngine(index));
const syncArea = browser.storage.sync as unknown as SyncArea;

/** After a change: re-index what changed and keep the snapshot current. */
async function refreshIndex(): Promise<void> {
  const e = await engine;
  if ((await catchUp(db, e.index)) > 0) void saveIndex(db, e.index).catch(() => undefined);
}

function download(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function plain(error: unknown): Error {
  if (error instanceof BackupError) return new Error(t(`library_import_${error.problem}`));
  if (error instanceof StorageFullError) return new Error(t('library_storageFull'));
  return error instanceof Error ? error : new Error(String(error));
}

async function syncNow(): Promise<void> {
  const outcome = await pushToSync(db, syncArea).catch(failedSync);
  await browser.storage.local.set({ [SYNC_STATUS_KEY]: outcome });
}

const api: LibraryApi = {
  async search(query, facets) {
    const e = await engine;
    const result = e.search(query, { facets, limit: 100 });
    return { results: await resolveResults(db, result), total: result.total, facets: result.facets, corrections: result.corrections };
  },
  async bookmarks() {
    const all = await recentBookmarks(db, 10_000);
    return all;
  },
  async saveBookmark(ref, note, tags) {
    await saveBookmark(db, { ...ref, note, tags: parseTags(tags) }).catch((e: unknown) => Promise.reject(plain(e)));
    await refreshIndex();
    void syncNow();
  },
  async removeBookmark(ref) {
    await removeBookmark(db, ref);
    await refreshIndex();
    void syncNow();
  },
  async deleteItem(ref) {
    await deleteItem(db, ref.portal, ref.itemId);
    await refreshIndex();
    // Without this the synced copy would bring the item's bookmark back on the next pull.
    void syncNow();
  },
  async exportBackup() {
    const backup = await exportBackup(db);
    download(backupFileName(), JSON.stringify(backup), 'application/json');
  },
  async exportMarkdown() {
    const marks = await db.bookmarks.toArray();
    const items = (await db.items.bulkGet(marks.map((b) => [b.portal, b.itemId]) as never[])) as (ItemRecord | undefined)[];
    const byKey = new Map<string, ItemRecord>();
    items.forEach((i) => i && byKey.set(`${i.portal}|${i.itemId}`, i));
    const text = bookmarksToMarkdown(marks, byKey, {
      heading: t('library_markdownHeading'),
      untagged: t('library_untagged'),
      exported: t('library_markdownExported'),
    });
    download(`pykala-bookmarks-${new Date().toISOString().slice(0, 10)}.md`, text, 'text/markdown');
  },
  async importBackup(file) {
    let summary;
    try {
      summary = await importBackup(db, await file.text());
    } catch (error) {
      throw plain(error);
    }
    await refreshIndex();
    void syncNow();
    return t('library_importDone', [String(summary.items), String(summary.bookmarks)]);
  },
  async rebuild(onProgress) {
    const index = await rebuildIndex(db, onProgress);
    engine = Promise.resolve(new SearchEngine(index));
    await saveIndex(db, index);
  },
  open(result: ResultView) {
    if (result.url) void browser.tabs.create({ url: result.url });
  },
  async syncMessage() {
    await pulled;
    return syncStatusMessage((await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY] as SyncOutcome | undefined, t);
  },
};

// Bookmarks made on another device arrive through sync storage.
const pulled = pullFromSync(db, syncArea)
  .then(async (n) => {
    await clearFailedPull(browser.storage.local);
    if (n > 0) await refreshIndex();
  })
  .catch((error: unknown) => browser.storage.local.set({ [SYNC_STATUS_KEY]: failedSync(error, 'pull') }));

const [focus, params] = location.hash.replace(/^#/, '').split('?');
const initialQuery = new URLSearchParams(params ?? '').get('q') ?? '';

render(
  <LibraryView t={t} api={api} initialQuery={initialQuery} focus={focus === 'bookmarks' ? 'bookmarks' : 'search'} />,
  document.getElementById('app')!,
);
