/** Bookmarks and notes as Markdown, grouped by tag: for pasting into notes or sending by e-mail. */
import type { BookmarkRecord, ItemRecord } from '../db';
import { groupByTag } from './bookmarks';

export interface MarkdownLabels {
  heading: string;
  untagged: string;
  exported: string;
}

/** Characters that would turn plain text into Markdown syntax. */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url.replace(/[()\s]/g, encodeURIComponent) : null;
}

export function bookmarksToMarkdown(
  bookmarks: BookmarkRecord[],
  items: Map<string, ItemRecord>,
  labels: MarkdownLabels,
  now = new Date(),
): string {
  const lines = [`# ${escape(labels.heading)}`, '', `_${escape(labels.exported)} ${now.toISOString().slice(0, 10)}_`, ''];
  for (const [tag, group] of groupByTag(bookmarks)) {
    lines.push(`## ${escape(tag || labels.untagged)}`, '');
    const sorted = [...group].sort((a, b) => {
      const da = items.get(`${a.portal}|${a.itemId}`)?.meetingDate ?? '';
      const db = items.get(`${b.portal}|${b.itemId}`)?.meetingDate ?? '';
      return db.localeCompare(da);
    });
    for (const b of sorted) {
      const item = items.get(`${b.portal}|${b.itemId}`);
      const title = escape(item?.title ?? b.itemId);
      const url = safeUrl(item?.page?.url);
      const where = [item?.organ, item?.meetingDate, item?.section !== null && item?.section !== undefined ? `§ ${item.section}` : null]
        .filter(Boolean)
        .map((s) => escape(String(s)))
        .join(', ');
      lines.push(`- ${url ? `[${title}](${url})` : title}${where ? ` — ${where}` : ''}`);
      if (b.note.trim()) for (const line of b.note.trim().split('\n')) lines.push(`  > ${escape(line)}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
