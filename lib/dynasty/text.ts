/**
 * One walk over a page's DOM that turns it into lines of text, the way a reader sees it: block
 * elements, table rows and <br> end a line; table cells split a line into cells; every element
 * boundary splits a line into segments (so a label in its own <span>/<b>/<td> is told apart from the
 * text after it, even when no space separates them). The parsers work on these lines and never on
 * one template's classes.
 *
 * Standard DOM only (firstChild, nextSibling, nodeType, localName, hasAttribute, getAttribute,
 * nodeValue, and textContent for captions): it runs on the real DOM of a content script and on
 * linkedom / happy-dom in Node. The walk keeps its own stack of open elements (no recursion: deeply
 * nested tables cannot overflow the stack), so leaving an element costs no parent comparison and
 * skipped content (scripts, styles) is never visited.
 */

export interface Line {
  /** Collapsed text of the whole line; cells joined by one space. */
  text: string;
  /** Collapsed text per table cell (one entry when the line is not in a table row). */
  cells: string[];
  /** Table cells the line spans, blank ones included (0 outside table rows). */
  cellCount: number;
  /** The first non-blank segment (text between two element boundaries), collapsed. */
  first: string;
  /**
   * When the first segment starts with a short text followed by a layout gap (a tab, or two or more
   * spaces of which one is a no-break space), that short text, else '':
   * "Päätösehdotus&nbsp;&nbsp;&nbsp;Kaupunginjohtaja".
   */
  lead: string;
  /** How many non-blank segments the line has. */
  segments: number;
  /** Every non-blank segment is bold (b, strong, h1-h6, font-weight:bold). */
  bold: boolean;
  /** Between the DATABEGIN / DATA_BEGIN and DATAEND / DATA_END comments (or the page has none). */
  inData: boolean;
  /** Caption of the nearest enclosing captioned table, or null. */
  caption: string | null;
  /** Identity of the enclosing table row (lines of one row share it), or -1. */
  row: number;
  /** Inside a <th>, <thead> or a heading element. */
  heading: boolean;
}

export interface Anchor {
  href: string;
  text: string;
  line: number;
  row: number;
  inData: boolean;
  caption: string | null;
}

export interface Image {
  src: string;
  alt: string;
  line: number;
  row: number;
}

export interface PageText {
  lines: Line[];
  anchors: Anchor[];
  images: Image[];
  /** Which data markers the page has: DATABEGIN (dynamic), DATA_BEGIN (static), or none. */
  marker: 'dynamic' | 'static' | null;
}

/**
 * Whitespace that collapsing changes: a run of two or more, or one that is not a plain space (\s
 * covers no-break and the other Unicode spaces; the zero-width space counts as one). A lone space
 * between two words is left alone: a paragraph is one match per source line break, not one per word.
 * (Written as "a character that starts such a run, then the rest of the run": about 20% faster to
 * scan than the alternation of the three cases.)
 */
const UNCOLLAPSED = /(?:[^\S ]|\u200b| [\s\u200b])[\s\u200b]*/g;

/** Whitespace (including no-break spaces) collapsed to single spaces, trimmed. */
export function collapse(text: string): string {
  return text.trim().replace(UNCOLLAPSED, ' ').trim();
}

