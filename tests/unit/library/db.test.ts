import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { DB_VERSION, PykalaDatabase, SCHEMA } from '@/lib/db';

let n = 0;
const names: string[] = [];
function freshName(): string {
  const name = `db-test-${n++}-${Math.random()}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Rows as a user on an old version would have them (fields of that version only). */
function sampleRows() {
  return {
    items: [{ portal: 'https://p.example', itemId: '2021-1', organ: 'Kaupunginhallitus', meetingDate: '2021-06-07', section: 210, title: 'Loppuraportti', diaryNumber: '5767/00.01.02.00/2021', outcome: 'noted', page: null, contentHash: 'a', readHash: 'a', firstSeen: 1, lastSeen: 2, lastRead: 2 }],
    visits: [{ portal: 'https://p.example', itemId: '2021-1', at: 2 }],
    bookmarks: [{ portal: 'https://p.example', itemId: '2021-1', note: 'Muista tämä', tags: ['strategia'], created: 5, updated: 6 }],
    feedEntries: [{ portal: 'https://p.example', feed: 'meetingitems', entryId: '2021-2', organ: 'Kh', date: '2021-06-07', title: 'Uusi asia', url: null, firstSeen: 3, seen: 0, matched: 1 }],
    feedState: [{ portal: 'https://p.example', feed: 'meetingitems', etag: null, lastModified: null, contentHash: 'x', lastSuccess: 3, lastError: null, lastErrorAt: null, failures: 0, nextAttempt: 0, seeded: true }],
    kv: [{ key: 'library/settings', value: { paused: false, excludedPortals: [] } }],
  };
}

describe('database schema', () => {
  it('lists versions in ascending order, the newest being the one the app opens', () => {
    const versions = SCHEMA.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(DB_VERSION).toBe(versions[versions.length - 1]);
  });

  // The pattern for every future version: open at each earlier version, fill, reopen current, compare.
  for (const step of SCHEMA.slice(0, -1)) {
    it(`upgrades a version ${step.version} database to version ${DB_VERSION} with every row intact`, async () => {
      const name = freshName();
      const old = new PykalaDatabase(name, step.version);
      const rows = sampleRows();
      for (const [table, list] of Object.entries(rows)) await old.table(table).bulkAdd(list);
      old.close();

      const db = new PykalaDatabase(name);
      await db.open();
      expect(db.verno).toBe(DB_VERSION);
      expect(await db.items.toArray()).toEqual(rows.items);
      expect((await db.visits.toArray()).map(({ id: _id, ...v }) => v)).toEqual(rows.visits);
      expect(await db.bookmarks.toArray()).toEqual(rows.bookmarks);
      expect(await db.feedEntries.toArray()).toEqual(rows.feedEntries);
      expect(await db.feedState.toArray()).toEqual(rows.feedState);
      expect(await db.kv.toArray()).toEqual(rows.kv);
      db.close();
    });
  }

  it('gives bookmarks from version 1 that lack a creation time one (v2 upgrade)', async () => {
    const name = freshName();
    const old = new PykalaDatabase(name, 1);
    await old.bookmarks.add({ portal: 'p', itemId: '1', note: 'x', tags: ['a'], updated: 42 } as never);
    old.close();
    const db = new PykalaDatabase(name);
    const [b] = await db.bookmarks.orderBy('created').toArray();
    expect(b?.created).toBe(42);
    db.close();
  });

  it('keeps the feed tables in the shape the feed watcher relies on', async () => {
    const db = new PykalaDatabase(freshName());
    await db.open();
    expect(db.feedEntries.schema.primKey.keyPath).toEqual(['portal', 'feed', 'entryId']);
    expect(db.feedEntries.schema.indexes.map((i) => i.name).sort()).toEqual(['[portal+feed]', 'firstSeen', 'seen']);
    expect(db.feedState.schema.primKey.keyPath).toEqual(['portal', 'feed']);
    db.close();
  });
});
