/**
 * The label vocabulary of Dynasty pages, as data. Section labels are municipal template text, not
 * fixed by Dynasty (docs/dynasty-format.md), so everything the parser recognizes by its words lives
 * here: add a portal's own label by adding an entry, not by changing code.
 *
 * Every entry says where it was seen (a `// seen:` comment, so the note costs the content script
 * nothing). Guesses (all Swedish entries: no Swedish-labelled Dynasty page has been seen yet) are
 * written with `guess(...)`, which marks them `unverified: 'sv'`. The entries are written through
 * small helpers (positional fields), because the content script carries this table: an object literal
 * per entry repeats its property names in every Dynasty page.
 *
 * A `match` is the source of a regular expression that must match the WHOLE label as printed
 * (case-insensitive, Unicode), without a trailing colon; the parser adds the anchors.
 */
import type { DocumentKind, Outcome, PersonRole, SectionKind } from './types';

/**
 * The language of a guess: an entry not yet seen on any Dynasty page. Every Swedish entry is one (no
 * Swedish-labelled page has been seen); entries without the mark were read off real pages (Finnish).
 */
export type Unverified = 'sv';

export interface SectionLabel {
  match: string;
  kind: SectionKind;
  /** For people labels: the role of the people listed after the label. */
  role?: PersonRole;
  /**
   * For proposal labels: the text right after the label on the same line may name the presenter
   * ("Päätösehdotus Kaupunginjohtaja Jukka Mäkelä") instead of starting the proposal.
   */
  presenterInline?: boolean;
  /** Only a label when the text after it is separated by markup or a colon, never by a plain space. */
  strict?: boolean;
  unverified?: Unverified;
}

/**
 * A letter of Finnish or Swedish text, as an explicit class: Unicode property classes under the
 * case-insensitive flag make V8 compile huge case-folded sets (measured: 4x slower page parse).
 */
export const LETTER = 'A-Za-z\\u00c0-\\u024f';
/** Finnish organ-name word forms used in chain labels: "<Organ>n ehdotus <organ>lle". */
const GENITIVE = `[${LETTER}][${LETTER}-]*(?:n|en|in)`;
const ALLATIVE = `[${LETTER}-]+(?:lle)`;
/** The stem of "(päätös)ehdotus", "-ehdotuksen", "-ehdotusta" (one copy in the content script, not eight). */
const PROPOSAL_STEM = '(?:päätös)?ehdotu';

/** Marks an entry as a guess (see `Unverified`). */
function guess<T extends object>(entry: T): T & { unverified: Unverified } {
  return { ...entry, unverified: 'sv' };
}

/** A section label entry: its pattern, its kind and, for some, `role`, `presenterInline` or `strict`. */
function label(match: string, kind: SectionKind, more?: Omit<SectionLabel, 'match' | 'kind'>): SectionLabel {
  return { match, kind, ...more };
}

/** A people label entry: the people listed after it have `role`. */
function people(match: string, role: PersonRole): SectionLabel {
  return { match, kind: 'people', role };
}

