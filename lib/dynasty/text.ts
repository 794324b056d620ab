/**
 * One walk over a page's DOM that turns it into lines of text, the way a reader sees it: block
 * elements, table rows and <br> end a line; table cells split a line into cells; every element
 * boundary splits a line into segments (so a label in its own <span>/<b>/<td> is told apart from the
 * text after it, even when no space separates them). The parsers work on these lines and never on
 * one template's classes.
 *
 * Standard DOM only (childNodes, nodeType, localName, getAttribute, nodeValue): it runs on the real
 * DOM of a content script and on linkedom / happy-dom in Node. Iterative, so deeply nested tables
 * cannot overflow the stack.
 */

export interface Segment {
  text: string;
  bold: boolean;
  /**
   * When the segment starts with a short text followed by a layout gap (a tab, or two or more spaces
   * of which one is a no-break space), that short text: "Päätösehdotus&nbsp;&nbsp;&nbsp;Kaupunginjohtaja".
   */
  lead?: string;
}

export interface Line {
  /** Collapsed text of the whole line; cells joined by one space. */
  text: string;
  /** Collapsed text per table cell (one entry when the line is not in a table row). */
  cells: string[];
  /** Table cells the line spans, blank ones included (0 outside table rows). */
  cellCount: number;
  /** Non-blank segments, collapsed, in order. */
  segs: Segment[];
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

const WS = /[\s\u200b]+/g; // \s covers no-break and the other Unicode spaces

/** Whitespace that collapsing would change inside trimmed text: any but a lone space. */
const UNCOLLAPSED = /[^\S ]|\u200b| {2}/;

/** Whitespace (including no-break spaces) collapsed to single spaces, trimmed. */
export function collapse(text: string): string {
  // Most text runs are a word or a sentence between source-code indentation: trimming is all they need.
  const trimmed = text.trim();
  return UNCOLLAPSED.test(trimmed) ? trimmed.replace(WS, ' ').trim() : trimmed;
}

const NON_SPACE = /[^\s\u200b]/;
const SPACE_FIRST = /^[\s\u200b]/;
const SPACE_LAST = /[\s\u200b]$/;
/** A run of layout whitespace: a tab, or 2+ spaces including a no-break space. */
const LAYOUT_GAP = /\t+|(?=[ \u00a0]*\u00a0)[ \u00a0]{2,}/;
/** Elements whose inline style may make their text bold (font-weight). */
const STYLED = new Set(['span', 'p', 'div', 'font', 'td', 'th', 'a', 'em', 'i', 'u', 'label', 'li']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'select', 'option', 'textarea', 'iframe', 'object', 'svg', 'math', 'button', 'input']);
const BLOCK = new Set([
  'p', 'div', 'tr', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tbody', 'thead', 'tfoot',
  'center', 'header', 'footer', 'section', 'article', 'aside', 'nav', 'main', 'blockquote', 'pre', 'form', 'hr', 'address',
  'body', 'html', 'fieldset', 'figure', 'figcaption', 'caption',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'thead']);
const BOLD = new Set(['b', 'strong', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that need a look of their own on entering (captions, breaks, images, tables, rows, links). */
const SPECIAL = new Set(['caption', 'br', 'img', 'table', 'tr', 'a']);

/** What an element is to the reader, as bits: one table lookup per element instead of one per set. */
const IS_SKIPPED = 1;
const IS_BLOCK = 2;
const IS_CELL = 4;
const IS_STYLED = 8;
const IS_BOLD = 16;
const IS_HEADING = 32;
const IS_SPECIAL = 64;
const ROLES = new Map<string, number>();
for (const [set, bit] of [[SKIP, IS_SKIPPED], [BLOCK, IS_BLOCK], [new Set(['td', 'th']), IS_CELL], [STYLED, IS_STYLED], [BOLD, IS_BOLD], [HEADINGS, IS_HEADING], [SPECIAL, IS_SPECIAL]] as const) {
  for (const name of set) ROLES.set(name, (ROLES.get(name) ?? 0) | bit);
}
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|bolder|[6-9]00)/i;

const ELEMENT = 1;
const TEXT = 3;
const COMMENT = 8;
const CDATA = 4;

/** Text of a caption element without walking it as content. */
function captionText(el: Element): string {
  return collapse(el.textContent ?? '');
}

function directCaption(table: Element): string | null {
  for (let child = table.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT && (child as Element).localName?.toLowerCase() === 'caption') {
      const text = captionText(child as Element);
      return text || null;
    }
  }
  return null;
}

