/**
 * The label vocabulary of Dynasty pages, as data. Section labels are municipal template text, not
 * fixed by Dynasty (docs/dynasty-format.md), so everything the parser recognizes by its words lives
 * here: add a portal's own label by adding an entry, not by changing code.
 *
 * Every entry says where it was seen (a `// seen:` comment, so the note costs the content script
 * nothing). `unverified: 'sv'` marks guesses (all Swedish entries: no
 * Swedish-labelled Dynasty page has been seen yet).
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

export const SECTION_LABELS: readonly SectionLabel[] = [
  // People.
  { match: 'Valmistelija(?:t|\\(t\\))?(?: ja lisätiedot| ?\\/ ?lisätiedot| ja lisätietojen antaja(?:t)?)?(?: \\([^)]{0,80}\\))?', kind: 'people', role: 'preparer' }, // seen: Kouvola, Parikkala, HSY, Länsi-Uusimaa, Espoo
  { match: 'Esittelijä(?:t)?', kind: 'people', role: 'presenter' }, // seen: HSY, Iitti, Alavieska
  { match: 'Lisätietoja(?: antaa| antavat)?|Lisätiedot(?: antaa| antavat)?', kind: 'people', role: 'contact' }, // seen: Kouvola
  { match: 'Beredare|Beredning och ytterligare information|Beredare och ytterligare information', kind: 'people', role: 'preparer', unverified: 'sv' },
  { match: 'Föredragande', kind: 'people', role: 'presenter', unverified: 'sv' },
  { match: 'Ytterligare information|Tilläggsuppgifter|Mer information', kind: 'people', role: 'contact', unverified: 'sv' },

  // Proposals (the latest one before this organ's decision is `proposal`).
  { match: 'Päätösehdotus|Päätösesitys|Esittelijän (?:päätös)?ehdotus|Pohjaehdotus|Ehdotus', kind: 'proposal', presenterInline: true }, // seen: many; Ehdotus: static Karkkila, Pyhäjärvi
  { match: `${GENITIVE} (?:muutettu )?(?:päätös)?ehdotus(?: ${ALLATIVE})?`, kind: 'proposal' }, // seen: Kouvola: Kaupunginjohtajan ehdotus, Kaupunginhallituksen ehdotus kaupunginvaltuustolle
  { match: 'Kaupunginjohtaja|Kunnanjohtaja|Toimitusjohtaja|Hyvinvointialuejohtaja|Kuntayhtymän johtaja', kind: 'proposal', strict: true }, // seen: Pyhäjärvi static "Kaupunginjohtaja: <text>"; a Kokkola page (reported)
  { match: 'Beslutsförslag|Förslag|Föredragandens förslag', kind: 'proposal', presenterInline: true, unverified: 'sv' },

  // Handling and decision.
  { match: 'Käsittely', kind: 'handling' }, // seen: Länsi-Uusimaa
  { match: 'Behandling', kind: 'handling', unverified: 'sv' },
  { match: `Päätös|${GENITIVE} päätös`, kind: 'decision' }, // seen: many; Kaupunginhallituksen päätös: Kouvola
  { match: `Beslut|[${LETTER}][${LETTER}-]*s beslut`, kind: 'decision', unverified: 'sv' },

  // Explanation.
  { match: 'Selostus|Perustelut|Asian selostus|Tausta', kind: 'explanation' }, // seen: Espoo, Länsi-Uusimaa (Selostus)
  { match: 'Beskrivning|Motivering|Bakgrund|Sammanfattning', kind: 'explanation', unverified: 'sv' },

  // Earlier handling.
  { match: 'Päätöshistoria|Asian aikaisempi käsittely|Aikaisempi käsittely|Asian käsittelyhistoria', kind: 'history' }, // seen: docs (Päätöshistoria), Espoo 2013 (Asian aikaisempi käsittely)
  { match: 'Beslutshistoria|Tidigare behandling', kind: 'history', unverified: 'sv' },

  // Other labelled parts.
  { match: 'Oheismateriaali|Tiedoksi|Täytäntöönpano|Muutoksenhaku|Toimenpiteet', kind: 'other' }, // seen: Espoo (Oheismateriaali, Tiedoksi)
  { match: 'Tillkännagivande|Verkställighet|För kännedom|Sökande av ändring', kind: 'other', unverified: 'sv' },
];

/** The document kind words of the heading line ("Pöytäkirja 07.06.2021/Pykälä 210"). */
export const DOCUMENT_KIND_WORDS: readonly { match: string; kind: DocumentKind | null; unverified?: Unverified }[] = [
  { match: 'Pöytäkirja', kind: 'minutes' },
  { match: 'Esityslista', kind: 'agenda' },
  { match: 'Kokous', kind: null },
  { match: 'Protokoll', kind: 'minutes', unverified: 'sv' },
  { match: 'Föredragningslista', kind: 'agenda', unverified: 'sv' },
];

