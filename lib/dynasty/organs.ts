/**
 * Organ pages: the organ list (static TELIMET.HTM, dynamic page=meeting_frames) and one organ's
 * meetings (static TELIN-<organId>.HTM, dynamic page=meetings&id=<organId>). Rows are found by the
 * URL shapes of their links, dates by their pattern.
 */
import { pageIdOf, type PageContext } from './common';
import { DATE, isoDate } from './dates';
import { MEETING_HEADINGS } from './labels';
import { linkOf, targetOf } from './links';
import type { PageText } from './text';
import type { DocumentKind, Organ, OrganListPage, OrganMeeting, OrganMeetingsPage } from './types';
import { NO_MEETING_LINKS, NO_ORGAN_LINKS, NO_ORGAN_NAME, ORGAN_ID_FROM_FILE } from './warnings';

/** An organ of the list, with the latest meeting the list shows beside it (when it shows one). */
export interface OrganWithLatest extends Organ {
  latestMeeting: OrganMeeting | null;
}

const DATE_IN = new RegExp(DATE);

/** A line that can be an organ's name: short, letters, no date. */
const nameLike = (text: string) => text.length <= 120 && !DATE_IN.test(text) && /\p{L}/u.test(text);

function kindOfText(text: string): DocumentKind | null {
  if (/pöytäkirja|protokoll/i.test(text)) return 'minutes';
  if (/esityslista|föredragningslista/i.test(text)) return 'agenda';
  return null;
}

export function parseOrganMeetings(pt: PageText, ctx: PageContext, idHint?: string | null): OrganMeetingsPage {
  const warnings = ctx.warnings;
  const organId = pageIdOf(ctx, idHint, ORGAN_ID_FROM_FILE);
  // The organ's name: the link to this organ's own page (breadcrumb), else the line after "Kokouslistat".
  let organ: string | null = null;
  for (const a of pt.anchors) {
    const target = targetOf(a);
    if (target?.page === 'meetings' && target.id && target.id === organId && a.text) {
      organ = a.text;
      break;
    }
  }
  if (!organ) {
    // The static heading "Kokouslistat<br><Organ>": the line after "Kokouslistat".
    const at = pt.lines.findIndex((l) => /^kokouslistat$/i.test(l.text));
    const next = at >= 0 ? pt.lines[at + 1] : undefined;
    if (next && nameLike(next.text)) organ = next.text;
  }
  if (!organ) {
    // A heading element of the data region that is not a generic page heading.
    const generic = [...MEETING_HEADINGS.organs.map((w) => w.toLowerCase()), 'kokoukset', 'möten'];
    const line = pt.lines.find((l) => l.inData && l.heading && !generic.includes(l.text.toLowerCase()) && nameLike(l.text));
    if (line) organ = line.text;
  }
  const meetings: OrganMeeting[] = [];
  const seen = new Set<string>();
  for (const a of pt.anchors) {
    if (!a.inData) continue;
    const target = targetOf(a);
    if (target?.page !== 'meeting' || !target.id || seen.has(target.id)) continue;
    seen.add(target.id);
    const line = pt.lines[a.line];
    const d = line ? DATE_IN.exec(line.text) : null;
    meetings.push({
      meetingId: target.id,
      date: d ? isoDate(d, 1) : null,
      documentKind: kindOfText(a.text) ?? (line ? kindOfText(line.text) : null),
      url: linkOf(a),
    });
  }
  if (!organ) warnings.push(NO_ORGAN_NAME);
  if (!meetings.length) warnings.push(NO_MEETING_LINKS);
  return { kind: 'organMeetings', ...ctx, organ, organId, meetings };
}

export function parseOrganList(pt: PageText, ctx: PageContext): OrganListPage {
  const warnings = ctx.warnings;
  const organs: OrganWithLatest[] = [];
  const byRow = new Map<number, OrganWithLatest>();
  const seen = new Set<string>();
  for (const a of pt.anchors) {
    if (!a.inData || !a.text) continue;
    const target = targetOf(a);
    if (target?.page === 'meetings' && target.id) {
      if (seen.has(target.id)) continue;
      seen.add(target.id);
      const organ: OrganWithLatest = { organId: target.id, name: a.text, url: linkOf(a), latestMeeting: null };
      organs.push(organ);
      if (a.row >= 0) byRow.set(a.row, organ);
    } else if (target?.page === 'meeting' && target.id && a.row >= 0) {
      const organ = byRow.get(a.row);
      if (!organ || organ.latestMeeting) continue;
      const line = pt.lines[a.line];
      const d = line ? DATE_IN.exec(line.text) : null;
      organ.latestMeeting = {
        meetingId: target.id,
        date: d ? isoDate(d, 1) : null,
        documentKind: kindOfText(a.text),
        url: linkOf(a),
      };
    }
  }
  if (!organs.length) warnings.push(NO_ORGAN_LINKS);
  return { kind: 'organList', ...ctx, organs };
}
