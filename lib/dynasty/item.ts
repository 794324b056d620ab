/**
 * The meeting item parser: organ, date, §, title, diary number, people, labelled sections, the
 * latest proposal, this organ's decision and its outcome, earlier handling rounds, attachments and
 * links. Anchored on meaning (labels, captions, link texts, URL shapes, text patterns), never on one
 * template's classes. A value it cannot find is null with a warning: it never guesses.
 */
import { CLASSIFICATION, DIARY, findHeading, findRounds, idTakenFrom, isSeparator, labelOf, pageIdOf, parseHeading, SECTION_ONLY, SHORT, startsWithLabel, type Heading, type LabelHit, type PageContext, type RoundAt } from './common';
import { APPEAL_FI, APPEAL_SV, ITEM_NAVIGATION, OUTCOME_PHRASES, PDF_SV } from './labels';
import { findAttachments, findByText, isChromeCaption, linkOf, targetOf } from './links';
import { looksLikePeopleLine, parsePeople } from './people';
import type { PageText } from './text';
import type { HandlingRound, ItemSection, MeetingItemPage, Outcome, Person, PersonRole } from './types';
import { meetingIdOfItemId } from './urls';
import { AGENDA_DECISION, HEADING_FROM_ROUND, ITEM_ID_FROM_FILE, ITEM_ID_FROM_PDF, NO_CURRENT_ROUND, NO_DECISION, NO_DIARY, NO_DOCUMENT_KIND, NO_ITEM_HEADING, NO_ITEM_ID, NO_MARKER, NO_NUMBER, NO_ORGAN_BY_HEADING, NO_PROPOSAL, NO_TITLE, TITLE_NOT_BOLD } from './warnings';

/** A line of navigation links only ("Edellinen asia | Seuraava asia"). */
const NAV_ONLY = new RegExp(String.raw`^(?:\|?\s*(?:${[...ITEM_NAVIGATION, APPEAL_FI, APPEAL_SV, 'Kokousasia\\s*PDF-muodossa', PDF_SV, 'Avaa haku', 'Toimielimet'].join('|')})\s*\|?\s*)+$`, 'i');
/** A breadcrumb such as "Poistuminen | Toimielimet | Kaupunginhallitus | Pöytäkirja 25.11.2013". */
const BREADCRUMB = /^(?:[^|]{1,80}\|){2,}[^|]{0,80}$/;
/** Sections of running text (their own labels inside them are not new sections). */
const BODY_KINDS = new Set<ItemSection['kind']>(['explanation', 'history']);
const COMPILED_OUTCOMES = OUTCOME_PHRASES.map((p) => ({ ...p, re: new RegExp(p.match, 'iu') }));

interface OpenSection {
  label: string;
  kind: ItemSection['kind'];
  parts: string[];
  line: number;
  /** People sections stop at the first line that does not look like people. */
  people: boolean;
  role: PersonRole | undefined;
}

/** Classifies a decision text (and the handling text of the same round). */
export function outcomeOf(decision: string, handling: string): Outcome {
  const text = decision.toLowerCase();
  for (const { outcome, re } of COMPILED_OUTCOMES) {
    if (re.test(text) || (outcome === 'voted' && re.test(handling.toLowerCase()))) return outcome;
  }
  return 'other';
}

function looksLikePresenter(rest: string): boolean {
  if (!rest || rest.length > 80) return false;
  if (/[.!?;:]$/.test(rest)) return false;
  const words = rest.split(' ');
  return words.length <= 8 && /^[\p{Lu}\p{Ll}]/u.test(rest) && !/\b(?:päät(?:tää|ti)|todetaan|hyväksyy|esittää|merkitsee|konstaterar|beslutar)\b/i.test(rest);
}