export const SECTION_LABELS: readonly SectionLabel[] = [
  // People.
  people('Valmistelija(?:t|\\(t\\))?(?: ja lisäti(?:edot|etojen antajat?)| ?\\/ ?lisätiedot)?(?: \\([^)]{0,80}\\))?', 'preparer'), // seen: Kouvola, Parikkala, HSY, Länsi-Uusimaa, Espoo
  people('Esittelijät?', 'presenter'), // seen: HSY, Iitti, Alavieska
  people('Lisäti(?:etoja|edot)(?: anta(?:a|vat))?', 'contact'), // seen: Kouvola
  guess(people('Bered(?:are|ning) och ytterligare information|Beredare', 'preparer')),
  guess(people('Föredragande', 'presenter')),
  guess(people('Ytterligare information|Tilläggsuppgifter|Mer information', 'contact')),

  // Proposals (the latest one before this organ's decision is `proposal`).
  label(`(?:Pohja|Päätös)?ehdotus|Päätösesitys|Esittelijän ${PROPOSAL_STEM}s`, 'proposal', { presenterInline: true }), // seen: many; Ehdotus: static Karkkila, Pyhäjärvi
  label(`${GENITIVE} (?:muutettu )?${PROPOSAL_STEM}s(?: ${ALLATIVE})?`, 'proposal'), // seen: Kouvola: Kaupunginjohtajan ehdotus, Kaupunginhallituksen ehdotus kaupunginvaltuustolle
  label('(?:Kaupungin|Kunnan|Toimitus|Hyvinvointialue)johtaja|Kuntayhtymän johtaja', 'proposal', { strict: true }), // seen: Pyhäjärvi static "Kaupunginjohtaja: <text>"; a Kokkola page (reported)
  guess(label('(?:Besluts|Föredragandens )?förslag', 'proposal', { presenterInline: true })),

  // Handling and decision.
  label('Käsittely', 'handling'), // seen: Länsi-Uusimaa
  guess(label('Behandling', 'handling')),
  label(`Päätös|${GENITIVE} päätös`, 'decision'), // seen: many; Kaupunginhallituksen päätös: Kouvola
  guess(label(`Beslut|[${LETTER}][${LETTER}-]*s beslut`, 'decision')),

  // Explanation.
  label('(?:Asian )?selostus|Perustelut|Tausta', 'explanation'), // seen: Espoo, Länsi-Uusimaa (Selostus)
  guess(label('Beskrivning|Motivering|Bakgrund|Sammanfattning', 'explanation')),

  // Earlier handling.
  label('Päätöshistoria|(?:Asian )?aikaisempi käsittely|Asian käsittelyhistoria', 'history'), // seen: docs (Päätöshistoria), Espoo 2013 (Asian aikaisempi käsittely)
  guess(label('Beslutshistoria|Tidigare behandling', 'history')),

  // Other labelled parts.
  label('Oheismateriaali|Tiedoksi|Täytäntöönpano|Muutoksenhaku|Toimenpiteet', 'other'), // seen: Espoo (Oheismateriaali, Tiedoksi)
  guess(label('Tillkännagivande|Verkställighet|För kännedom|Sökande av ändring', 'other')),
];

/** The document kind words of the heading line ("Pöytäkirja 07.06.2021/Pykälä 210"). */
export const DOCUMENT_KIND_WORDS: readonly { match: string; kind: DocumentKind | null; unverified?: Unverified }[] = [
  { match: 'Pöytäkirja', kind: 'minutes' },
  { match: 'Esityslista', kind: 'agenda' },
  { match: 'Kokous', kind: null },
  guess({ match: 'Protokoll', kind: 'minutes' }),
  guess({ match: 'Föredragningslista', kind: 'agenda' }),
];

/** The number words of the heading line: § on minutes, item number on agendas. */
export const NUMBER_WORDS: readonly { match: string; field: 'section' | 'agendaNumber'; unverified?: Unverified }[] = [
  { match: 'Pykälä|§', field: 'section' },
  { match: 'Asia(?: ?nro)?', field: 'agendaNumber' },
  guess({ match: 'Paragraf', field: 'section' }),
  guess({ match: 'Ärende(?: ?nr)?', field: 'agendaNumber' }),
];

/**
 * Link and heading texts that several tables hold (the item parser's navigation lines too), written
 * once: every copy would cost every Dynasty page its bytes.
 */
export const APPEAL_FI = 'Muutoksenhakuohje';
const APPEALS_FI = 'Muutoksenhakuohjeet';
export const APPEAL_SV = 'Besvärsanvisning';
export const PDF_SV = 'Mötesärende i PDF-format';

/** Link texts of item navigation and documents. */
export const LINK_TEXTS: Readonly<Record<'previous' | 'next' | 'appeal' | 'pdf' | 'attachments', readonly string[]>> = {
  previous: ['Edellinen asia', 'Föregående ärende'],
  next: ['Seuraava asia', 'Nästa ärende'],
  appeal: [APPEAL_FI, APPEALS_FI, 'Oikaisuvaatimusohje', APPEAL_SV, 'Anvisning om rättelseyrkande'],
  pdf: ['Kokousasia PDF-muodossa', 'PDF-muodossa', PDF_SV, 'i PDF-format'],
  attachments: ['Liitteet', 'Liite', 'Bilagor', 'Bilaga'],
};

