/** The popup: wires the database, the persisted search index and the feed watcher's New section. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { database } from '@/lib/library/database';
import { recentBookmarks, recentItems, resolveResults, type ResultView } from '@/lib/library/results';
import { SearchEngine } from '@/lib/search/engine';
import { catchUp, loadIndex, loadSnapshot, saveIndex } from '@/lib/search/store';
import { PopupView, type PopupSearch } from '@/components/popup/PopupView';
import { NewSection } from '@/components/popup/NewSection';
import { feedsClient } from '@/lib/feeds/client';
import '@/components/library/pages.css';

performance.mark('pykala:script');
const db = database();
// Start loading the index at once: it is what the first keystroke needs.
// The saved snapshot answers the first keystroke; what changed since it was saved (items read, bookmarks
// made, feed entries) is indexed right after, and the shown results are refreshed if anything changed.
// Only the snapshot's manifest is read here; each search reads the posting chunks and metadata blocks
// it needs (SearchEngine.searchAsync), so the first results do not wait for the whole snapshot.
let ready = loadSnapshot(db).then(async (snapshot) => {
  performance.mark('pykala:index-ready');
  if (snapshot) return { engine: new SearchEngine(snapshot), fresh: false };
  const { index } = await loadIndex(db);
  return { engine: new SearchEngine(index), fresh: true };
});
let onCaughtUp: () => void = () => undefined;
// Catching up reads the whole snapshot when anything changed (to add to its postings), so it waits for
// the first results (or a second without a query) instead of competing with the first search's reads.
let startCatchUp: () => void = () => undefined;
const catchUpStarts = new Promise<void>((resolve) => {
  startCatchUp = resolve;
  setTimeout(resolve, 1000);
});
void Promise.all([ready, catchUpStarts]).then(async ([{ engine, fresh }]) => {
  if (fresh) return;
  if ((await catchUp(db, engine.index)) > 0) {
    onCaughtUp();
    void saveIndex(db, engine.index).catch(() => undefined);
  }
});

let searched = false;
async function search(query: string): Promise<PopupSearch> {
  if (!searched) performance.mark('pykala:first-query');
  searched = true;
  const { engine } = await ready;
  const options = { limit: 20, counts: false };
  const result = await engine.searchAsync(query, options).catch(async () => {
    // The snapshot was replaced while this popup read it: load the current one whole.
    ready = loadIndex(db).then(({ index }) => ({ engine: new SearchEngine(index), fresh: true }));
    return (await ready).engine.search(query, options);
  });
  performance.mark('pykala:searched');
  const results = await resolveResults(db, result);
  performance.mark('pykala:resolved');
  return { results, total: result.total, corrections: result.corrections };
}

function open(result: ResultView): void {
  if (result.url) void browser.tabs.create({ url: result.url });
  window.close();
}

function openLibrary(query: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/library.html#search${query ? `?q=${encodeURIComponent(query)}` : ''}` as '/library.html') });
  window.close();
}

let marked = false;
function firstResults(): void {
  if (marked) return;
  marked = true;
  performance.mark('pykala:first-results');
  startCatchUp();
}

function Popup() {
  const [recent, setRecent] = useState<ResultView[]>([]);
  const [bookmarks, setBookmarks] = useState<ResultView[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    onCaughtUp = () => setRevision((r) => r + 1);
    void Promise.all([recentItems(db), recentBookmarks(db)]).then(([r, b]) => {
      setRecent(r);
      setBookmarks(b);
      setLoaded(true);
    });
    ready.catch((error: unknown) => setStatus(`${t('library_indexFailed')} ${error instanceof Error ? error.message : ''}`));
  }, []);
  return (
    <PopupView
      t={t}
      search={search}
      recent={recent}
      bookmarks={bookmarks}
      open={open}
      openLibrary={openLibrary}
      status={status}
      loaded={loaded}
      revision={revision}
      onResults={firstResults}
      newSection={<NewSection t={t} api={feedsClient} />}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