export function parseItem(pt: PageText, ctx: PageContext, idHint?: string | null): MeetingItemPage {
  const warnings = ctx.warnings;
  const lines = pt.lines;

  // Heading: organ, document kind, date, § / agenda number.
  // The first heading line with a § or item number, else the first at all.
  const head = findHeading(lines, pt.anchors, (h) => h.section !== null || h.agendaNumber !== null, true);
  let heading: Heading | null = head?.heading ?? null;
  let headOrgan: string | null = head?.organ ?? null;
  if (!head) warnings.push(NO_ITEM_HEADING);

  // Content lines: in the data region, not navigation or attachment tables, not the heading itself.
  const content: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    if (!line.inData) continue;
    if (head && i <= head.index) continue;
    if (isChromeCaption(line.caption)) continue;
    if ((text.length < 200 && NAV_ONLY.test(text)) || (text.length < 400 && text.includes('|') && BREADCRUMB.test(text))) continue;
    if (!/[\p{L}\d_]/u.test(text)) continue; // "©", "|", "...": ornaments, not text
    content.push(i);
  }
  // The label of every content line, read once: the title search and the sections both ask.
  const labels: (LabelHit | null)[] = [];
  for (const i of content) labels[i] = labelOf(lines[i]!);

  // Rounds: "Kh 07.06.2021 § 210", "Hallitus 18.09.2020 § 94" ...
  const rounds = findRounds(lines, content);
  let current: RoundAt | null = null;
  if (!heading && rounds.length && rounds[0]!.form === 'triple' && content.indexOf(rounds[0]!.line) < 8 && ctx.generation !== 'dynamic') {
    // Old static pages print no heading line, only "Organ / § N / date" lines at the top: this round.
    const first = rounds[0]!;
    heading = { ...first, documentKind: null, agendaNumber: null };
    headOrgan = first.organ;
    warnings.push(HEADING_FROM_ROUND);
  }
  if (heading?.date && heading.section !== null) {
    current = rounds.find((r) => r.date === heading.date && r.section === heading.section) ?? null;
  }
  const unnumbered = heading !== null && heading.section === null && heading.agendaNumber === null;
  if (!current && rounds.length && unnumbered) current = rounds[rounds.length - 1]!;
  // Oldest first; rounds of one date stay in page order (the sort is stable).
  const history: HandlingRound[] = rounds
    .filter((r) => r !== current)
    .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'))
    .map((r) => ({ organ: r.organ, date: r.date, section: r.section }));
  const roundLines = new Set(rounds.map((r) => r.line));

  // Diary number and classification.
  let diaryNumber: string | null = null;
  let classification: string | null = null;
  let diaryAt = -1;
  for (let k = 0; k < content.length && diaryNumber === null; k++) {
    const line = lines[content[k]!]!;
    if (line.text.length > SHORT) continue;
    for (const cell of line.cells) {
      const m = DIARY.exec(cell);
      if (m) {
        diaryNumber = m[1]!;
        diaryAt = content[k]!;
        // A classification printed apart: in another cell of the line or on the next lines.
        for (const other of line.cells) if (other !== cell && CLASSIFICATION.test(other)) classification = other;
        for (let j = k + 1; classification === null && j < Math.min(content.length, k + 3); j++) {
          const next = lines[content[j]!]!.text;
          if (CLASSIFICATION.test(next)) classification = next;
        }
        break;
      }
    }
  }

  // Title: the first bold line of the body that is none of the above.
  const isStructural = (i: number): boolean => {
    const text = lines[i]!.text;
    return roundLines.has(i) || i === diaryAt || SECTION_ONLY.test(text) || isSeparator(text) || !!labels[i] ||
      DIARY.test(text) || CLASSIFICATION.test(text) || /^\d{1,4}$/.test(text) || (headOrgan !== null && text === headOrgan);
  };
  let title: string | null = null;
  let titleAt = -1;
  for (const i of content) {
    const line = lines[i]!;
    const text = line.text;
    if (!line.bold || text.length < 3 || text.length > 500 || isStructural(i)) continue;
    if (!/\p{L}/u.test(text)) continue;
    title = text;
    titleAt = i;
    break;
  }
  if (title === null && current) {
    // Pages whose title is not bold: the line right before the current round line, else the first
    // plausible line after it.
    const at = content.indexOf(current.line);
    const plausible = (i: number) => {
      const text = lines[i]!.text;
      return !isStructural(i) && text.length >= 3 && text.length <= 250 && !/[.:;]$/.test(text) && /\p{L}{2}/u.test(text) && !parseHeading(text);
    };
    // The first content line up to `count` lines away in direction `step` that is `ok`.
    const near = (step: number, count: number, ok: (i: number) => boolean) => {
      for (let d = 1; d <= count; d++) {
        const i = content[at + step * d];
        if (i !== undefined && ok(i)) return i;
      }
      return undefined;
    };
    const before = near(-1, 4, (i) => !isStructural(i));
    const after = near(1, 5, (i) => !isStructural(i) && /\p{L}{2}/u.test(lines[i]!.text));
    const pick = [before, after].find((i) => i !== undefined && plausible(i));
    if (pick !== undefined) {
      title = lines[pick]!.text;
      titleAt = pick;
      warnings.push(TITLE_NOT_BOLD);
    }
  }
  if (title === null) warnings.push(NO_TITLE);

  // Sections.
  const sections: (OpenSection & { round: number })[] = [];
  const people: Person[] = [];
  let open: (OpenSection & { round: number }) | null = null;
  let roundIndex = 0;
  let roundOfCurrent = -1;
  const close = () => {
    if (open?.people) people.push(...parsePeople(open.parts, open.role ?? 'contact'));
    open = null;
  };
  for (const i of content) {
    if (i === titleAt || i === diaryAt) continue;
    const line = lines[i]!;
    const text = line.text;
    if (isSeparator(text)) {
      close();
      roundIndex++;
      continue;
    }
    if (roundLines.has(i)) {
      close();
      if (current && i === current.line) roundOfCurrent = roundIndex;
      continue;
    }
    const hit = labels[i];
    // Inside an explanation or history, another such label alone on its line is text (a heading of it).
    const bodyOpen = open !== null && !open.people && BODY_KINDS.has(open.kind);
    const def = hit?.def;
    if (hit && def && !(bodyOpen && BODY_KINDS.has(def.kind) && hit.rest === '' && open!.label !== hit.label)) {
      close();
      const section: OpenSection & { round: number } = {
        label: hit.label,
        kind: def.kind,
        parts: [],
        line: i,
        people: def.kind === 'people',
        role: def.role,
        round: roundIndex,
      };
      let rest = hit.rest;
      if (rest && /:$/.test(rest) && rest.length <= 60) rest = ''; // "Päätös ... Ympäristölautakunta:" names who decides
      if (rest && def.presenterInline && looksLikePresenter(rest)) {
        people.push({ role: 'presenter', name: rest, phone: null, email: null });
        rest = '';
      }
      if (rest) section.parts.push(rest);
      sections.push(section);
      open = section;
      if (section.people && rest) close(); // "Valmistelija: name, puh., email" is one line
      else if (!hit.rest && line.cellCount >= 2) close(); // a label cell beside an empty value cell: nothing follows
      continue;
    }
    if (!open) continue;
    const current_ = open as OpenSection & { round: number };
    if (current_.people) {
      if (looksLikePeopleLine(text) && !startsWithLabel(text)) current_.parts.push(text);
      else close();
      continue;
    }
    current_.parts.push(text);
  }
  close();
  // The same person under the same role twice (one per handling round) is listed once.
  const merged: Person[] = [];
  for (const p of people) {
    const same = merged.find((q) => q.role === p.role && q.name === p.name);
    if (!same) merged.push(p);
    else {
      same.phone ??= p.phone;
      same.email ??= p.email;
    }
  }

  const textOf = (s: OpenSection) => s.parts.join(' ').trim();
  const outSections: ItemSection[] = sections.map((s) => ({ label: s.label, kind: s.kind, text: textOf(s) }));

  // This organ's decision: the last decision section of the current round (or of the page). The current
  // round ends at a separator line or where the next handling line (another round) begins.
  const nextRoundLine = current ? Math.min(...rounds.map((r) => r.line).filter((l) => l > current!.line), Infinity) : Infinity;
  const inCurrent = (s: { round: number; line: number }) =>
    current === null
      ? true
      : s.line > current.line && s.line < nextRoundLine && (roundOfCurrent < 0 || s.round === roundOfCurrent);
  const decisions = sections.filter((s) => s.kind === 'decision');
  const decisionSection = decisions.filter(inCurrent).pop() ?? null;
  let decision = decisionSection ? textOf(decisionSection) || null : null;
  if (heading?.documentKind === 'agenda' && decision !== null) {
    // An agenda has no decision yet: text under its empty "Päätös" label belongs to something else.
    warnings.push(AGENDA_DECISION);
    decision = null;
  }
  // The latest proposal before that decision, preferring one addressed to this organ.
  const proposals = sections.filter((s) => s.kind === 'proposal' && (!decisionSection || s.line < decisionSection.line) && textOf(s) !== '');
  const currentProposals = proposals.filter(inCurrent);
  const pool = currentProposals.length ? currentProposals : proposals;
  const direct = pool.filter((s) => !/\p{L}(?:lle)$/u.test(s.label));
  const proposalSection = (direct.length ? direct : pool).pop() ?? null;
  const proposal = proposalSection ? textOf(proposalSection) : null;

  let outcome: Outcome | null = null;
  if (decision) {
    const handling = sections
      .filter((s) => s.kind === 'handling' && (decisionSection ? s.round === decisionSection.round && s.line < decisionSection.line : true))
      .map((s) => s.parts.join(' '))
      .join(' ');
    outcome = outcomeOf(decision, handling);
  }

  // Ids.
  let itemId = pageIdOf(ctx, idHint, ITEM_ID_FROM_FILE);
  const pdfAnchor = findByText(pt, 'pdf');
  if (!itemId && pdfAnchor) {
    const target = targetOf(pdfAnchor);
    if (target?.page === 'pdf' && target.id && /^\d+-\d+$/.test(target.id)) {
      itemId = idTakenFrom(warnings, ITEM_ID_FROM_PDF, target.id);
    }
  }
  if (!itemId) warnings.push(NO_ITEM_ID);
  const meetingId = meetingIdOfItemId(itemId);

  // Links.
  const link = (which: 'previous' | 'next' | 'appeal' | 'pdf') => {
    const a = findByText(pt, which);
    return a ? linkOf(a) : null;
  };
  let meetingLink: string | null = null;
  for (const a of pt.anchors) {
    const target = targetOf(a);
    if (target?.page === 'meeting' && (meetingId === null || target.id === meetingId)) {
      meetingLink = linkOf(a);
      if (meetingLink) break;
    }
  }
  const links = { pdf: link('pdf'), appeal: link('appeal'), previous: link('previous'), next: link('next'), meeting: meetingLink };
  const attachments = findAttachments(pt, itemId);

  // Warnings for what a reader would miss.
  if (head && !headOrgan) warnings.push(NO_ORGAN_BY_HEADING);
  if (heading && heading.documentKind === null) warnings.push(NO_DOCUMENT_KIND);
  if (unnumbered) warnings.push(NO_NUMBER);
  if (heading?.documentKind === 'minutes' && decision === null) warnings.push(NO_DECISION);
  if (diaryNumber === null) warnings.push(NO_DIARY);
  if (proposal === null) warnings.push(NO_PROPOSAL);
  if (!pt.marker) warnings.push(NO_MARKER);
  if (heading?.date && current === null && heading.section !== null && rounds.length) {
    warnings.push(NO_CURRENT_ROUND);
  }

  return {
    kind: 'meetingItem',
    ...ctx,
    itemId,
    meetingId,
    organ: headOrgan,
    documentKind: heading?.documentKind ?? null,
    meetingDate: heading?.date ?? null,
    section: heading?.section ?? null,
    agendaNumber: heading?.agendaNumber ?? null,
    title,
    diaryNumber,
    classification,
    people: merged,
    sections: outSections,
    proposal,
    decision,
    outcome,
    history,
    attachments,
    links,
  };
}
