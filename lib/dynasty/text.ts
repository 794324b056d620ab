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

/** Whitespace (including no-break spaces) collapsed to single spaces, trimmed. */
export function collapse(text: string): string {
  return text.replace(WS, ' ').trim();
}

const NON_SPACE = /[^\s\u200b]/;
/** A run of layout whitespace: a tab, or 2+ spaces including a no-break space. */
const LAYOUT_GAP = /\t+|(?=[ \u00a0]*\u00a0)[ \u00a0]{2,}/;
/** Elements whose inline style may make their text bold (font-weight). */
const STYLED = new Set(['span', 'p', 'div', 'font', 'td', 'th', 'a', 'em', 'i', 'u', 'label', 'li']);
const NO_UNDO: (() => void)[] = [];
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'select', 'option', 'textarea', 'iframe', 'object', 'svg', 'math', 'button', 'input']);
const BLOCK = new Set([
  'p', 'div', 'tr', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tbody', 'thead', 'tfoot',
  'center', 'header', 'footer', 'section', 'article', 'aside', 'nav', 'main', 'blockquote', 'pre', 'form', 'hr', 'address',
  'body', 'html', 'fieldset', 'figure', 'figcaption', 'caption',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'thead']);
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|bolder|[6-9]00)/i;

const ELEMENT = 1;
const TEXT = 3;
const COMMENT = 8;
const CDATA = 4;

interface Ctx {
  bold: number;
  heading: number;
  caption: (string | null)[];
  row: number[];
  anchor: { href: string; parts: string[]; line: number; row: number; inData: boolean; caption: string | null }[];
}

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

