/** How database rows become index documents (and the text that snippets are cut from). */
import type { BookmarkRecord, FeedEntryRecord, ItemRecord } from '../db';
import type { IndexDoc } from './index';

export function itemKey(portal: string, itemId: string): string {
  return `i|${portal}|${itemId}`;
}

export function feedKey(entry: Pick<FeedEntryRecord, 'portal' | 'feed' | 'entryId'>): string {
  return `f|${entry.portal}|${entry.feed}|${entry.entryId}`;
}

/** The body text of an item apart from proposal and decision (sections, attachments, people). */
export function itemBody(item: ItemRecord): string {
  const page = item.page;
  if (!page) return '';
  const parts: string[] = [];
  for (const s of page.sections) {
    if (s.kind === 'proposal' && page.proposal) continue;
    if (s.kind === 'decision' && page.decision) continue;
    parts.push(s.text);
  }
  for (const a of page.attachments) parts.push(a.title);
  for (const p of page.people) parts.push(p.name);
  return parts.join('\n');
}

/** The text that a snippet is cut from, most telling part first. */
export function snippetSource(item: ItemRecord | null, bookmark: BookmarkRecord | null): string {
  const parts: string[] = [];
  if (bookmark?.note) parts.push(bookmark.note);
  if (item?.page?.decision) parts.push(item.page.decision);
  if (item?.page?.proposal) parts.push(item.page.proposal);
  if (item) parts.push(itemBody(item));
  return parts.join(' \u2022 ');
}

export function docFromItem(item: ItemRecord, bookmark: BookmarkRecord | null): IndexDoc {
  return {
    key: itemKey(item.portal, item.itemId),
    kind: 'item',
    portal: item.portal,
    itemId: item.itemId,
    organ: item.organ,
    date: item.meetingDate,
    section: item.section,
    title: item.title,
    diaryNumber: item.diaryNumber,
    outcome: item.outcome,
    bookmarked: bookmark !== null,
    tags: bookmark?.tags ?? [],
    lastSeen: item.lastSeen,
    fields: {
      title: item.title,
      organ: item.organ,
      diary: item.diaryNumber,
      tags: bookmark?.tags.join(' ') ?? null,
      note: bookmark?.note ?? null,
      proposal: item.page?.proposal ?? null,
      decision: item.page?.decision ?? null,
      body: itemBody(item),
    },
  };
}

export function docFromFeedEntry(entry: FeedEntryRecord): IndexDoc {
  return {
    key: feedKey(entry),
    kind: 'feed',
    portal: entry.portal,
    itemId: entry.entryId,
    organ: entry.organ,
    date: entry.date,
    section: null,
    title: entry.title,
    diaryNumber: null,
    outcome: null,
    bookmarked: false,
    tags: [],
    lastSeen: entry.firstSeen,
    fields: { title: entry.title, organ: entry.organ },
  };
}
