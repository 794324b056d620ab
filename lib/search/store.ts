/**
 * Keeping the search index in step with the database, cheaply.
 *
 * Writers (recording, bookmarks, feeds) never touch the index: they only stamp rows (items.lastSeen,
 * bookmarks.updated, feedEntries.firstSeen) and list removed keys under `search/stale`. A reader (popup,
 * library) loads the last snapshot from the kv table and re-indexes only what changed since it was
 * built; when the snapshot is missing or of another format, it rebuilds with progress.
 *
 * A snapshot (format 6) is many rows: `search/index` holds its head (counts and the first word of each
 * dictionary block: a few kB whatever the library's size) and names the snapshot's id; the parts are
 * `search/index/<id>/<part>`: `p<n>` posting chunks (with each posting's document length), `t<n>` the
 * top lists of chunk n's terms found in more than 1,024 documents (their best postings, in ranking
 * order), `m<n>` metadata blocks of 16 documents, `s<n>` `w<n>` `x<n>` dictionary blocks of stems,
 * words and word endings, `docs` (keys, lengths, times seen) and `short` (title, organ and tag words
 * for typo tolerance). The popup reads the head and then, for a query, the dictionary blocks its words
 * fall in, the chunks of their postings (for a one-word query, the top lists of its big terms instead)
 * and the metadata blocks of the hits it shows. A save writes a new id in
 * one transaction and keeps the previous id's rows (a reader may still be reading them), deleting older.
 * A head of an earlier format is not read: the index is rebuilt from the database and saved anew.
 */
import type { BookmarkRecord, FeedEntryRecord, ItemRecord, PykalaDatabase } from '../db';
import { docFromFeedEntry, docFromItem, feedKey, itemKey } from './docs';
import { SearchIndex, type SnapshotHead, type SnapshotSource } from './index';

export const INDEX_KEY = 'search/index';
export const STALE_KEY = 'search/stale';
/** Counted up by "delete everything": an index read before it must never be saved back. */
export const CLEARED_KEY = 'library/cleared';
const PARTS = `${INDEX_KEY}/`;

/** The clear stamp each index was read under (the index itself knows nothing about storage). */
const readUnderStamp = new WeakMap<SearchIndex, number>();

async function clearStamp(db: PykalaDatabase): Promise<number> {
  return Number((await db.kv.get(CLEARED_KEY))?.value ?? 0);
}

function stamped(index: SearchIndex | null, stamp: number): SearchIndex | null {
  if (index) readUnderStamp.set(index, stamp);
  return index;
}

/** The head row: the index's head and the id its parts are stored under. */
interface StoredHead extends SnapshotHead {
  id: string;
}

/** Reads kv rows by key (undefined: no such row): Dexie's table, or plain IndexedDB in the popup. */
export type KvRead = (keys: string[]) => Promise<unknown[]>;

const partKey = (id: string, part: string) => `${PARTS}${id}/${part}`;

export type Progress = (done: number, total: number) => void;

/**
 * Keys whose documents must be re-read, each with the mark it was last listed under: a key is taken
 * off only by the save of an index that handled it under that mark, so a reader closed before saving
 * (the popup, when a result is clicked) leaves it for the next one, and a key listed again after a
 * reader read it stays listed. The previous version stored the keys alone.
 */
interface StaleList {
  next: number;
  keys: [string, number][];
}

async function readStaleList(db: PykalaDatabase): Promise<StaleList> {
  const value = (await db.kv.get(STALE_KEY))?.value as unknown;
  if (Array.isArray(value)) return { next: 1, keys: value.filter((k): k is string => typeof k === 'string').map((k) => [k, 0]) };
  const list = value as Partial<StaleList> | undefined;
  if (list && typeof list.next === 'number' && Array.isArray(list.keys)) return { next: list.next, keys: list.keys };
  return { next: 1, keys: [] };
}

/** The stale keys an index has handled and not saved yet, with their marks. */
const handledStale = new WeakMap<SearchIndex, Map<string, number>>();

function handled(index: SearchIndex, stale: Map<string, number>): void {
  const done = handledStale.get(index) ?? new Map<string, number>();
  for (const [k, mark] of stale) done.set(k, mark);
  handledStale.set(index, done);
}

/** Lists keys whose documents must be re-read (call inside a transaction that includes `kv`). */
export async function markStale(db: PykalaDatabase, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const list = await readStaleList(db);
  const marks = new Map(list.keys);
  for (const k of keys) marks.set(k, list.next++);
  await db.kv.put({ key: STALE_KEY, value: { next: list.next, keys: [...marks] } satisfies StaleList });
}

