/**
 * Snippets: a window of the stored text around the best cluster of matches, as segments that the
 * views render as text nodes and <mark> elements (never as an HTML string).
 */
import { tokenizeWithOffsets } from './analyze';

export interface Segment {
  text: string;
  mark: boolean;
}

/** Splits `text` into marked and unmarked segments, marking every token the predicate accepts. */
export function markTokens(text: string, isMatch: (token: string) => boolean): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const { token, start, end } of tokenizeWithOffsets(text)) {
    if (!isMatch(token)) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** The best window of about `width` characters of `text`, with its matches marked. */
export function snippet(text: string, isMatch: (token: string) => boolean, width = 180): Segment[] {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const tokens = tokenizeWithOffsets(clean);
  const hits = tokens.filter((t) => isMatch(t.token));
  let from = 0;
  if (hits.length) {
    // Slide over the hits: the window starting just before the hit that has most hits after it.
    let best = 0;
    let bestCount = 0;
    let j = 0;
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j]!.end - hits[i]!.start <= width) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = i;
      }
    }
    from = Math.max(0, hits[best]!.start - 40);
    // Start at a word boundary.
    if (from > 0) {
      const space = clean.indexOf(' ', from);
      if (space >= 0 && space < hits[best]!.start) from = space + 1;
    }
  }
  let to = Math.min(clean.length, from + width);
  if (to < clean.length) {
    const space = clean.lastIndexOf(' ', to);
    if (space > from + width / 2) to = space;
  }
  const segments = markTokens(clean.slice(from, to), isMatch);
  if (from > 0) segments.unshift({ text: '… ', mark: false });
  if (to < clean.length) segments.push({ text: ' …', mark: false });
  return merge(segments);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.mark === s.mark && !s.mark) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
