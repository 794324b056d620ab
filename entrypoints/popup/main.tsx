/** The popup: wires the database, the persisted search index and the feed watcher's New section. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { database } from '@/lib/library/database';
import { recentBookmarks, recentItems, resolveResults, type ResultView } from '@/lib/library/results';
import { SearchEngine } from '@/lib/search/engine';
import { loadIndex } from '@/lib/search/store';
import { PopupView, type PopupSearch } from '@/components/popup/PopupView';
import { NewSection } from '@/components/popup/NewSection';
import { feedsClient } from '@/lib/feeds/client';

performance.mark('pykala:script');
const db = database();
// Start loading the index at once: it is what the first keystroke needs.
const ready = loadIndex(db).then(({ index }) => {
  performance.mark('pykala:index-ready');
  return new SearchEngine(index);
});

async function search(query: string): Promise<PopupSearch> {
  const engine = await ready;
  const result = engine.search(query, { limit: 20, counts: false });
  return { results: await resolveResults(db, result), total: result.total, corrections: result.corrections };
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
}

function Popup() {
  const [recent, setRecent] = useState<ResultView[]>([]);
  const [bookmarks, setBookmarks] = useState<ResultView[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
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
      onResults={firstResults}
      newSection={<NewSection t={t} api={feedsClient} />}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
