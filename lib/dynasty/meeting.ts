/**
 * A meeting page (agenda or minutes): its items (§, title, link, attachment marker), the meeting PDF,
 * the appeal-instructions table (§ ranges to PDFs) and the attendees where shown.
 */
import { findHeading, idTakenFrom, pageIdOf, type PageContext } from './common';
import { MEETING_HEADINGS } from './labels';
import { findByText, NAVIGATION_TEXTS, norm, linkOf, targetOf } from './links';
import type { Line, PageText } from './text';
import type { AppealInstruction, MeetingListItem, MeetingPage } from './types';
import { MEETING_ID_FROM_FILE, MEETING_ID_FROM_ITEMS, NO_ITEM_LINKS, NO_MEETING_HEADING, NO_MEETING_ID, NO_MEETING_PDF } from './warnings';

const ATTACHMENT_IMAGE = /attach|liite|clip|bilaga/i;

/** Lines after a heading line (one of `starts`) until the next known heading. */
function listAfter(lines: Line[], starts: string[], stops: string[]): string[] {
  const startSet = starts.map(norm);
  const stopSet = stops.map(norm);
  const out: string[] = [];
  let on = false;
  for (const line of lines) {
    if (!line.inData) continue;
    const t = norm(line.text);
    if (startSet.includes(t)) {
      on = true;
      continue;
    }
    if (!on) continue;
    if (stopSet.includes(t)) break;
    if (line.text.length > 400) continue;
    out.push(line.cells.join(', '));
  }
  return out;
}

export function parseMeeting(pt: PageText, ctx: PageContext, idHint?: string | null): MeetingPage {
  const warnings = ctx.warnings;
  // The first heading line with a document word and no breadcrumb before it.
  const head = findHeading(pt.lines, pt.anchors, (h) => h.documentKind !== null && !h.organ?.includes('|'), false);
  if (!head) warnings.push(NO_MEETING_HEADING);
  let meetingId = pageIdOf(ctx, idHint, MEETING_ID_FROM_FILE);

  const items: MeetingListItem[] = [];
  const rowsWithMarker = new Set(pt.images.filter((im) => ATTACHMENT_IMAGE.test(im.src) || ATTACHMENT_IMAGE.test(im.alt)).map((im) => im.row));
  const seen = new Set<string>();
  for (const a of pt.anchors) {
    if (!a.inData || !a.text) continue;
    const target = targetOf(a);
    if (target?.page !== 'meetingitem' || !target.id) continue;
    if (meetingId && !target.id.startsWith(`${meetingId}-`)) continue;
    const text = norm(a.text);
    if (NAVIGATION_TEXTS.includes(text)) continue;
    if (seen.has(target.id)) continue;
    seen.add(target.id);
    const line = pt.lines[a.line];
    const first = line?.cells[0] ?? '';
    const number = /^(\d{1,4})$/.exec(first) ?? /^(\d{1,4})\b/.exec(line?.text ?? '');
    items.push({
      itemId: target.id,
      section: number ? Number(number[1]) : null,
      title: a.text,
      url: linkOf(a),
      hasAttachments: a.row >= 0 && rowsWithMarker.size > 0 ? rowsWithMarker.has(a.row) : null,
    });
  }
  if (!items.length) warnings.push(NO_ITEM_LINKS);
  if (!meetingId && items.length) {
    const m = /^(\d+)-/.exec(items[0]!.itemId ?? '');
    if (m) {
      meetingId = idTakenFrom(warnings, MEETING_ID_FROM_ITEMS, m[1]!);
    }
  }

  // The meeting PDF: "Pöytäkirja PDF-muodossa", or a /kokous/<meetingId>.PDF link.
  let pdfUrl: string | null = null;
  for (const a of pt.anchors) {
    const target = targetOf(a);
    if (target?.page !== 'pdf' || !target.id) continue;
    if ((meetingId && target.id === meetingId) || (!meetingId && /^\d+$/.test(target.id) && /PDF/i.test(a.text))) {
      pdfUrl = linkOf(a);
      if (pdfUrl) break;
    }
  }
  if (!pdfUrl) {
    const a = findByText(pt, 'pdf');
    if (a) pdfUrl = linkOf(a);
  }

  // Appeal instructions: links to <meetingId>-0-<k>.PDF; the § range is the row's first cell.
  const appealInstructions: AppealInstruction[] = [];
  for (const a of pt.anchors) {
    if (!a.inData || !a.text) continue;
    const target = targetOf(a);
    if (target?.page !== 'pdf' || !target.id || !/^\d+-0-\d+$/.test(target.id)) continue;
    const line = pt.lines[a.line];
    const first = line && line.cells.length > 1 ? line.cells[0]! : '';
    appealInstructions.push({ sections: first, title: a.text, url: linkOf(a) });
  }

  const { members, others, absent, appeal } = MEETING_HEADINGS;
  const allHeadings = [...members, ...others, ...absent, ...appeal, 'Pykälä Muutoksenhakuohjeet'];
  const attendees = [...listAfter(pt.lines, members, allHeadings), ...listAfter(pt.lines, others, allHeadings)];

  if (!pdfUrl) warnings.push(NO_MEETING_PDF);
  if (!meetingId) warnings.push(NO_MEETING_ID);
  return {
    kind: 'meeting',
    ...ctx,
    meetingId,
    organ: head?.organ ?? null,
    documentKind: head?.heading.documentKind ?? null,
    meetingDate: head?.heading.date ?? null,
    items,
    pdfUrl,
    appealInstructions,
    attendees,
  };
}
