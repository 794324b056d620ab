import { afterEach, describe, expect, it } from 'vitest';
import { bookmarksToMarkdown } from '@/lib/library/markdown';
import { cleanTags, groupByTag, parseTags, saveBookmark } from '@/lib/library/bookmarks';
import { pullFromSync, pushToSync, SYNC_SETTINGS_KEY, type SyncArea } from '@/lib/library/sync';
import { recordPage } from '@/lib/library/recording';
import { getSettings, setSettings } from '@/lib/library/settings';
import type { BookmarkRecord, ItemRecord } from '@/lib/db';
import { closeAll, freshDb, page, PORTAL } from './helpers';

afterEach(closeAll);

function memoryArea(limit = 102_400): SyncArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(keys) {
      if (keys === null) return { ...data };
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    async set(items) {
      const next = { ...data, ...items };
      if (new TextEncoder().encode(JSON.stringify(next)).length > limit) throw new Error('QUOTA_BYTES quota exceeded');
      Object.assign(data, items);
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

describe('tags', () => {
  it('are trimmed and deduplicated case-insensitively', () => {
    expect(cleanTags([' Talous ', 'talous', '', 'koulut', 3])).toEqual(['Talous', 'koulut']);
    expect(parseTags('talous, koulut #kaava')).toEqual(['talous', 'koulut', 'kaava']);
  });
  it('group bookmarks, untagged last', () => {
    const groups = groupByTag([{ tags: ['b'] }, { tags: [] }, { tags: ['a', 'b'] }]);
    expect(groups.map(([t, l]) => [t, l.length])).toEqual([['a', 1], ['b', 2], ['', 1]]);
  });
});

describe('Markdown export', () => {
  it('lists bookmarks by tag with title, organ, date, § and the note, escaping Markdown in page text', () => {
    const item = { portal: PORTAL, itemId: '1-1', title: 'Kaava *tärkeä* [x]', organ: 'Kaupunginhallitus', meetingDate: '2021-06-07', section: 210, page: page('1-1') } as unknown as ItemRecord;
    const bm: BookmarkRecord = { portal: PORTAL, itemId: '1-1', note: 'Kysy tästä\ntoinen rivi', tags: ['kaavoitus'], created: 1, updated: 1 };
    const md = bookmarksToMarkdown([bm], new Map([[`${PORTAL}|1-1`, item]]), { heading: 'Kirjanmerkit', untagged: 'Ei tunnistetta', exported: 'Viety' }, new Date('2025-01-02T00:00:00Z'));
    expect(md).toContain('## kaavoitus');
    expect(md).toContain('[Kaava \\*tärkeä\\* \\[x\\]](https://ep10.kouvola.fi/cgi/DREQUEST.PHP?page=meetingitem&id=1-1) — Kaupunginhallitus, 2021-06-07, § 210');
    expect(md).toContain('  > Kysy tästä\n  > toinen rivi');
  });
  it('never makes a link of a javascript: URL', () => {
    const item = { portal: PORTAL, itemId: '1', title: 'T', organ: null, meetingDate: null, section: null, page: { url: 'javascript:alert(1)' } } as unknown as ItemRecord;
    const md = bookmarksToMarkdown([{ portal: PORTAL, itemId: '1', note: '', tags: [], created: 1, updated: 1 }], new Map([[`${PORTAL}|1`, item]]), { heading: 'K', untagged: 'U', exported: 'E' });
    expect(md).not.toContain('javascript:');
  });
});

describe('sync storage', () => {
  it('carries settings and bookmarks to another device, newer copy winning', async () => {
    const a = freshDb();
    await recordPage(a, page('1-1'));
    await saveBookmark(a, { portal: PORTAL, itemId: '1-1', note: 'Muistiinpano', tags: ['talous'] }, 5000);
    await setSettings(a, { excludedPortals: ['https://x.example'] });
    const area = memoryArea();
    expect(await pushToSync(a, area)).toEqual({ ok: true, bookmarks: 1 });

    const b = freshDb();
    expect(await pullFromSync(b, area)).toBe(1);
    expect((await b.bookmarks.toArray())[0]).toMatchObject({ note: 'Muistiinpano', tags: ['talous'] });
    expect((await b.items.toArray())[0]?.title).toContain('Loppuraportti');
    expect((await getSettings(b)).excludedPortals).toEqual(['https://x.example']);
    // Pulling again changes nothing.
    expect(await pullFromSync(b, area)).toBe(0);
  });

  it('says plainly when bookmarks exceed the quota, and still syncs the settings', async () => {
    const db = freshDb();
    for (let i = 0; i < 40; i++) {
      await saveBookmark(db, { portal: PORTAL, itemId: `1-${i}`, note: 'x'.repeat(3000), tags: [] });
    }
    const area = memoryArea();
    const outcome = await pushToSync(db, area);
    expect(outcome).toMatchObject({ ok: false, reason: 'quota' });
    expect(area.data[SYNC_SETTINGS_KEY]).toBeDefined();
  });

  it('drops the earlier synced bookmarks once they no longer fit, so a bookmark deleted since cannot come back', async () => {
    const db = freshDb();
    await saveBookmark(db, { portal: PORTAL, itemId: '1-0', note: 'poistetaan', tags: [] });
    const area = memoryArea();
    expect(await pushToSync(db, area)).toEqual({ ok: true, bookmarks: 1 });
    await db.bookmarks.clear();
    for (let i = 1; i <= 40; i++) {
      await saveBookmark(db, { portal: PORTAL, itemId: `1-${i}`, note: 'x'.repeat(3000), tags: [] });
    }
    expect(await pushToSync(db, area)).toMatchObject({ ok: false, reason: 'quota' });

    const other = freshDb();
    await pullFromSync(other, area);
    expect(await other.bookmarks.get([PORTAL, '1-0'] as never)).toBeUndefined();
  });
});
