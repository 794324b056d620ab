/**
 * Unseen entries: the badge count, the popup's "New" list, marking seen. Always derived from the
 * database, never from memory, so the count survives the service worker being stopped.
 */
import type { FeedEntryRecord, PykalaDatabase } from '../db';
import { portalOf } from '../dynasty/urls';

/** Unseen entries that matched the follow rules when they arrived (all new ones when there were none). */
export async function unseenEntries(db: PykalaDatabase): Promise<FeedEntryRecord[]> {
  const rows = await db.feedEntries.where('seen').equals(0).toArray();
  return rows.filter((r) => r.matched === 1).sort((a, b) => b.firstSeen - a.firstSeen || a.entryId.localeCompare(b.entryId));
}

export async function unseenCount(db: PykalaDatabase): Promise<number> {
  return (await unseenEntries(db)).length;
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

export interface NewGroup {
  portal: string;
  portalName: string;
  organs: { organ: string | null; entries: FeedEntryRecord[] }[];
}

/** Unseen entries grouped by portal, then organ (organs in order of their newest entry). */
export function groupNew(entries: FeedEntryRecord[], portalNames: Record<string, string> = {}): NewGroup[] {
  const byPortal = new Map<string, Map<string, FeedEntryRecord[]>>();
  for (const entry of entries) {
    const organs = byPortal.get(entry.portal) ?? new Map<string, FeedEntryRecord[]>();
    byPortal.set(entry.portal, organs);
    const key = entry.organ ?? '';
    organs.set(key, [...(organs.get(key) ?? []), entry]);
  }
  return [...byPortal].map(([portal, organs]) => ({
    portal,
    portalName: portalNames[portal] ?? portal,
    organs: [...organs].map(([organ, list]) => ({ organ: organ || null, entries: list })),
  }));
}

/**
 * Marks entries seen. With `entryId`, only that entry (in any feed of the portal); without, every
 * unseen entry of the portal; with neither, everything. Returns how many changed (0 = no write).
 */
export async function markSeen(db: PykalaDatabase, target: { portal?: string | null; entryId?: string | null } = {}): Promise<number> {
  const unseen = await db.feedEntries.where('seen').equals(0).toArray();
  const hits = unseen.filter(
    (e) =>
      (!target.entryId || e.entryId === target.entryId) &&
      (!target.portal || e.portal === target.portal || portalOf(e.url) === target.portal),
  );
  if (!hits.length) return 0;
  await db.feedEntries.bulkPut(hits.map((e) => ({ ...e, seen: 1 as const })));
  return hits.length;
}

/** Row types for views (components may not import lib/db). */
export type { FeedEntryRecord, FeedName } from '../db';
