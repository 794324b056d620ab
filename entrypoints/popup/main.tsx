/**
 * The popup: wires the database, the persisted search index and the feed watcher's New section.
 *
 * The first results are what the popup is opened for, so their path is kept short: the saved index's
 * head is read with plain IndexedDB from the first line of this script, and a search reads only the
 * dictionary blocks, posting chunks and metadata blocks it needs, then the records of the hits shown.
 * Recent items and bookmarks are plain reads too. What the first results do not need (Dexie for
 * catching up, the New section with its message to the background) starts once they are shown, or
 * after a moment when nothing is typed.
 */
import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
// The browser's own API instead of webextension-polyfill (10 kB less before the first results): the
// popup never listens for messages, the one thing the polyfill adapts (the New section, loaded later,
// brings it with its client).
import { browser } from '@/entrypoints/dynasty.content/browser';
import type { PykalaDatabase } from '@/lib/db';
import { recentBookmarks, recentItems, resolveResults, type ResultView } from '@/lib/library/results';
import { Searcher } from '@/lib/search/searcher';
import { openPlainDatabase, type PlainDatabase, type RecordTables } from '@/lib/search/plain-db';
import { catchUp, loadIndex, loadSnapshot, saveIndex } from '@/lib/search/store';
import { PopupView, type PopupSearch } from '@/components/popup/PopupView';
import '@/components/library/pages.css';

performance.mark('pykala:script');
/** lib/i18n's `t`, on the bare API (lib/i18n.ts brings the polyfill). */
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;
const t = (key: string, substitutions?: string | string[]): string => getMessage(key, substitutions) || key;
/** fuse.js is loaded only when a query word finds nothing as it is. */
const fuzzy = { load: () => import('@/lib/search/fuzzy').then((m) => m.closestWords) };
const plain = openPlainDatabase();
let dexie: Promise<PykalaDatabase> | null = null;
/** Dexie, loaded on first use (it is not on the first search's path). */
function database(): Promise<PykalaDatabase> {
  dexie ??= import('@/lib/library/database').then((m) => m.database());
  return dexie;
}

interface Ready {
  engine: Searcher;
  /** Built from the database just now (nothing to catch up). */
  fresh: boolean;
  records: RecordTables;
}

async function fromDatabase(): Promise<Ready> {
  const db = await database();
  const { index } = await loadIndex(db);
  return { engine: new Searcher(index, fuzzy), fresh: true, records: db };
}

// The saved snapshot answers the first keystroke; what changed since it was saved (items read, bookmarks
// made, feed entries) is indexed right after, and the shown results are refreshed if anything changed.
let ready: Promise<Ready> = plain.then(async (p) => {
  const snapshot = p ? await loadSnapshot(p.kv).catch(() => null) : null;
  performance.mark('pykala:index-ready');
  return snapshot ? { engine: new Searcher(snapshot, fuzzy), fresh: false, records: p!.tables } : fromDatabase();
});
let onCaughtUp: () => void = () => undefined;
// Work the first results do not need waits for them (or for a moment without a query) instead of
// competing with the first search on a busy machine. Catching up reads the whole snapshot when
// anything changed (to add to its postings), so it waits longer.
let shown: () => void = () => undefined;
const afterFirstResults = (ms: number) =>
  new Promise<void>((resolve) => {
    const previous = shown;
    shown = () => {
      previous();
      resolve();
    };
    setTimeout(resolve, ms);
  });
const secondaryStarts = afterFirstResults(400);
const catchUpStarts = afterFirstResults(1000);
let onIndexFailed: (error: unknown) => void = () => undefined;
void Promise.all([ready, catchUpStarts]).then(async ([{ engine, fresh }]) => {
  if (fresh) return;
  const db = await database();
  let changed: number;
  try {
    changed = await catchUp(db, engine.index);
  } catch {
    // The snapshot was replaced while this popup read it: load the current one whole and show its results
    // instead of keeping the old snapshot's.
    ready = fromDatabase();
    await ready.then(() => onCaughtUp(), onIndexFailed);
    return;
  }
  if (changed > 0) {
    onCaughtUp();
    void saveIndex(db, engine.index).catch(() => undefined);
  }
});

let searched = false;
async function search(query: string): Promise<PopupSearch> {
  if (!searched) performance.mark('pykala:first-query');
  searched = true;
  let { engine, records } = await ready;
  const options = { limit: 20, counts: false };
  let result;
  try {
    result = await engine.searchAsync(query, options);
  } catch {
    // The snapshot was replaced while this popup read it: load the current one whole.
    ready = fromDatabase();
    ({ engine, records } = await ready);
    result = await engine.searchAsync(query, options);
  }
  performance.mark('pykala:searched');
  const results = await resolveResults(records, result).catch(async () => resolveResults(await database(), result));
  performance.mark('pykala:resolved');
  const counted = engine;
  return {
    results,
    total: result.totalExact ? result.total : null,
    corrections: result.corrections,
    count: result.totalExact ? undefined : () => counted.exactTotal(query, options),
  };
}

function open(result: ResultView): void {
  if (result.url) void browser.tabs.create({ url: result.url });
  window.close();
}

function openLibrary(query: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/library.html#search${query ? `?q=${encodeURIComponent(query)}` : ''}` as '/library.html') });
  window.close();
}

let rendered = false;
function firstRendered(): void {
  if (!rendered) performance.mark('pykala:results-rendered');
  rendered = true;
}

let marked = false;
function firstResults(): void {
  if (marked) return;
  marked = true;
  performance.mark('pykala:first-results');
  shown();
}

/** The New section (feed watcher), loaded beside the first search instead of before it. */
function LazyNewSection() {
  const [section, setSection] = useState<JSX.Element | null>(null);
  useEffect(() => {
    void secondaryStarts
      .then(() => Promise.all([import('@/components/popup/NewSection'), import('@/lib/feeds/client')]))
      .then(([{ NewSection }, { feedsClient }]) => setSection(<NewSection t={t} api={feedsClient} />));
  }, []);
  return section;
}

function Popup() {
  const [recent, setRecent] = useState<ResultView[]>([]);
  const [bookmarks, setBookmarks] = useState<ResultView[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    onCaughtUp = () => setRevision((r) => r + 1);
    const recent = (source: PykalaDatabase | PlainDatabase) => Promise.all([recentItems(source), recentBookmarks(source)]);
    void plain
      .then((p) => (p ? recent(p) : Promise.reject(new Error('no plain reads'))))
      .catch(async () => recent(await database()))
      .then(([r, b]) => {
        setRecent(r);
        setBookmarks(b);
        setLoaded(true);
      });
    onIndexFailed = (error: unknown) => setStatus(`${t('library_indexFailed')} ${error instanceof Error ? error.message : ''}`);
    ready.catch(onIndexFailed);
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
      onRendered={firstRendered}
      newSection={<LazyNewSection />}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
