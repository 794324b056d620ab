/**
 * The typed model of Dynasty pages and feeds. Field names and meanings follow the public contract
 * (`tests/fixtures/contract/parse-output.schema.json`): every string is plain text, dates are ISO
 * YYYY-MM-DD, URLs are absolute without default ports, and a value the page does not show is null.
 */

export type Generation = 'dynamic' | 'static';

export type PageKind =
  | 'meetingItem'
  | 'meeting'
  | 'organMeetings'
  | 'organList'
  | 'officialDecision'
  | 'feed'
  | 'unknown';

export type DocumentKind = 'agenda' | 'minutes';

export type SectionKind = 'people' | 'explanation' | 'proposal' | 'handling' | 'decision' | 'history' | 'other';

export type Outcome = 'as-proposed' | 'amended' | 'voted' | 'tabled' | 'returned' | 'noted' | 'rejected' | 'other';

export type PersonRole = 'preparer' | 'presenter' | 'contact';

export interface Person {
  role: PersonRole;
  name: string;
  phone: string | null;
  email: string | null;
}

export interface ItemSection {
  /** The label as printed, without a trailing colon. */
  label: string;
  kind: SectionKind;
  text: string;
}

export interface HandlingRound {
  organ: string | null;
  date: string | null;
  section: number | null;
}

export interface Attachment {
  title: string;
  url: string | null;
}

export interface ItemLinks {
  pdf: string | null;
  appeal: string | null;
  previous: string | null;
  next: string | null;
  meeting: string | null;
}

interface PageBase {
  url: string | null;
  /** Base URL: everything before /cgi/DREQUEST.PHP or /kokous/. */
  portal: string | null;
  generation: Generation | null;
  warnings: string[];
}

export interface MeetingItemPage extends PageBase {
  kind: 'meetingItem';
  /** `<meetingId>-<n>`, n being the agenda position (not the §). */
  itemId: string | null;
  meetingId: string | null;
  organ: string | null;
  documentKind: DocumentKind | null;
  meetingDate: string | null;
  section: number | null;
  agendaNumber: number | null;
  title: string | null;
  diaryNumber: string | null;
  classification: string | null;
  people: Person[];
  sections: ItemSection[];
  proposal: string | null;
  decision: string | null;
  outcome: Outcome | null;
  history: HandlingRound[];
  attachments: Attachment[];
  links: ItemLinks;
}

export interface MeetingListItem {
  itemId: string | null;
  /** § on minutes, item number on agendas. */
  section: number | null;
  title: string;
  url: string | null;
  hasAttachments: boolean | null;
}

export interface AppealInstruction {
  /** As printed, e.g. "8 - 10". */
  sections: string;
  title: string;
  url: string | null;
}

export interface MeetingPage extends PageBase {
  kind: 'meeting';
  meetingId: string | null;
  organ: string | null;
  documentKind: DocumentKind | null;
  meetingDate: string | null;
  items: MeetingListItem[];
  pdfUrl: string | null;
  appealInstructions: AppealInstruction[];
  attendees: string[];
}

export interface OrganMeeting {
  meetingId: string | null;
  date: string | null;
  documentKind: DocumentKind | null;
  url: string | null;
}

export interface OrganMeetingsPage extends PageBase {
  kind: 'organMeetings';
  organ: string | null;
  organId: string | null;
  meetings: OrganMeeting[];
}

export interface Organ {
  organId: string | null;
  name: string;
  url: string | null;
}

export interface OrganListPage extends PageBase {
  kind: 'organList';
  organs: Organ[];
}

export interface OfficialDecisionPage extends PageBase {
  kind: 'officialDecision';
  title: string | null;
}

export type FeedKind = 'meetingitems' | 'meetings' | 'official_decisions' | 'unknown';

export interface FeedEntry {
  /** The id= of the entry's link, e.g. 20261273-7: Dynasty feeds carry no guid. */
  id: string | null;
  organ: string | null;
  date: string | null;
  title: string;
  url: string | null;
}

export interface FeedPage extends PageBase {
  kind: 'feed';
  feedKind: FeedKind;
  entries: FeedEntry[];
}

export interface UnknownPage extends PageBase {
  kind: 'unknown';
}

export type ParsedPage =
  | MeetingItemPage
  | MeetingPage
  | OrganMeetingsPage
  | OrganListPage
  | OfficialDecisionPage
  | FeedPage
  | UnknownPage;