/** Builds the index from scratch, reporting progress (items first, then feed entries). */
export async function rebuildIndex(db: PykalaDatabase, onProgress?: Progress): Promise<SearchIndex> {
  const started = Date.now();
  const index = new SearchIndex();
  readUnderStamp.set(index, await clearStamp(db));
  // Only the keys listed before the build are covered by it: one deleted while it reads stays listed.
  const stale = await readStale(db);
  handled(index, stale);
  const bookmarks = new Map((await db.bookmarks.toArray()).map((b) => [itemKey(b.portal, b.itemId), b]));
  const itemCount = await db.items.count();
  const feedCount = await db.feedEntries.count();
  const total = itemCount + feedCount;
  let done = 0;
  const CHUNK = 500;
  let lastKey: [string, string] | null = null;
  for (;;) {
    const collection = lastKey ? db.items.where(':id').above(lastKey) : db.items.toCollection();
    const chunk: ItemRecord[] = await collection.limit(CHUNK).toArray();
    if (!chunk.length) break;
    for (const item of chunk) index.add(docFromItem(item, bookmarks.get(itemKey(item.portal, item.itemId)) ?? null));
    done += chunk.length;
    onProgress?.(done, total);
    const last = chunk[chunk.length - 1]!;
    lastKey = [last.portal, last.itemId];
    await yieldToUi();
  }
  await db.feedEntries.each((entry) => {
    if (!index.has(itemKey(entry.portal, entry.entryId))) index.add(docFromFeedEntry(entry));
  });
  onProgress?.(total, total);
  index.builtAt = started;
  return index;
}

async function readStale(db: PykalaDatabase): Promise<Map<string, number>> {
  return new Map((await readStaleList(db)).keys);
}

/**
 * Drops keys from the stale list where they are still listed under the mark they were handled under
 * (a key listed again since stays). Call inside a transaction that includes `kv`.
 */
async function clearStale(db: PykalaDatabase, done: Map<string, number>): Promise<void> {
  if (!done.size) return;
  const list = await readStaleList(db);
  const left = list.keys.filter(([k, mark]) => done.get(k) !== mark);
  // The row stays (with its counter), so that a mark is never given out twice.
  if (left.length !== list.keys.length) await db.kv.put({ key: STALE_KEY, value: { next: list.next, keys: left } satisfies StaleList });
}

/** Re-indexes what changed since the index was built. Returns the number of documents touched. */
export async function catchUp(db: PykalaDatabase, index: SearchIndex): Promise<number> {
  const started = Date.now();
  const since = index.builtAt;
  const stale = await readStale(db);
  const changedItems: ItemRecord[] = await db.items.where('lastSeen').aboveOrEqual(since).toArray();
  const changedBookmarks: BookmarkRecord[] = await db.bookmarks.where('updated').aboveOrEqual(since).toArray();
  const newEntries: FeedEntryRecord[] = await db.feedEntries.where('firstSeen').aboveOrEqual(since).toArray();

  const itemKeys = new Map<string, [string, string]>();
  for (const i of changedItems) itemKeys.set(itemKey(i.portal, i.itemId), [i.portal, i.itemId]);
  for (const b of changedBookmarks) itemKeys.set(itemKey(b.portal, b.itemId), [b.portal, b.itemId]);
  const feedStale: string[] = [];
  for (const key of stale.keys()) {
    const [kind, portal, a] = key.split('|');
    if (kind === 'i' && portal && a) itemKeys.set(key, [portal, key.slice(portal.length + 3)]);
    else feedStale.push(key);
  }
  let touched = 0;
  const refs = [...itemKeys.values()];
  // A lazily opened index reads the rest of its snapshot only when something changed.
  if (refs.length || feedStale.length || newEntries.length) await index.ensureAll();
  const items = await db.items.bulkGet(refs as never[]);
  const marks = await db.bookmarks.bulkGet(refs as never[]);
  refs.forEach(([portal, id], i) => {
    const key = itemKey(portal, id);
    const item = items[i];
    touched++;
    if (!item) {
      index.remove(key);
      return;
    }
    index.add(docFromItem(item, marks[i] ?? null));
    // An item the user has read replaces its feed entry in results.
    for (const feed of ['meetingitems', 'official_decisions'] as const) index.remove(feedKey({ portal, feed, entryId: id }));
  });
  for (const key of feedStale) if (index.remove(key)) touched++;
  for (const entry of newEntries) {
    if (index.has(itemKey(entry.portal, entry.entryId))) continue;
    index.add(docFromFeedEntry(entry));
    touched++;
  }
  index.builtAt = started;
  // What changed is taken off the list by the save of this index (saveIndex); when nothing did, now.
  if (touched > 0) handled(index, stale);
  else await db.transaction('rw', db.kv, () => clearStale(db, stale));
  return touched;
}