/** The item navigation link texts, previous and next. */
export const ITEM_NAVIGATION = [...LINK_TEXTS.previous, ...LINK_TEXTS.next];

/** Captions and headings of tables that are page chrome, not item text. */
export const CHROME_CAPTIONS: readonly string[] = ['Navigointi', 'Navigering', 'Liitteet', 'Bilagor', 'Oheismateriaali'];

/** Meeting page table headings. */
export const MEETING_HEADINGS = {
  appeal: [APPEALS_FI, APPEAL_FI, 'Besvärsanvisningar', APPEAL_SV],
  members: ['Saapuvilla olleet jäsenet', 'Läsnä olleet jäsenet', 'Läsnä', 'Närvarande ledamöter', 'Närvarande'],
  others: ['Muut saapuvilla olleet', 'Muut läsnä olleet', 'Övriga närvarande'],
  absent: ['Poissa', 'Poissa olleet jäsenet', 'Frånvarande'],
  organs: ['Kokouslistat', 'Toimielimet', 'Organ'],
};

/**
 * Decision outcomes, checked in this order: the first that matches wins. Each pattern is matched
 * against the decision text (and, for `voted`, the handling text too), lower-cased, anywhere in it:
 * a phrase that contains another of its entry ("seuraavin muutoksin", "muutoksin") adds nothing.
 */
/** One optional word between the verb and its object ("hyväksyi <kaupunginhallituksen> ehdotuksen"). */
const WORD = `(?:[${LETTER}]+ )?`;
/** "(besluts)förslaget". */
const SV_PROPOSAL = '(?:besluts)?förslaget';

function phrase(outcome: Outcome, match: string): { outcome: Outcome; match: string } {
  return { outcome, match };
}

export const OUTCOME_PHRASES: readonly { outcome: Outcome; match: string; unverified?: Unverified }[] = [
  phrase('voted', 'äänest(?:yksen|ys|ettiin|yksessä)|äänin \\d+\\s*[-–]\\s*\\d+'),
  guess(phrase('voted', 'omröstning|röstade|med rösterna')),
  phrase('tabled', 'pöydälle'),
  guess(phrase('tabled', 'bordlade|bordlägg')),
  phrase('returned', `palaut[${LETTER}]* (?:asian |asia )?(?:uudelleen )?(?:valmisteluun|valmisteltavaksi)`),
  guess(phrase('returned', 'återremitter|återremiss')),
  phrase('rejected', `hylkäsi ${WORD}${PROPOSAL_STEM}ksen|${PROPOSAL_STEM}s hylättiin|ei hyväksynyt ${WORD}${PROPOSAL_STEM}sta`),
  guess(phrase('rejected', `förkastade|avslog ${SV_PROPOSAL}|förslaget förkastades`)),
  phrase('amended', 'muutet(?:un|tuna)|muuto(?:ksin|ksella|sehdotuksen mukaisesti)|lisäyksin|täydennettynä|korjattuna'),
  guess(phrase('amended', 'med ändring|ändrat|med följande ändringar|med tillägg')),
  phrase('as-proposed', `hyväksyi ${WORD}(?:${WORD}${PROPOSAL_STEM}ksen|esityksen)|(?:${PROPOSAL_STEM}s|esitys) hyväksyttiin|(?:${PROPOSAL_STEM}ksen|esityksen) mukaisesti`),
  guess(phrase('as-proposed', `godkände ${WORD}${SV_PROPOSAL}|${SV_PROPOSAL} godkändes|enligt ${SV_PROPOSAL}`)),
  phrase('noted', 'merki(?:tsi\\b.*\\btiedoksi|ttiin tiedoksi|tsi tiedokseen|tsee tiedoksi)'),
  guess(phrase('noted', 'antecknade|för kännedom')),
];