/** Reads the whole document (or `root`) into lines. Never throws on odd trees. */
export function readPage(doc: Document, root?: Node | null): PageText {
  const lines: Line[] = [];
  const anchors: Anchor[] = [];
  const images: Image[] = [];
  let marker: PageText['marker'] = null;
  let sawBegin = false;
  let inData = false;
  let rowCounter = 0;

  // The line being built.
  let segs: Segment[] = [];
  let cells: string[][] = [[]];
  let cellCount = 0;
  let segText = '';
  let segBold = false;
  let lineHeading = false;
  /** A <br> was seen: the line ends only if more text follows in the same cell. */
  let pendingBreak = false;

  const ctx: Ctx = { bold: 0, heading: 0, caption: [], row: [], anchor: [] };

  const endSegment = () => {
    if (segText) {
      const text = NON_SPACE.test(segText) ? collapse(segText) : '';
      if (text) {
        const gap = segText.includes('\u00a0') || segText.includes('\t') ? LAYOUT_GAP.exec(segText) : null;
        if (gap && gap.index > 0 && gap.index <= 100) {
          const lead = collapse(segText.slice(0, gap.index));
          if (lead && lead.length < text.length) segs.push({ text, bold: segBold, lead });
          else segs.push({ text, bold: segBold });
        } else segs.push({ text, bold: segBold });
      }
      cells[cells.length - 1]!.push(segText);
    }
    segText = '';
  };
  const endLine = () => {
    endSegment();
    if (segs.length) {
      const cellTexts = cells.map((parts) => collapse(parts.join(''))).filter((c) => c !== '');
      const text = cellTexts.join(' ');
      if (text) {
        lines.push({
          text,
          cells: cellTexts,
          cellCount,
          segs,
          bold: segs.every((s) => s.bold),
          inData,
          caption: currentCaption(),
          row: ctx.row.length ? ctx.row[ctx.row.length - 1]! : -1,
          heading: lineHeading,
        });
      }
    }
    segs = [];
    cells = [[]];
    cellCount = 0;
    lineHeading = false;
  };
  const currentCaption = (): string | null => {
    for (let i = ctx.caption.length - 1; i >= 0; i--) if (ctx.caption[i]) return ctx.caption[i]!;
    return null;
  };

  let start: Node | null = root ?? null;
  if (!start) {
    try {
      start = doc.documentElement ? (doc.body ?? doc.documentElement) : null;
    } catch {
      start = doc.documentElement ?? null;
    }
  }
  if (!start) return { lines, anchors, images, marker };
  /** Leaves an element: ends its segment, cell or line and undoes its context. */
  const leave = (node: Node, fns: (() => void)[]) => {
    const name = (node as Element).localName?.toLowerCase() ?? '';
    if (name === 'td' || name === 'th') {
      endSegment();
      cells.push([]);
      pendingBreak = false;
    } else if (BLOCK.has(name)) {
      pendingBreak = false;
      endLine();
    } else {
      endSegment();
    }
    for (const fn of fns) fn();
  };

  /** Enters a node; returns the undo list when its children are to be read, else null. */
  const enter = (node: Node): (() => void)[] | null => {
    const type = node.nodeType;
    if (type === TEXT || type === CDATA) {
      const value = node.nodeValue ?? '';
      if (value) {
        if (pendingBreak && /\S/.test(value)) {
          endLine();
          pendingBreak = false;
        }
        if (!segText) segBold = ctx.bold > 0;
        segText += value;
        if (ctx.heading > 0 && /\S/.test(value)) lineHeading = true;
        // An anchor's text is all the text inside it, nested anchors included (as textContent).
        for (const a of ctx.anchor) a.parts.push(value);
      }
      return null;
    }
    if (type === COMMENT) {
      const value = (node.nodeValue ?? '').trim().toUpperCase();
      if (value === 'DATABEGIN' || value === 'DATA_BEGIN') {
        endLine();
        inData = true;
        sawBegin = true;
        marker = marker ?? (value === 'DATABEGIN' ? 'dynamic' : 'static');
      } else if (value === 'DATAEND' || value === 'DATA_END') {
        endLine();
        inData = false;
      }
      return null;
    }
    if (type === 9 || type === 11) return [];
    if (type !== ELEMENT) return null;
    const el = node as Element;
    const name = el.localName?.toLowerCase() ?? '';
    if (SKIP.has(name)) {
      endSegment();
      return null;
    }
    if (name === 'caption') {
      endLine(); // read once, as the table's caption; its place still ends a line
      return null;
    }
    if (name === 'br') {
      endSegment();
      pendingBreak = true;
      return null;
    }
    if (name === 'img') {
      images.push({
        src: el.getAttribute('src') ?? '',
        alt: el.getAttribute('alt') ?? el.getAttribute('title') ?? '',
        line: lines.length,
        row: ctx.row.length ? ctx.row[ctx.row.length - 1]! : -1,
      });
      return null;
    }
    let fns: (() => void)[] = NO_UNDO;
    const undo = (fn: () => void) => {
      if (fns === NO_UNDO) fns = [];
      fns.push(fn);
    };
    if (name === 'td' || name === 'th') {
      endSegment();
      cellCount++;
      if (cells[cells.length - 1]!.length) cells.push([]);
    } else if (BLOCK.has(name)) {
      endLine();
      pendingBreak = false;
    } else {
      endSegment();
    }
    if (name === 'table') {
      ctx.caption.push(directCaption(el));
      undo(() => ctx.caption.pop());
    }
    if (name === 'tr') {
      ctx.row.push(++rowCounter);
      undo(() => ctx.row.pop());
    }
    const style = STYLED.has(name) ? el.getAttribute('style') : null;
    if (name === 'b' || name === 'strong' || (name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6') || (style !== null && BOLD_STYLE.test(style))) {
      ctx.bold++;
      undo(() => ctx.bold--);
    }
    if (HEADINGS.has(name)) {
      ctx.heading++;
      undo(() => ctx.heading--);
    }
    if (name === 'a') {
      const href = el.getAttribute('href');
      if (href !== null) {
        const entry = { href, parts: [] as string[], line: lines.length, row: ctx.row.length ? ctx.row[ctx.row.length - 1]! : -1, inData, caption: currentCaption() };
        ctx.anchor.push(entry);
        undo(() => {
          ctx.anchor.pop();
          anchors.push({ href: entry.href, text: collapse(entry.parts.join('')), line: entry.line, row: entry.row, inData: entry.inData, caption: entry.caption });
        });
      }
    }
    return fns;
  };

  // Document order by firstChild / nextSibling / parent: no childNodes arrays, no recursion.
  const path: { node: Node; fns: (() => void)[] }[] = [];
  let node: Node | null = start;
  while (node) {
    const fns = enter(node);
    if (fns !== null) {
      const child: Node | null = node.firstChild;
      if (child) {
        path.push({ node, fns });
        node = child;
        continue;
      }
      leave(node, fns);
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
      const parent = path.pop();
      if (!parent) {
        node = null;
        break;
      }
      leave(parent.node, parent.fns);
      node = parent.node;
    }
  }
  endLine();

  if (!sawBegin) for (const line of lines) line.inData = true;
  if (!sawBegin) for (const a of anchors) a.inData = true;
  return { lines, anchors, images, marker };
}