export async function saveIndex(db: PykalaDatabase, index: SearchIndex): Promise<void> {
  await index.ensureAll();
  // The stale keys this snapshot covers: those handled before it is made.
  const done = new Map(handledStale.get(index) ?? []);
  const { head, parts } = index.toSnapshot();
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const headRow: StoredHead = { ...head, id };
  const rows = Object.entries(parts).map(([name, value]) => ({ key: partKey(id, name), value }));
  await db.transaction('rw', db.kv, async () => {
    // The library was deleted since this index was read: saving it would bring the deleted text back.
    if ((readUnderStamp.get(index) ?? 0) !== (await clearStamp(db))) return;
    const previous = (await db.kv.get(INDEX_KEY))?.value as Partial<StoredHead> | undefined;
    const keep = new Set([id, typeof previous?.id === 'string' ? previous.id : id]);
    const stored = (await db.kv.where(':id').startsWith(PARTS).primaryKeys()) as string[];
    const old = stored.filter((k) => !keep.has(k.slice(PARTS.length).split('/')[0]!));
    if (old.length) await db.kv.bulkDelete(old);
    await db.kv.bulkPut(rows);
    await db.kv.put({ key: INDEX_KEY, value: headRow });
    await clearStale(db, done);
  });
  const left = handledStale.get(index);
  if (left) for (const [k, mark] of done) if (left.get(k) === mark) left.delete(k);
}

/** Reads a stored snapshot's parts; a part that is gone (a newer save replaced it) is an error. */
function snapshotSource(read: KvRead, id: string): SnapshotSource {
  return {
    read: async (names) => {
      if (!names.length) return [];
      const values = await read(names.map((name) => partKey(id, name)));
      return values.map((value, i) => {
        if (value === undefined) throw new Error(`search index snapshot part ${names[i]} is gone`);
        return value;
      });
    },
  };
}

function fromStored(read: KvRead, value: unknown): SearchIndex | null {
  const head = value as StoredHead | undefined;
  if (!head || typeof head.id !== 'string') return null;
  try {
    return SearchIndex.fromHead(head, snapshotSource(read, head.id));
  } catch {
    return null;
  }
}

const dexieRead =
  (db: PykalaDatabase): KvRead =>
  async (keys) =>
    (await db.kv.bulkGet(keys)).map((row) => row?.value);

/**
 * The saved snapshot as a lazily read index (not caught up yet), or null when there is none usable:
 * only the head is read here; a search reads the parts it needs (SearchEngine.prepare). Reads go
 * through Dexie, or through `KvRead` (the popup reads with plain IndexedDB before Dexie is loaded).
 */
export async function loadSnapshot(from: PykalaDatabase | KvRead): Promise<SearchIndex | null> {
  const read = typeof from === 'function' ? from : dexieRead(from);
  const [stamp, head] = await read([CLEARED_KEY, INDEX_KEY]);
  globalThis.performance?.mark?.('pykala:snapshot-read');
  return stamped(fromStored(read, head), Number(stamp ?? 0));
}

/**
 * The index for a reader: the snapshot caught up with changes, or a fresh build. A snapshot that
 * changed is saved again after the caller has its results (`save` resolves later).
 */
export async function loadIndex(
  db: PykalaDatabase,
  onProgress?: Progress,
): Promise<{ index: SearchIndex; rebuilt: boolean; save: Promise<void> }> {
  const stamp = await clearStamp(db);
  const row = await db.kv.get(INDEX_KEY);
  let index = stamped(fromStored(dexieRead(db), row?.value), stamp);
  if (index) {
    try {
      await index.ensureAll();
    } catch {
      index = null;
    }
  }
  if (!index) {
    const built = await rebuildIndex(db, onProgress);
    return { index: built, rebuilt: true, save: saveIndex(db, built).catch(() => undefined) };
  }
  const touched = await catchUp(db, index);
  const save = touched > 0 ? saveIndex(db, index).catch(() => undefined) : Promise.resolve();
  return { index, rebuilt: false, save };
}

function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
