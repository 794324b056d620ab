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

/** The item's own links the panel shows, in the order it lists them. */
export const ITEM_LINKS = ['pdf', 'appeal', 'meeting'] as const;
export type ItemLink = (typeof ITEM_LINKS)[number];

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
  links: Record<ItemLink, string | null>;
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
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso ?? '');
  return match ? `${match[3]}.${match[2]}.${match[1]}` : null;
}

/** Below this share of common words a diff is noise: the panel shows both texts instead. */
const MIN_DIFF_SIMILARITY = 0.3;

// The views below spread the parsed page: what is shown as parsed stays as it is, the rest is replaced.
export function itemView(page: MeetingItemPage): ItemView {
  const proposal = page.proposal?.trim() || null;
  const decision = page.decision?.trim() || null;
  const diff = proposal && decision ? diffWords(proposal, decision) : null;
  const comparable = !!diff && diff.similarity >= MIN_DIFF_SIMILARITY;
  const notFound: Partial<Record<ItemField, unknown>> = {
    title: !page.title,
    organ: !page.organ,
    meetingDate: !page.meetingDate,
    section: page.section === null && page.agendaNumber === null,
    diaryNumber: !page.diaryNumber,
    people: !page.people.length,
    proposal: !proposal,
    // An agenda has no decision yet: that is not "not found".
    decision: !decision && page.documentKind !== 'agenda',
    outcome: decision && !page.outcome,
  };
  return {
    ...page,
    meetingDate: displayDate(page.meetingDate),
    people: page.people.map((p) => ({ ...p, phoneHref: telHref(p.phone), emailHref: mailtoHref(p.email) })),
    proposal,
    decision,
    outcome: decision ? page.outcome : null,
    diff: comparable ? diff : null,
    diffSkipped: !!(proposal && decision) && !comparable,
    attachments: page.attachments.map((a) => ({ ...a, href: safeHttpUrl(a.url) })),
    history: page.history.map((h) => ({ ...h, date: displayDate(h.date) })),
    links: Object.fromEntries(ITEM_LINKS.map((link) => [link, safeHttpUrl(page.links[link])])) as ItemView['links'],
    missing: (Object.keys(notFound) as ItemField[]).filter((field) => notFound[field]),
  };
}

export function meetingView(page: MeetingPage): MeetingView {
  return {
    ...page,
    meetingDate: displayDate(page.meetingDate),
    items: page.items.map((i) => ({ ...i, href: safeHttpUrl(i.url), hasAttachments: i.hasAttachments === true })),
    pdf: safeHttpUrl(page.pdfUrl),
  };
}

export function organMeetingsView(page: OrganMeetingsPage, today: string): OrganMeetingsView {
  return {
    ...page,
    meetings: page.meetings.map((m) => ({ ...m, date: displayDate(m.date), href: safeHttpUrl(m.url) })),
    ...nextAndPreviousMeeting(page.meetings, today),
  };
}

/** The view for a page Pykälä shows something on; null for every other kind (the page is left alone). */
export function pageView(page: ParsedPage, today: string): PageView | null {
  if (page.kind === 'meetingItem') return itemView(page);
  if (page.kind === 'meeting') return page.items.length ? meetingView(page) : null;
  if (page.kind === 'organMeetings') return page.meetings.length ? organMeetingsView(page, today) : null;
  return null;
}
