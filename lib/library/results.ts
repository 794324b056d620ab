/**
 * Turning engine hits into what the popup and library show: organ, date, §, title, a snippet with the
 * match marked, and a safe link to the item on its portal.
 */
import type { BookmarkRecord, FeedEntryRecord, ItemRecord, PykalaDatabase } from '../db';
import { snippetSource } from '../search/docs';
import type { EngineResult } from '../search/engine';
import { highlighter, type DocMeta } from '../search/index';
import { markTokens, snippet, type Segment } from '../search/snippet';
import type { PlainDatabase, RecordTables } from '../search/plain-db';

export interface ResultView {
  key: string;
  kind: 'item' | 'feed';
  portal: string;
  itemId: string;
  organ: string | null;
  date: string | null;
  section: number | null;
  title: Segment[];
  snippet: Segment[];
  url: string | null;
  bookmarked: boolean;
  tags: string[];
  note: string | null;
  changed: boolean;
  route: string;
}

export function isSafeUrl(url: string | null | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/** The item's own address, or the standard Dynasty 10 item address on its portal. */
export function itemUrl(portal: string, itemId: string, known: string | null | undefined): string | null {
  if (isSafeUrl(known)) return known;
  if (!isSafeUrl(portal) || !/^[\w-]+$/.test(itemId)) return null;
  return `${portal.replace(/\/+$/, '')}/cgi/DREQUEST.PHP?page=meetingitem&id=${itemId}`;
}

/** Fetches the records behind the hits (a handful of reads, from Dexie or plain IndexedDB) and builds the views. */
export async function resolveResults(db: RecordTables, result: Pick<EngineResult, 'hits' | 'highlight'>): Promise<ResultView[]> {
  const isMatch = highlighter(result.highlight);
  const marks = result.highlight.stems.length > 0;
  const metas = result.hits.map((h) => h.meta);
  return resolveMetas(db, metas, marks ? isMatch : null, result.hits.map((h) => h.route));
}

export async function resolveMetas(
  db: RecordTables,
  metas: DocMeta[],
  isMatch: ((token: string) => boolean) | null,
  routes: string[] = [],
): Promise<ResultView[]> {
  const itemRefs = metas.map((m) => [m.portal, m.itemId]);
  // Feed entries are read for feed hits only (each read is a request of its own).
  const feedAt = metas.flatMap((m, i) => (m.kind === 'feed' ? [i] : []));
  const feedKeys = feedAt.map((i) => {
    const k = metas[i]!.key.split('|');
    return [k[1], k[2], k.slice(3).join('|')];
  });
  // The three reads at once: the popup's first results wait for the slowest, not for their sum.
  const [items, bookmarks, feedRows] = await Promise.all([
    db.items.bulkGet(itemRefs as never[]) as Promise<(ItemRecord | undefined)[]>,
    db.bookmarks.bulkGet(itemRefs as never[]) as Promise<(BookmarkRecord | undefined)[]>,
    feedKeys.length ? (db.feedEntries.bulkGet(feedKeys as never[]) as Promise<(FeedEntryRecord | undefined)[]>) : Promise.resolve([]),
  ]);
  const entries = new Map(feedAt.map((i, n) => [i, feedRows[n] ?? null]));
  return metas.map((m, i) => {
    const item = items[i] ?? null;
    const bookmark = bookmarks[i] ?? null;
    const entry = entries.get(i) ?? null;
    const title = m.title ?? item?.title ?? m.itemId;
    const source = snippetSource(item, bookmark);
    return {
      key: m.key,
      kind: m.kind,
      portal: m.portal,
      itemId: m.itemId,
      organ: m.organ,
      date: m.date,
      section: m.section,
      title: isMatch ? markTokens(title, isMatch) : [{ text: title, mark: false }],
      snippet: source ? (isMatch ? snippet(source, isMatch) : snippet(source, () => false, 140)) : [],
      url: m.kind === 'feed' ? (isSafeUrl(entry?.url) ? entry!.url : null) : itemUrl(m.portal, m.itemId, item?.page?.url),
      bookmarked: !!bookmark,
      tags: bookmark?.tags ?? [],
      note: bookmark?.note || null,
      changed: !!item?.changedAt && item.changedAt === item.lastRead,
      route: routes[i] ?? 'list',
    };
  });
}

/** Recently read items, newest first (through Dexie, or the popup's plain reads). */
export async function recentItems(db: PykalaDatabase | PlainDatabase, limit = 8): Promise<ResultView[]> {
  const items = (
    'newest' in db ? await db.newest('items', 'lastRead', limit) : await db.items.orderBy('lastRead').reverse().limit(limit).toArray()
  ) as ItemRecord[];
  const tables = 'newest' in db ? db.tables : db;
  return resolveMetas(tables, items.filter((i) => i.lastRead).map(metaOf), null);
}

/** Bookmarks, newest first (through Dexie, or the popup's plain reads). */
export async function recentBookmarks(db: PykalaDatabase | PlainDatabase, limit = 8): Promise<ResultView[]> {
  const tables = 'newest' in db ? db.tables : db;
  const marks = (
    'newest' in db ? await db.newest('bookmarks', 'created', limit) : await db.bookmarks.orderBy('created').reverse().limit(limit).toArray()
  ) as BookmarkRecord[];
  const items = (await tables.items.bulkGet(marks.map((b) => [b.portal, b.itemId]) as never[])) as (ItemRecord | undefined)[];
  const metas = marks.map((b, i) => (items[i] ? metaOf(items[i]!) : { ...metaOf({ portal: b.portal, itemId: b.itemId } as ItemRecord) }));
  return resolveMetas(tables, metas, null);
}

export function metaOf(item: ItemRecord): DocMeta {
  return {
    key: `i|${item.portal}|${item.itemId}`,
    kind: 'item',
    portal: item.portal,
    itemId: item.itemId,
    organ: item.organ ?? null,
    date: item.meetingDate ?? null,
    section: item.section ?? null,
    title: item.title ?? null,
    diaryNumber: item.diaryNumber ?? null,
    outcome: item.outcome ?? null,
    bookmarked: false,
    tags: [],
    lastSeen: item.lastSeen ?? 0,
  };
}

/** "7.6.2021" from "2021-06-07". */
export function formatDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : '';
}
