import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_VERSION, BackupError, exportBackup, importBackup, parseBackup } from '@/lib/library/backup';
import { deleteEverything, recordPage } from '@/lib/library/recording';
import { saveBookmark } from '@/lib/library/bookmarks';
import { setSettings } from '@/lib/library/settings';
import type { PykalaDatabase } from '@/lib/db';
import { closeAll, freshDb, page, PORTAL } from './helpers';

afterEach(closeAll);

async function filled(): Promise<PykalaDatabase> {
  const db = freshDb();
  await recordPage(db, page('1-1'), 1000);
  await recordPage(db, page('1-2', { title: 'Kouluverkkoselvitys' }), 2000);
  await saveBookmark(db, { portal: PORTAL, itemId: '1-1', note: 'Kysy valtuustossa', tags: ['strategia', 'talous'] }, 3000);
  await setSettings(db, { excludedPortals: ['https://excluded.example'] });
  return db;
}

async function snapshot(db: PykalaDatabase) {
  return {
    items: await db.items.toArray(),
    bookmarks: await db.bookmarks.toArray(),
    visits: (await db.visits.toArray()).map(({ id: _id, ...v }) => v),
    settings: await db.kv.get('library/settings'),
  };
}

describe('backup and restore', () => {
  it('exports, deletes everything, imports: everything is back', async () => {
    const db = await filled();
    const before = await snapshot(db);
    const text = JSON.stringify(await exportBackup(db));
    await deleteEverything(db);
    await setSettings(db, { excludedPortals: [] });
    expect(await db.items.count()).toBe(0);
    const summary = await importBackup(db, text);
    expect(summary).toEqual({ items: 2, bookmarks: 1, visits: 2 });
    const after = await snapshot(db);
    // Restored after its deletion, the bookmark is dated now: otherwise the deletion marker would
    // delete it again at the next sync.
    expect(after.bookmarks[0]!.updated).toBeGreaterThan(3000);
    expect({ ...after, bookmarks: after.bookmarks.map((b) => ({ ...b, updated: 3000 })) }).toEqual(before);
  });

  it('merges an import without duplicates (importing twice changes nothing)', async () => {
    const db = await filled();
    const text = JSON.stringify(await exportBackup(db));
    expect(await importBackup(db, text)).toEqual({ items: 0, bookmarks: 0, visits: 0 });
    expect(await db.items.count()).toBe(2);
    expect(await db.bookmarks.count()).toBe(1);
    expect(await db.visits.count()).toBe(2);
  });

  it('keeps the newer copy of a bookmark when merging', async () => {
    const db = await filled();
    const text = JSON.stringify(await exportBackup(db));
    await saveBookmark(db, { portal: PORTAL, itemId: '1-1', note: 'Uudempi muistiinpano', tags: [] }, 9000);
    await importBackup(db, text);
    expect((await db.bookmarks.toArray())[0]?.note).toBe('Uudempi muistiinpano');
  });

  const refused: [string, (good: string) => string, BackupError['problem']][] = [
    ['an empty file', () => '', 'empty'],
    ['a file that is not JSON', () => 'PK\u0003\u0004 zip bytes', 'notOurs'],
    ['JSON from elsewhere', () => JSON.stringify({ bookmarks: [] }), 'notOurs'],
    ['a truncated backup', (good) => good.slice(0, Math.floor(good.length * 0.6)), 'truncated'],
    ['a backup missing rows it announces', (good) => { const b = JSON.parse(good); b.items.pop(); return JSON.stringify(b); }, 'truncated'],
    ['a backup from a future version', (good) => JSON.stringify({ ...JSON.parse(good), version: BACKUP_VERSION + 1 }), 'futureVersion'],
    ['a backup with a broken row', (good) => { const b = JSON.parse(good); b.items[1].portal = 42; return JSON.stringify(b); }, 'invalid'],
    ['a backup whose item page lacks its sections (search could not index it)', (good) => { const b = JSON.parse(good); b.items[1].page = { kind: 'meetingItem' }; return JSON.stringify(b); }, 'invalid'],
  ];
  for (const [what, make, problem] of refused) {
    it(`refuses ${what} with a clear reason and leaves the database unchanged`, async () => {
      const db = await filled();
      const good = JSON.stringify(await exportBackup(db));
      await deleteEverything(db);
      await recordPage(db, page('7-7'), 5000);
      const before = await snapshot(db);
      const error = await importBackup(db, make(good)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).problem).toBe(problem);
      expect(await snapshot(db)).toEqual(before);
    });
  }

  it('writes nothing when the store fails half way (one transaction)', async () => {
    const db = await filled();
    const text = JSON.stringify(await exportBackup(db));
    await deleteEverything(db);
    const original = db.visits.bulkAdd.bind(db.visits);
    db.visits.bulkAdd = (() => Promise.reject(Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' }))) as never;
    const error = await importBackup(db, text).catch((e: unknown) => e);
    db.visits.bulkAdd = original;
    expect((error as Error).name).toBe('StorageFullError');
    expect(await db.items.count()).toBe(0);
    expect(await db.bookmarks.count()).toBe(0);
  });

  it('parses what it exports', async () => {
    const db = await filled();
    const backup = await exportBackup(db);
    expect(parseBackup(JSON.stringify(backup)).counts).toEqual({ items: 2, visits: 2, bookmarks: 1 });
  });
});

describe('import over stubs', () => {
  it('replaces an item known only from a synced bookmark by the real record', async () => {
    const db = await filled();
    const text = JSON.stringify(await exportBackup(db));
    await deleteEverything(db);
    await db.items.put({ portal: PORTAL, itemId: '1-1', organ: null, meetingDate: null, section: null, title: 'x', diaryNumber: null, outcome: null, page: null, contentHash: null, readHash: null, firstSeen: 99_999, lastSeen: 99_999, lastRead: null });
    await importBackup(db, text);
    expect((await db.items.get([PORTAL, '1-1'] as never))?.page?.title).toContain('Loppuraportti');
  });
});
