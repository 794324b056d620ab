/**
 * What the panel shows, derived from a parsed page: only safe links, dates as the page prints them,
 * and the list of fields that were not found (shown as a small note, never as an empty or guessed
 * value). Field names are those of the parse contract and become `data-field` attributes.
 */
import type {
  DocumentKind,
  MeetingItemPage,
  MeetingPage,
  OrganMeetingsPage,
  Outcome,
  ParsedPage,
  PersonRole,
} from '../dynasty/types';
import { diffWords, type WordDiff } from './diff';
import { nextAndPreviousMeeting } from './neighbours';
import { mailtoHref, safeHttpUrl, telHref } from './safe';

export type ItemField =
  | 'title'
  | 'organ'
  | 'meetingDate'
  | 'section'
  | 'diaryNumber'
  | 'people'
  | 'proposal'
  | 'decision'
  | 'outcome'
  | 'attachments'
  | 'history'
  | 'links';

export interface PersonView {
  role: PersonRole;
  name: string;
  phone: string | null;
  phoneHref: string | null;
  email: string | null;
  emailHref: string | null;
}

export interface ItemView {
  kind: 'meetingItem';
  portal: string | null;
  itemId: string | null;
  title: string | null;
  organ: string | null;
  documentKind: DocumentKind | null;
  /** As the page prints it: DD.MM.YYYY. */
  meetingDate: string | null;
  section: number | null;
  agendaNumber: number | null;
  diaryNumber: string | null;
  classification: string | null;
  people: PersonView[];
  proposal: string | null;
  decision: string | null;
  outcome: Outcome | null;
  /** Word-level diff proposal -> decision, when both exist and are comparable. */
  diff: WordDiff | null;
  /** Both texts exist but are worded too differently for a word diff to help. */
  diffSkipped: boolean;
  attachments: { title: string; href: string | null }[];
  history: { organ: string | null; date: string | null; section: number | null }[];
  links: { pdf: string | null; appeal: string | null; meeting: string | null };
  missing: ItemField[];
}

export interface MeetingView {
  kind: 'meeting';
  portal: string | null;
  organ: string | null;
  documentKind: DocumentKind | null;
  meetingDate: string | null;
  items: { itemId: string | null; section: number | null; title: string; href: string | null; hasAttachments: boolean }[];
  pdf: string | null;
}

export interface OrganMeetingsView {
  kind: 'organMeetings';
  organ: string | null;
  meetings: { meetingId: string | null; date: string | null; documentKind: DocumentKind | null; href: string | null }[];
  next: number;
  previous: number;
}

export type PageView = ItemView | MeetingView | OrganMeetingsView;

/** 2021-06-07 -> 07.06.2021 (the portals' own format); anything else -> null. */
export function displayDate(iso: string | null): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match ? `${match[3]}.${match[2]}.${match[1]}` : null;
}

/** Below this share of common words a diff is noise: the panel shows both texts instead. */
const MIN_DIFF_SIMILARITY = 0.3;

export function itemView(page: MeetingItemPage): ItemView {
  const proposal = page.proposal?.trim() || null;
  const decision = page.decision?.trim() || null;
  let diff: WordDiff | null = null;
  let diffSkipped = false;
  if (proposal && decision) {
    diff = diffWords(proposal, decision);
    if (!diff || diff.similarity < MIN_DIFF_SIMILARITY) {
      diff = null;
      diffSkipped = true;
    }
  }
  const missing: ItemField[] = [];
  if (!page.title) missing.push('title');
  if (!page.organ) missing.push('organ');
  if (!page.meetingDate) missing.push('meetingDate');
  if (page.section === null && page.agendaNumber === null) missing.push('section');
  if (!page.diaryNumber) missing.push('diaryNumber');
  if (!page.people.length) missing.push('people');
  if (!proposal) missing.push('proposal');
  // An agenda has no decision yet: that is not "not found".
  if (!decision && page.documentKind !== 'agenda') missing.push('decision');
  if (decision && !page.outcome) missing.push('outcome');

  return {
    kind: 'meetingItem',
    portal: page.portal,
    itemId: page.itemId,
    title: page.title,
    organ: page.organ,
    documentKind: page.documentKind,
    meetingDate: displayDate(page.meetingDate),
    section: page.section,
    agendaNumber: page.agendaNumber,
    diaryNumber: page.diaryNumber,
    classification: page.classification,
    people: page.people.map((p) => ({
      role: p.role,
      name: p.name,
      phone: p.phone,
      phoneHref: telHref(p.phone),
      email: p.email,
      emailHref: mailtoHref(p.email),
    })),
    proposal,
    decision,
    outcome: decision ? page.outcome : null,
    diff,
    diffSkipped,
    attachments: page.attachments.map((a) => ({ title: a.title, href: safeHttpUrl(a.url) })),
    history: page.history.map((h) => ({ organ: h.organ, date: displayDate(h.date), section: h.section })),
    links: {
      pdf: safeHttpUrl(page.links.pdf),
      appeal: safeHttpUrl(page.links.appeal),
      meeting: safeHttpUrl(page.links.meeting),
    },
    missing,
  };
}

export function meetingView(page: MeetingPage): MeetingView {
  return {
    kind: 'meeting',
    portal: page.portal,
    organ: page.organ,
    documentKind: page.documentKind,
    meetingDate: displayDate(page.meetingDate),
    items: page.items.map((i) => ({
      itemId: i.itemId,
      section: i.section,
      title: i.title,
      href: safeHttpUrl(i.url),
      hasAttachments: i.hasAttachments === true,
    })),
    pdf: safeHttpUrl(page.pdfUrl),
  };
}

export function organMeetingsView(page: OrganMeetingsPage, today: string): OrganMeetingsView {
  const { next, previous } = nextAndPreviousMeeting(page.meetings, today);
  return {
    kind: 'organMeetings',
    organ: page.organ,
    meetings: page.meetings.map((m) => ({
      meetingId: m.meetingId,
      date: displayDate(m.date),
      documentKind: m.documentKind,
      href: safeHttpUrl(m.url),
    })),
    next: next ? page.meetings.indexOf(next) : -1,
    previous: previous ? page.meetings.indexOf(previous) : -1,
  };
}

/** The view for a page Pykälä shows something on; null for every other kind (the page is left alone). */
export function pageView(page: ParsedPage, today: string): PageView | null {
  if (page.kind === 'meetingItem') return itemView(page);
  if (page.kind === 'meeting') return page.items.length ? meetingView(page) : null;
  if (page.kind === 'organMeetings') return page.meetings.length ? organMeetingsView(page, today) : null;
  return null;
}