/** What entering an element changed, to be undone when it is left (bit flags, no closures per element). */
const PUSHED_CAPTION = 1;
const PUSHED_ROW = 2;
const ADDED_BOLD = 4;
const ADDED_HEADING = 8;
const OPENED_ANCHOR = 16;
/** `enter` result for a node whose children are not read. */
const SKIP_CHILDREN = -1;

interface OpenAnchor {
  href: string;
  text: string;
  line: number;
  row: number;
  inData: boolean;
  caption: string | null;
}

/**
 * Reads the whole document (or `root`) into lines. Never throws on odd trees. The reader's state is
 * this function's local variables and its helpers are made once per page: entering and leaving an
 * element only sets and clears counters and flag bits, so no function is made per element.
 */
export function readPage(doc: Document, root?: Node | null): PageText {
  const lines: Line[] = [];
  const anchors: Anchor[] = [];
  const images: Image[] = [];
  let marker: PageText['marker'] = null;
  let sawBegin = false;
  let inData = false;
  let rowCounter = 0;

  // Context of the current position.
  let boldDepth = 0;
  let headingDepth = 0;
  /** Caption in effect for each enclosing table (its own, else the outer one's). */
  const captions: (string | null)[] = [];
  const rows: number[] = [];
  const openAnchors: OpenAnchor[] = [];

  // The line being built: finished cell texts and the collapsed text of the open cell, built from
  // its segments' texts (collapse(a + b) is collapse(a), one space if whitespace meets at the seam,
  // collapse(b)), so no cell is collapsed twice.
  let segs: Segment[] = [];
  let cells: string[] = [];
  let cellText = '';
  /** Whitespace follows the open cell's text so far (a space before its next text). */
  let cellGap = false;
  let cellCount = 0;
  let segText = '';
  let segBold = false;
  let lineHeading = false;
  /** A <br> was seen: the line ends only if more text follows in the same cell. */
  let pendingBreak = false;

  function currentCaption(): string | null {
    return captions.length ? captions[captions.length - 1]! : null;
  }

  function currentRow(): number {
    return rows.length ? rows[rows.length - 1]! : -1;
  }

  function endSegment(): void {
    const raw = segText;
    if (!raw) return;
    const text = NON_SPACE.test(raw) ? collapse(raw) : '';
    if (text) {
      const gap = raw.includes('\u00a0') || raw.includes('\t') ? LAYOUT_GAP.exec(raw) : null;
      const lead = gap && gap.index > 0 && gap.index <= 100 ? collapse(raw.slice(0, gap.index)) : '';
      segs.push(lead && lead.length < text.length ? { text, bold: segBold, lead } : { text, bold: segBold });
    }
    if (!text) cellGap = true;
    else {
      if (cellText) cellText += cellGap || SPACE_FIRST.test(raw) ? ` ${text}` : text;
      else cellText = text;
      cellGap = SPACE_LAST.test(raw);
    }
    segText = '';
  }

  /** Closes the open cell: its text joins the line's cells unless blank. */
  function endCell(): void {
    if (cellText) cells.push(cellText);
    cellText = '';
    cellGap = false;
  }

  function endLine(): void {
    endSegment();
    if (segs.length) {
      endCell();
      const text = cells.length === 1 ? cells[0]! : cells.join(' ');
      if (text) {
        let bold = true;
        for (const s of segs) if (!s.bold) bold = false;
        lines.push({
          text,
          cells,
          cellCount,
          segs,
          bold,
          inData,
          caption: currentCaption(),
          row: currentRow(),
          heading: lineHeading,
        });
      }
      segs = [];
      cells = [];
    } else {
      // A line of blank text only: nothing to keep.
      cells.length = 0;
    }
    cellText = '';
    cellGap = false;
    cellCount = 0;
    lineHeading = false;
  }

  function onText(value: string): void {
    if (!value) return;
    if (pendingBreak && /\S/.test(value)) {
      endLine();
      pendingBreak = false;
    }
    if (!segText) segBold = boldDepth > 0;
    segText += value;
    if (headingDepth > 0 && /\S/.test(value)) lineHeading = true;
    // An anchor's text is all the text inside it, nested anchors included (as textContent).
    for (const a of openAnchors) a.text += value;
  }

  function onComment(raw: string): void {
    const value = raw.trim().toUpperCase();
    if (value === 'DATABEGIN' || value === 'DATA_BEGIN') {
      endLine();
      inData = true;
      sawBegin = true;
      marker = marker ?? (value === 'DATABEGIN' ? 'dynamic' : 'static');
    } else if (value === 'DATAEND' || value === 'DATA_END') {
      endLine();
      inData = false;
    }
  }

  /** Enters an element; returns what to undo when leaving it, or SKIP_CHILDREN. */
  function enter(el: Element, name: string, role: number): number {
    if (role & IS_SKIPPED) {
      endSegment();
      return SKIP_CHILDREN;
    }
    if (role & IS_SPECIAL) {
      if (name === 'caption') {
        endLine(); // read once, as the table's caption; its place still ends a line
        return SKIP_CHILDREN;
      }
      if (name === 'br') {
        endSegment();
        pendingBreak = true;
        return SKIP_CHILDREN;
      }
      if (name === 'img') {
        images.push({
          src: el.getAttribute('src') ?? '',
          alt: el.getAttribute('alt') ?? el.getAttribute('title') ?? '',
          line: lines.length,
          row: currentRow(),
        });
        return SKIP_CHILDREN;
      }
    }
    let undo = 0;
    if (role & IS_CELL) {
      endSegment();
      cellCount++;
      endCell();
    } else if (role & IS_BLOCK) {
      endLine();
      pendingBreak = false;
    } else {
      endSegment();
    }
    if (role & IS_SPECIAL) {
      if (name === 'table') {
        captions.push(directCaption(el) ?? currentCaption());
        undo |= PUSHED_CAPTION;
      } else if (name === 'tr') {
        rows.push(++rowCounter);
        undo |= PUSHED_ROW;
      }
    }
    const style = role & IS_STYLED ? el.getAttribute('style') : null;
    if (role & IS_BOLD || (style !== null && BOLD_STYLE.test(style))) {
      boldDepth++;
      undo |= ADDED_BOLD;
    }
    if (role & IS_HEADING) {
      headingDepth++;
      undo |= ADDED_HEADING;
    }
    if (name === 'a') {
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
    if (role & IS_CELL) {
      endSegment();
      endCell();
      pendingBreak = false;
    } else if (role & IS_BLOCK) {
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
      anchors.push({ href: a.href, text: collapse(a.text), line: a.line, row: a.row, inData: a.inData, caption: a.caption });
    }
  }

  let start: Node | null = root ?? null;
  if (!start) {
    try {
      start = doc.documentElement ? (doc.body ?? doc.documentElement) : null;
    } catch {
      start = doc.documentElement ?? null;
    }
  }
  if (!start) return { lines, anchors, images, marker: null };

  // Document order by firstChild / nextSibling / parent: no childNodes arrays, no recursion. The
  // open elements' roles and undo flags sit in two parallel stacks.
  const pathNodes: Node[] = [];
  const pathRoles: number[] = [];
  const pathUndo: number[] = [];
  let node: Node | null = start;
  while (node) {
    const type = node.nodeType;
    let role = 0;
    let undo = SKIP_CHILDREN;
    if (type === TEXT || type === CDATA) onText(node.nodeValue ?? '');
    else if (type === COMMENT) onComment(node.nodeValue ?? '');
    else if (type === ELEMENT) {
      const name = (node as Element).localName?.toLowerCase() ?? '';
      role = ROLES.get(name) ?? 0;
      undo = enter(node as Element, name, role);
    } else if (type === 9 || type === 11) undo = 0;
    if (undo !== SKIP_CHILDREN) {
      const child: Node | null = node.firstChild;
      if (child) {
        pathNodes.push(node);
        pathRoles.push(role);
        pathUndo.push(undo);
        node = child;
        continue;
      }
      leave(role, undo);
    }
    for (;;) {
      if (node === start) {
        node = null;
        break;
      }
      const next: Node | null = node!.nextSibling;
      if (next) {
        node = next;
        break;
      }
      const parent = pathNodes.pop();
      if (!parent) {
        node = null;
        break;
      }
      leave(pathRoles.pop()!, pathUndo.pop()!);
      node = parent;
    }
  }
  endLine();

  if (!sawBegin) {
    for (const line of lines) line.inData = true;
    for (const a of anchors) a.inData = true;
  }
  return { lines, anchors, images, marker };
}
