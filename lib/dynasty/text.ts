/**
 * One walk over a page's DOM that turns it into lines of text, the way a reader sees it: block
 * elements, table rows and <br> end a line; table cells split a line into cells; every element
 * boundary splits a line into segments (so a label in its own <span>/<b>/<td> is told apart from the
 * text after it, even when no space separates them). The parsers work on these lines and never on
 * one template's classes.
 *
 * Standard DOM only (createTreeWalker, parentNode, nodeType, localName, getAttribute, nodeValue): it
 * runs on the real DOM of a content script and on linkedom / happy-dom in Node. A TreeWalker visits
 * the nodes in document order without recursion (deeply nested tables cannot overflow the stack),
 * and an element is left when the next node's parent is no longer it.
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
 */
const UNCOLLAPSED = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/** Whitespace (including no-break spaces) collapsed to single spaces, trimmed. */
export function collapse(text: string): string {
  return text.trim().replace(UNCOLLAPSED, ' ').trim();
}

/** Whether a character code is whitespace to `collapse` (\s or the zero-width space). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && (c <= 0x200b || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
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
for (const [names, bit] of [
  ['script style noscript template head title meta link select option textarea iframe object svg math button input', SKIPPED],
  ['p div tr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tbody thead tfoot center header footer section article aside nav main blockquote pre form hr address body html fieldset figure figcaption caption', BLOCK],
  ['td th', CELL],
  ['span p div font td th a em i u label li', STYLED],
  ['b strong h1 h2 h3 h4 h5 h6', BOLD],
  ['h1 h2 h3 h4 h5 h6 th thead', HEADING],
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
/** Elements, text, CDATA sections and comments (NodeFilter.SHOW_*). */
const SHOWN = 1 | 4 | 8 | 128;

function directCaption(table: Element): string | null {
  for (let child = table.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT && (child as Element).localName?.toLowerCase() === 'caption') {
      return collapse(child.textContent ?? '') || null;
    }
  }
  return null;
}

/** What entering an element changed, to be undone when it is left. */
const PUSHED_CAPTION = 1;
const PUSHED_ROW = 2;
const ADDED_BOLD = 4;
const ADDED_HEADING = 8;
const OPENED_ANCHOR = 16;
/** `enter` result for an element whose content is not read (and that is not left either). */
const SKIP_CHILDREN = -1;

function roleOf(el: Element): number {
  const name = el.localName ?? '';
  return ROLES.get(name) ?? ROLES.get(name.toLowerCase()) ?? 0;
}

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
/** Caption in effect for each enclosing table (its own, else the outer one's). */
let captions!: (string | null)[];
let rows!: number[];
let openAnchors!: Anchor[];

// The line being built. Text is collapsed once per text node and joined as it comes: collapsing
// the joined raw text equals joining the collapsed pieces with one space wherever whitespace was
// between them (blank nodes only mark that whitespace). Only the line's first non-blank segment
// keeps its raw text, for the layout gap of `lead`.
let cells!: string[];
/** Collapsed text of the open cell; `cellSpace`: whitespace after its last visible character. */
let cellText!: string;
let cellSpace!: boolean;
let cellCount!: number;
/** The open segment has text (blank or not); `segVisible`: non-blank text. */
let segStarted!: boolean;
let segVisible!: boolean;
let segBold!: boolean;
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
  return captions.length ? captions[captions.length - 1]! : null;
}

function currentRow(): number {
  return rows.length ? rows[rows.length - 1]! : -1;
}

