/** A content hash of what a reader cares about on an item page (not its navigation or warnings). */
import type { MeetingItemPage } from '../dynasty/types';

export function contentHash(page: MeetingItemPage): string {
  const parts = [
    page.title,
    page.organ,
    page.meetingDate,
    page.section,
    page.diaryNumber,
    page.proposal,
    page.decision,
    page.outcome,
    ...page.sections.map((s) => `${s.kind}:${s.text}`),
    ...page.attachments.map((a) => a.title),
  ];
  const text = parts.map((p) => (p === null || p === undefined ? '' : String(p).replace(/\s+/g, ' ').trim())).join('\u0001');
  // Two independent 32-bit FNV-1a variants: 64 bits are plenty to notice an edit, and it is synchronous.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