/** The whitespace codes from 160 up, outside U+2000-U+200B. */
const WIDE_SPACES = new Set([0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

/** Whether a character code is whitespace to `collapse` (\s or the zero-width space). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 160 && ((c >= 0x2000 && c <= 0x200b) || WIDE_SPACES.has(c));
}

/** A run of layout whitespace: a tab, or 2+ spaces including a no-break space. */
const LAYOUT_GAP = /\t+|(?=[ \u00a0]*\u00a0)[ \u00a0]{2,}/;
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|bolder|[6-9]00)/i;

/** What an element is to the reader, as bits: one table lookup per element. */
const SKIPPED = 1;
const BLOCK = 2;
const CELL = 4;
/** Its inline style may make its text bold (font-weight). */
const STYLED = 8;
const BOLD = 16;
const HEADING = 32;
const TABLE = 64;
const ROW = 128;
const CAPTION = 256;
const BREAK = 512;
const IMAGE = 1024;
const LINK = 2048;
const ROLES = new Map<string, number>();
const H1_H6 = 'h1 h2 h3 h4 h5 h6';
for (const [names, bit] of [
  ['script style noscript template head title meta link select option textarea iframe object svg math button input', SKIPPED],
  [`p div tr li ul ol dl dt dd ${H1_H6} table tbody thead tfoot center header footer section article aside nav main blockquote pre form hr address body html fieldset figure figcaption caption`, BLOCK],
  ['td th', CELL],
  ['span p div font td th a em i u label li', STYLED],
  [`b strong ${H1_H6}`, BOLD],
  [`${H1_H6} th thead`, HEADING],
  ['table', TABLE],
  ['tr', ROW],
  ['caption', CAPTION],
  ['br', BREAK],
  ['img', IMAGE],
  ['a', LINK],
] as const) {
  for (const name of names.split(' ')) ROLES.set(name, (ROLES.get(name) ?? 0) | bit);
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const COMMENT = 8;

function directCaption(table: Element): string | null {
  for (let child = table.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT && (child as Element).localName?.toLowerCase() === 'caption') {
      return collapse(child.textContent ?? '') || null;
    }
  }
  return null;
}

/** What entering an element changed, to be undone when it is left: bits above the role's. */
const PUSHED_CAPTION = 1 << 12;
const PUSHED_ROW = 2 << 12;
const ADDED_BOLD = 4 << 12;
const ADDED_HEADING = 8 << 12;
const OPENED_ANCHOR = 16 << 12;
/** `enter` result for an element whose content is not read (and that is not left either). */
const SKIP_CHILDREN = -1;

function roleOf(el: Element): number {
  const name = el.localName ?? '';
  return ROLES.get(name) ?? ROLES.get(name.toLowerCase()) ?? 0;
}

/**
 * Reads the whole document (or `root`) into lines. Never throws on odd trees. The reader's state is
 * in the variables of this closure, made once when the module loads and set afresh by each call (a
 * read never calls back into another): no function or object is made per page for it, and entering
 * or leaving an element only sets counters and flag bits. (A closure rather than module variables:
 * the minifier gives its variables one-letter names, ~300 bytes less in the content script.)
 */
export const readPage = ((): ((doc: Document, root?: Node | null) => PageText) => {
  // The state of the page being read (see readPage).
  let lines!: Line[];
  let anchors!: Anchor[];
  let images!: Image[];
  let marker!: PageText['marker'];
  let sawBegin!: boolean;
  let inData!: boolean;
  let rowCounter!: number;

  // Context of the current position.
  let boldDepth!: number;
  let headingDepth!: number;
  /** Caption in effect for each enclosing table (its own, else the outer one's), after the null of no table (never popped). */
  let captions!: (string | null)[];
  /** Number of each enclosing row, after the -1 of no row (never popped). */
  let rows!: number[];
  let openAnchors!: Anchor[];
  /** Per open anchor: whitespace after the last visible character of its (collapsed) text. */
  let anchorSpaces!: boolean[];

  // The line being built. Text is collapsed once per text node and joined as it comes: collapsing
  // the joined raw text equals joining the collapsed pieces with one space wherever whitespace was
  // between them (blank nodes only mark that whitespace). Only the line's first non-blank segment
  // keeps its raw text, for the layout gap of `lead`.
  let cells!: string[];
  /** Collapsed text of the open cell; `cellSpace`: whitespace after its last visible character. */
  let cellText!: string;
  let cellSpace!: boolean;
  let cellCount!: number;
  /** The open segment has non-blank text. (Its boldness is `boldDepth > 0` from its first text to its end.) */
  let segVisible!: boolean;
  /** Raw and collapsed text of the open segment while it can be the line's first non-blank one. */
  let segRaw!: string;
  let segText!: string;
  let segSpace!: boolean;
  let segments!: number;
  let first!: string;
  let lead!: string;
  let lineBold!: boolean;
  let lineHeading!: boolean;
  /** A <br> was seen: the line ends only if more text follows in the same cell. */
  let pendingBreak!: boolean;

  function currentCaption(): string | null {
    return captions[captions.length - 1]!;
  }

  function currentRow(): number {
    return rows[rows.length - 1]!;
  }

  function endSegment(): void {
    if (segVisible) {
      segVisible = false;
      if (segments++ === 0) {
        first = segText;
        const raw = segRaw;
        const gap = raw.includes('\u00a0') || raw.includes('\t') ? LAYOUT_GAP.exec(raw) : null;
        const before = gap && gap.index > 0 && gap.index <= 100 ? collapse(raw.slice(0, gap.index)) : '';
        lead = before.length < first.length ? before : '';
        lineBold = boldDepth > 0;
      } else if (!boldDepth) lineBold = false;
    }
    // Raw and collapsed text are kept only until the line's first non-blank segment ends.
    if (segRaw) {
      segRaw = segText = '';
      segSpace = false;
    }
  }

  /** Closes the open cell: its text joins the line's cells unless blank. */
  function endCell(): void {
    if (cellText) cells.push(cellText);
    cellText = '';
    cellSpace = false;
  }

  function endLine(): void {
    endSegment();
    if (segments) {
      endCell();
      lines.push({
        text: cells.length === 1 ? cells[0]! : cells.join(' '),
        cells,
        cellCount,
        first,
        lead,
        segments,
        bold: lineBold,
        inData,
        caption: currentCaption(),
        row: currentRow(),
        heading: lineHeading,
      });
      cells = [];
      segments = 0;
    }
    cellText = '';
    cellSpace = false;
    cellCount = 0;
    lineHeading = false;
  }

  function onText(value: string): void {
    const length = value.length;
    let at = 0;
    while (at < length && isSpace(value.charCodeAt(at))) at++;
    if (at === length) {
      if (!length) return;
      // Blank to `collapse`, most text nodes of a page: it only marks a space. A zero-width space is
      // not \s, though, so it ends a pending break and marks a heading line as before.
      const zeroWidth = (pendingBreak || headingDepth > 0) && value.includes('\u200b');
      if (zeroWidth && pendingBreak) {
        endLine();
        pendingBreak = false;
      }
      if (segments === 0) {
        segRaw += value;
        segSpace = true;
      }
      cellSpace = true;
      if (zeroWidth && headingDepth > 0) lineHeading = true;
      for (let i = 0; i < anchorSpaces.length; i++) anchorSpaces[i] = true;
      return;
    }
    if (pendingBreak) {
      endLine();
      pendingBreak = false;
    }
    const text = collapse(value);
    const spaceBefore = at > 0;
    const spaceAfter = isSpace(value.charCodeAt(length - 1));
    if (segments === 0) {
      segRaw += value;
      segText = segText ? (segSpace || spaceBefore ? `${segText} ${text}` : segText + text) : text;
      segSpace = spaceAfter;
    }
    cellText = cellText ? (cellSpace || spaceBefore ? `${cellText} ${text}` : cellText + text) : text;
    cellSpace = spaceAfter;
    segVisible = true;
    if (headingDepth > 0) lineHeading = true;
    // An anchor's text is all the text inside it, nested anchors included (as textContent), joined
    // like a cell's.
    for (let i = 0; i < openAnchors.length; i++) {
      const a = openAnchors[i]!;
      a.text = a.text ? (anchorSpaces[i] || spaceBefore ? `${a.text} ${text}` : a.text + text) : text;
      anchorSpaces[i] = spaceAfter;
    }
  }

  function onComment(raw: string): void {
    if (raw.length > 40) return; // the markers are short; long comments (conditional styles) are not read
    const value = raw.trim().toUpperCase();
    if (value === 'DATABEGIN' || value === 'DATA_BEGIN') {
      endLine();
      inData = true;
      sawBegin = true;
      marker ??= value === 'DATABEGIN' ? 'dynamic' : 'static';
    } else if (value === 'DATAEND' || value === 'DATA_END') {
      endLine();
      inData = false;
    }
  }

  /**
   * Enters an element; returns its frame (its role bits and what to undo when leaving it), or
   * SKIP_CHILDREN.
   */
  function enter(el: Element): number {
    const role = roleOf(el);
    if (role & (SKIPPED | BREAK)) {
      endSegment();
      if (role & BREAK) pendingBreak = true;
      return SKIP_CHILDREN;
    }
    if (role & CAPTION) {
      endLine(); // read once, as the table's caption; its place still ends a line
      return SKIP_CHILDREN;
    }
    if (role & IMAGE) {
      images.push({
        src: el.getAttribute('src') ?? '',
        alt: el.getAttribute('alt') ?? el.getAttribute('title') ?? '',
        line: lines.length,
        row: currentRow(),
      });
      return SKIP_CHILDREN;
    }
    let frame = role;
    if (role & CELL) {
      endSegment();
      cellCount++;
      endCell();
    } else if (role & BLOCK) {
      endLine();
      pendingBreak = false;
    } else {
      endSegment();
    }
    if (role & TABLE) {
      captions.push(directCaption(el) ?? currentCaption());
      frame |= PUSHED_CAPTION;
    } else if (role & ROW) {
      rows.push(++rowCounter);
      frame |= PUSHED_ROW;
    }
    // hasAttribute first: most elements have no style, and reading one can cost more than testing.
    if (role & BOLD || (role & STYLED && el.hasAttribute('style') && BOLD_STYLE.test(el.getAttribute('style')!))) {
      boldDepth++;
      frame |= ADDED_BOLD;
    }
    if (role & HEADING) {
      headingDepth++;
      frame |= ADDED_HEADING;
    }
    if (role & LINK) {
      const href = el.getAttribute('href');
      if (href !== null) {
        openAnchors.push({ href, text: '', line: lines.length, row: currentRow(), inData: inData, caption: currentCaption() });
        anchorSpaces.push(false);
        frame |= OPENED_ANCHOR;
      }
    }
    return frame;
  }

  /** Leaves an element: ends its segment, cell or line and undoes its context. */
  function leave(frame: number): void {
    if (frame & CELL) {
      endSegment();
      endCell();
      pendingBreak = false;
    } else if (frame & BLOCK) {
      pendingBreak = false;
      endLine();
    } else {
      endSegment();
    }
    if (frame < PUSHED_CAPTION) return;
    if (frame & PUSHED_CAPTION) captions.pop();
    if (frame & PUSHED_ROW) rows.pop();
    if (frame & ADDED_BOLD) boldDepth--;
    if (frame & ADDED_HEADING) headingDepth--;
    if (frame & OPENED_ANCHOR) {
      anchorSpaces.pop();
      anchors.push(openAnchors.pop()!);
    }
  }

  return function readPage(doc: Document, root?: Node | null): PageText {
    lines = [];
    anchors = [];
    images = [];
    captions = [null];
    rows = [-1];
    openAnchors = [];
    anchorSpaces = [];
    cells = [];
    marker = null;
    sawBegin = inData = cellSpace = segVisible = segSpace = lineHeading = pendingBreak = false;
    lineBold = true;
    rowCounter = boldDepth = headingDepth = cellCount = segments = 0;
    cellText = segRaw = segText = first = lead = '';
    let start: Node | null = root ?? null;
    if (!start) {
      try {
        start = doc.documentElement ? (doc.body ?? doc.documentElement) : null;
      } catch {
        start = doc.documentElement ?? null;
      }
    }

    // Document order by firstChild / nextSibling with an explicit stack of the open elements (and
    // the start node) and their frames: no recursion, an element is left when its last child is
    // done, and the content of skipped elements is never visited. Without a start node: no lines.
    const open: Node[] = [];
    const frames: number[] = [];
    let depth = 0;
    for (let node: Node | null = start; node; ) {
      const type = node.nodeType;
      let frame = SKIP_CHILDREN;
      if (type === TEXT || type === CDATA) onText(node.nodeValue ?? '');
      else if (type === ELEMENT) frame = enter(node as Element);
      else if (type === COMMENT) onComment(node.nodeValue ?? '');
      else if (type === 9 || type === 11) frame = 0;
      if (frame !== SKIP_CHILDREN) {
        const child: Node | null = node.firstChild;
        if (child) {
          open[depth] = node;
          frames[depth++] = frame;
          node = child;
          continue;
        }
        leave(frame);
      }
      let next: Node | null = null;
      while (depth && !(next = node.nextSibling)) {
        node = open[--depth]!;
        leave(frames[depth]!);
      }
      node = next;
    }
    endLine();

    if (!sawBegin) {
      for (const line of lines) line.inData = true;
      for (const a of anchors) a.inData = true;
    }
    return { lines, anchors, images, marker };
  };
})();