function endSegment(): void {
  if (!segStarted) return;
  if (segVisible) {
    if (segments++ === 0) {
      first = segText;
      const raw = segRaw;
      const gap = raw.includes('\u00a0') || raw.includes('\t') ? LAYOUT_GAP.exec(raw) : null;
      const before = gap && gap.index > 0 && gap.index <= 100 ? collapse(raw.slice(0, gap.index)) : '';
      lead = before.length < first.length ? before : '';
      lineBold = segBold;
    } else if (!segBold) lineBold = false;
  }
  segStarted = segVisible = segSpace = false;
  segRaw = segText = '';
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
  if (!value) return;
  if (pendingBreak && /\S/.test(value)) {
    endLine();
    pendingBreak = false;
  }
  if (!segStarted) {
    segStarted = true;
    segBold = boldDepth > 0;
  }
  let at = 0;
  while (at < value.length && isSpace(value.charCodeAt(at))) at++;
  if (at < value.length) {
    const text = collapse(value);
    const spaceBefore = at > 0;
    const spaceAfter = isSpace(value.charCodeAt(value.length - 1));
    if (segments === 0) {
      segRaw += value;
      segText = segText ? (segSpace || spaceBefore ? `${segText} ${text}` : segText + text) : text;
      segSpace = spaceAfter;
    }
    cellText = cellText ? (cellSpace || spaceBefore ? `${cellText} ${text}` : cellText + text) : text;
    cellSpace = spaceAfter;
    segVisible = true;
  } else {
    if (segments === 0) {
      segRaw += value;
      segSpace = true;
    }
    cellSpace = true;
  }
  if (headingDepth > 0 && /\S/.test(value)) lineHeading = true;
  // An anchor's text is all the text inside it, nested anchors included (as textContent).
  for (let i = 0; i < openAnchors.length; i++) openAnchors[i]!.text += value;
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

/** Enters an element; returns what to undo when leaving it, or SKIP_CHILDREN. */
function enter(el: Element, role: number): number {
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
  let undo = 0;
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
    undo |= PUSHED_CAPTION;
  } else if (role & ROW) {
    rows.push(++rowCounter);
    undo |= PUSHED_ROW;
  }
  if (role & BOLD || (role & STYLED && BOLD_STYLE.test(el.getAttribute('style') ?? ''))) {
    boldDepth++;
    undo |= ADDED_BOLD;
  }
  if (role & HEADING) {
    headingDepth++;
    undo |= ADDED_HEADING;
  }
  if (role & LINK) {
    const href = el.getAttribute('href');
    if (href !== null) {
      openAnchors.push({ href, text: '', line: lines.length, row: currentRow(), inData: inData, caption: currentCaption() });
      undo |= OPENED_ANCHOR;
    }
  }
  return undo;
}

/** Leaves an element: ends its segment, cell or line and undoes its context. */
function leave(role: number, undo: number): void {
  if (role & CELL) {
    endSegment();
    endCell();
    pendingBreak = false;
  } else if (role & BLOCK) {
    pendingBreak = false;
    endLine();
  } else {
    endSegment();
  }
  if (undo === 0) return;
  if (undo & PUSHED_CAPTION) captions.pop();
  if (undo & PUSHED_ROW) rows.pop();
  if (undo & ADDED_BOLD) boldDepth--;
  if (undo & ADDED_HEADING) headingDepth--;
  if (undo & OPENED_ANCHOR) {
    const a = openAnchors.pop()!;
    a.text = collapse(a.text);
    anchors.push(a);
  }
}

/**
 * Reads the whole document (or `root`) into lines. Never throws on odd trees. The reader's state is
 * in the module variables below, set afresh by each call (a read never calls back into another):
 * no function or object is made per page for it, and entering or leaving an element only sets
 * counters and flag bits.
 */
export function readPage(doc: Document, root?: Node | null): PageText {
  lines = [];
  anchors = [];
  images = [];
  captions = [];
  rows = [];
  openAnchors = [];
  cells = [];
  marker = null;
  sawBegin = inData = cellSpace = segStarted = segVisible = segSpace = segBold = lineHeading = pendingBreak = false;
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
  if (!start) return { lines, anchors, images, marker: null };

  // The open elements (and the start node) with their roles and undo flags, in three parallel
  // stacks; `skipping` counts the open elements whose content is not read.
  const open: Node[] = [];
  const roles: number[] = [];
  const undos: number[] = [];
  let depth = 0;
  let skipping = 0;
  const walker = (start.ownerDocument ?? doc).createTreeWalker(start, SHOWN);
  for (let node: Node | null = start; node; node = walker.nextNode()) {
    if (depth) {
      const parent = node.parentNode;
      while (depth && open[depth - 1] !== parent) {
        depth--;
        if (undos[depth] === SKIP_CHILDREN) skipping--;
        else leave(roles[depth]!, undos[depth]!);
      }
    }
    const type = node.nodeType;
    if (type === ELEMENT) {
      const role = skipping ? 0 : roleOf(node as Element);
      const undo = skipping ? SKIP_CHILDREN : enter(node as Element, role);
      if (undo === SKIP_CHILDREN) skipping++;
      open[depth] = node;
      roles[depth] = role;
      undos[depth++] = undo;
    } else if (skipping) continue;
    else if (type === TEXT || type === CDATA) onText(node.nodeValue ?? '');
    else if (type === COMMENT) onComment(node.nodeValue ?? '');
    else if (type === 9 || type === 11) {
      open[depth] = node;
      roles[depth] = 0;
      undos[depth++] = 0;
    }
  }
  while (depth) {
    depth--;
    if (undos[depth] !== SKIP_CHILDREN) leave(roles[depth]!, undos[depth]!);
  }
  endLine();

  if (!sawBegin) {
    for (const line of lines) line.inData = true;
    for (const a of anchors) a.inData = true;
  }
  return { lines: lines, anchors: anchors, images: images, marker: marker };
}
