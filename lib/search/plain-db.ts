/**
 * Reads of the library database with plain IndexedDB, for the popup's first search: what it needs
 * (the kv rows of the search snapshot, and items, bookmarks and feed entries by key) starts at the
 * top of the popup's script, before Dexie is loaded or opened. Nothing here writes or upgrades: when
 * the database does not exist yet or lacks a store, the open is undone and the caller uses Dexie.
 */
import type { KvRead } from './store';

export type RecordStore = 'items' | 'bookmarks' | 'feedEntries';

/** The tables results are read from: Dexie's, or these plain reads (the same shape). */
export type RecordTables = Record<RecordStore, { bulkGet(keys: never[]): Promise<unknown[]> }>;

export interface PlainDatabase {
  kv: KvRead;
  tables: RecordTables;
  /** Up to `limit` rows of a store, highest value of an index first (rows without it are not listed). */
  newest(store: 'items' | 'bookmarks', index: 'lastRead' | 'created', limit: number): Promise<unknown[]>;
  close(): void;
}

const DATABASE = 'pykala';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** The existing database opened read-only in spirit, or null (none yet, blocked, or no IndexedDB). */
export function openPlainDatabase(factory: IDBFactory | undefined = globalThis.indexedDB, name = DATABASE): Promise<PlainDatabase | null> {
  if (!factory) return Promise.resolve(null);
  return new Promise((resolve) => {
    const request = factory.open(name);
    // A database that does not exist yet is Dexie's to create, with its schema: undo this one.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      // Never stand in the way of Dexie upgrading the schema.
      db.onversionchange = () => db.close();
      const read = async (store: string, keys: IDBValidKey[]): Promise<unknown[]> => {
        if (!keys.length) return [];
        const tx = db.transaction(store, 'readonly');
        const table = tx.objectStore(store);
        return Promise.all(keys.map((key) => done(table.get(key))));
      };
      const table = (store: RecordStore) => ({ bulkGet: (keys: never[]) => read(store, keys as IDBValidKey[]) });
      const newest = (store: string, index: string, limit: number) =>
        new Promise<unknown[]>((ok, fail) => {
          const rows: unknown[] = [];
          const cursor = db.transaction(store, 'readonly').objectStore(store).index(index).openCursor(null, 'prev');
          cursor.onerror = () => fail(cursor.error ?? new Error('IndexedDB cursor failed'));
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at || rows.length >= limit) return ok(rows);
            rows.push(at.value);
            at.continue();
          };
        });
      resolve({
        kv: async (keys) => (await read('kv', keys)).map((row) => (row as { value?: unknown } | undefined)?.value),
        tables: { items: table('items'), bookmarks: table('bookmarks'), feedEntries: table('feedEntries') },
        newest: async (store, index, limit) => (limit > 0 ? newest(store, index, limit) : []),
        close: () => db.close(),
      });
    };
  });
}
