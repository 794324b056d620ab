/**
 * The one personal database, in the extension's origin (never a page's). Every schema version stays
 * listed in order, with its upgrade, so a user on any earlier version upgrades with data intact.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
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
  /** Set when a read found the content changed since the previous read (the time of that read). */
  changedAt?: number | null;
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

/**
 * Every schema version, oldest first. Append a version to change the schema; never edit an earlier
 * one (users' databases were created from it). tests/unit/library/db.test.ts opens a database at each
 * earlier version, fills it, and checks that opening it with the current class keeps every row.
 */
export const SCHEMA: { version: number; stores: Record<string, string | null>; upgrade?: (tx: Transaction) => Promise<void> }[] = [
  {
    version: 1,
    stores: {
      items: '[portal+itemId], portal, organ, meetingDate, diaryNumber, lastSeen, lastRead',
      visits: '++id, [portal+itemId], at',
      bookmarks: '[portal+itemId], *tags, updated',
      feedEntries: '[portal+feed+entryId], [portal+feed], seen, firstSeen',
      feedState: '[portal+feed]',
      kv: 'key',
    },
  },
  {
    // v2: bookmarks listed newest first in the popup and library need `created` indexed; every
    // bookmark gets one (older rows without it take their `updated`).
    version: 2,
    stores: { bookmarks: '[portal+itemId], *tags, updated, created' },
    upgrade: async (tx) => {
      await tx
        .table('bookmarks')
        .toCollection()
        .modify((b: Partial<BookmarkRecord>) => {
          if (typeof b.created !== 'number') b.created = typeof b.updated === 'number' ? b.updated : Date.now();
          if (!Array.isArray(b.tags)) b.tags = [];
          if (typeof b.note !== 'string') b.note = '';
        });
    },
  },
];

export const DB_VERSION = SCHEMA[SCHEMA.length - 1]!.version;

export class PykalaDatabase extends Dexie {
  items!: EntityTable<ItemRecord>;
  visits!: EntityTable<VisitRecord, 'id'>;
  bookmarks!: EntityTable<BookmarkRecord>;
  feedEntries!: EntityTable<FeedEntryRecord>;
  feedState!: EntityTable<FeedStateRecord>;
  kv!: EntityTable<KeyValueRecord, 'key'>;

  /** `upTo` opens the schema as it was at an earlier version (upgrade tests only). */
  constructor(name = 'pykala', upTo = DB_VERSION) {
    super(name);
    for (const step of SCHEMA) {
      if (step.version > upTo) break;
      const version = this.version(step.version).stores(step.stores);
      if (step.upgrade) version.upgrade(step.upgrade);
    }
  }
}
