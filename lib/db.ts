/**
 * The one personal database, in the extension's origin (never a page's). Every schema version stays
 * listed in order, with its upgrade, so a user on any earlier version upgrades with data intact.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { MeetingItemPage } from './dynasty/types';

/** A meeting item the user has read or that arrived in a followed feed. */
export interface ItemRecord {
  portal: string;
  itemId: string;
  organ: string | null;
  meetingDate: string | null;
  section: number | null;
  title: string | null;
  diaryNumber: string | null;
  outcome: MeetingItemPage['outcome'];
  /** The parsed page; null when only known from a feed entry. */
  page: MeetingItemPage | null;
  contentHash: string | null;
  /** Hash of the content when the user last read it: differs from contentHash = "changed since read". */
  readHash: string | null;
  firstSeen: number;
  lastSeen: number;
  lastRead: number | null;
}

export interface VisitRecord {
  id?: number;
  portal: string;
  itemId: string;
  at: number;
}

export interface BookmarkRecord {
  portal: string;
  itemId: string;
  note: string;
  tags: string[];
  created: number;
  updated: number;
}

export type FeedName = 'meetingitems' | 'meetings' | 'official_decisions';

export interface FeedEntryRecord {
  portal: string;
  feed: FeedName;
  /** The id= of the entry's link (feeds carry no guid). */
  entryId: string;
  organ: string | null;
  date: string | null;
  title: string;
  url: string | null;
  firstSeen: number;
  /** 1 once opened or marked seen; numbers, because IndexedDB cannot index booleans. */
  seen: 0 | 1;
  /** 1 when it matched a follow rule (or there are no rules) at the time it arrived. */
  matched: 0 | 1;
}

export interface FeedStateRecord {
  portal: string;
  feed: FeedName;
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
  lastSuccess: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failures: number;
  nextAttempt: number;
  /** The first successful poll only seeds: nothing is announced. */
  seeded: boolean;
}

/** Key-value rows for what is too large for sync storage (e.g. the persisted search index). */
export interface KeyValueRecord {
  key: string;
  value: unknown;
}

export class PykalaDatabase extends Dexie {
  items!: EntityTable<ItemRecord>;
  visits!: EntityTable<VisitRecord, 'id'>;
  bookmarks!: EntityTable<BookmarkRecord>;
  feedEntries!: EntityTable<FeedEntryRecord>;
  feedState!: EntityTable<FeedStateRecord>;
  kv!: EntityTable<KeyValueRecord, 'key'>;

  constructor(name = 'pykala') {
    super(name);
    this.version(1).stores({
      items: '[portal+itemId], portal, organ, meetingDate, diaryNumber, lastSeen, lastRead',
      visits: '++id, [portal+itemId], at',
      bookmarks: '[portal+itemId], *tags, updated',
      feedEntries: '[portal+feed+entryId], [portal+feed], seen, firstSeen',
      feedState: '[portal+feed]',
      kv: 'key',
    });
  }
}