/** The number words of the heading line: § on minutes, item number on agendas. */
export const NUMBER_WORDS: readonly { match: string; field: 'section' | 'agendaNumber'; unverified?: Unverified }[] = [
  { match: 'Pykälä|§', field: 'section' },
  { match: 'Asianro|Asia nro|Asia', field: 'agendaNumber' },
  { match: 'Paragraf', field: 'section', unverified: 'sv' },
  { match: 'Ärende nr|Ärendenr|Ärende', field: 'agendaNumber', unverified: 'sv' },
];

/** Link texts of item navigation and documents. */
export const LINK_TEXTS: Readonly<Record<'previous' | 'next' | 'appeal' | 'pdf' | 'attachments', readonly string[]>> = {
  previous: ['Edellinen asia', 'Föregående ärende'],
  next: ['Seuraava asia', 'Nästa ärende'],
  appeal: ['Muutoksenhakuohje', 'Muutoksenhakuohjeet', 'Oikaisuvaatimusohje', 'Besvärsanvisning', 'Anvisning om rättelseyrkande'],
  pdf: ['Kokousasia PDF-muodossa', 'PDF-muodossa', 'Mötesärende i PDF-format', 'i PDF-format'],
  attachments: ['Liitteet', 'Liite', 'Bilagor', 'Bilaga'],
};

/** Captions and headings of tables that are page chrome, not item text. */
export const CHROME_CAPTIONS: readonly string[] = ['Navigointi', 'Navigering', 'Liitteet', 'Bilagor', 'Oheismateriaali'];

/** Meeting page table headings. */
export const MEETING_HEADINGS = {
  appeal: ['Muutoksenhakuohjeet', 'Muutoksenhakuohje', 'Besvärsanvisningar', 'Besvärsanvisning'],
  members: ['Saapuvilla olleet jäsenet', 'Läsnä olleet jäsenet', 'Läsnä', 'Närvarande ledamöter', 'Närvarande'],
  others: ['Muut saapuvilla olleet', 'Muut läsnä olleet', 'Övriga närvarande'],
  absent: ['Poissa', 'Poissa olleet jäsenet', 'Frånvarande'],
  organs: ['Kokouslistat', 'Toimielimet', 'Organ'],
};

/**
 * Decision outcomes, checked in this order: the first that matches wins. Each pattern is matched
 * against the decision text (and, for `voted`, the handling text too), lower-cased.
 */
/** One optional word between the verb and its object ("hyväksyi <kaupunginhallituksen> ehdotuksen"). */
const WORD = `(?:[${LETTER}]+ )?`;

export const OUTCOME_PHRASES: readonly { outcome: Outcome; match: string; unverified?: Unverified }[] = [
  { outcome: 'voted', match: 'äänestyksen|äänestys|äänestettiin|äänestyksessä|äänin \\d+\\s*[-–]\\s*\\d+' },
  { outcome: 'voted', match: 'omröstning|röstade|med rösterna', unverified: 'sv' },
  { outcome: 'tabled', match: 'pöydälle' },
  { outcome: 'tabled', match: 'bordlade|bordlägg', unverified: 'sv' },
  { outcome: 'returned', match: `palaut[${LETTER}]* (?:asian |asia )?(?:uudelleen )?valmisteluun|palaut[${LETTER}]* (?:asian |asia )?(?:uudelleen )?valmisteltavaksi` },
  { outcome: 'returned', match: 'återremitter|återremiss', unverified: 'sv' },
  { outcome: 'rejected', match: `hylkäsi ${WORD}(?:päätös)?ehdotuksen|(?:päätös)?ehdotus hylättiin|ei hyväksynyt ${WORD}(?:päätös)?ehdotusta` },
  { outcome: 'rejected', match: 'förkastade|avslog (?:besluts)?förslaget|förslaget förkastades', unverified: 'sv' },
  { outcome: 'amended', match: 'muutetun|muutettuna|muutoksin|seuraavin muutoksin|lisäyksin|täydennettynä|muutoksella|muutosehdotuksen mukaisesti|korjattuna' },
  { outcome: 'amended', match: 'med ändring|ändrat|med följande ändringar|med tillägg', unverified: 'sv' },
  { outcome: 'as-proposed', match: `hyväksyi ${WORD}${WORD}(?:päätös)?ehdotuksen|(?:päätös)?ehdotus hyväksyttiin|(?:päätös)?ehdotuksen mukaisesti|hyväksyi ${WORD}esityksen|esitys hyväksyttiin|esityksen mukaisesti` },
  { outcome: 'as-proposed', match: `godkände ${WORD}(?:besluts)?förslaget|(?:besluts)?förslaget godkändes|enligt (?:besluts)?förslaget`, unverified: 'sv' },
  { outcome: 'noted', match: 'merkitsi\\b.*\\btiedoksi|merkittiin tiedoksi|merkitsi tiedokseen|merkitsee tiedoksi' },
  { outcome: 'noted', match: 'antecknade|antecknades för kännedom|för kännedom', unverified: 'sv' },
];
