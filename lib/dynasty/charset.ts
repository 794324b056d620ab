/**
 * Bytes to text, the way the page or feed declares it. Dynasty feeds are ISO-8859-1 and static pages
 * windows-1252 while dynamic item pages are UTF-8, and `Response.text()` would assume UTF-8 for all of
 * them. Pure: no DOM, no browser API (runs in the MV3 service worker and in Node).
 *
 * Order, as the WHATWG encoding sniffing does it: a byte order mark, then the Content-Type charset,
 * then the XML declaration, then an HTML `<meta charset>` / `<meta http-equiv>` in the first bytes,
 * then UTF-8 if the bytes are valid UTF-8, else windows-1252. ISO-8859-1 and its aliases decode as
 * windows-1252 (WHATWG: the labels are the same encoding; 0x80-0x9F hold €, – and quotes).
 */

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used, e.g. `windows-1252`, `utf-8`. */
  charset: string;
  /** Set when the declared charset could not be right (e.g. "UTF-8" with invalid bytes) or was unknown. */
  warning?: string;
}

/** How far into the document a declaration is looked for (the WHATWG prescan uses 1024 bytes). */
const PRESCAN_BYTES = 1024;

/** The charset parameter of a Content-Type header value, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s"']+))/i.exec(contentType);
  const label = match?.[1] ?? match?.[2] ?? match?.[3];
  return label ? label.trim() : null;
}

/** The encoding="..." of an XML declaration at the start of the text, or null. */
export function charsetFromXmlDeclaration(head: string): string | null {
  const match = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(head);
  const label = match?.[1] ?? match?.[2];
  return label ? label.trim() : null;
}

/** `<meta charset=x>` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`, or null. */
export function charsetFromHtmlMeta(head: string): string | null {
  const metaTag = /<meta\b[^>]*>/gi;
  for (let match = metaTag.exec(head); match; match = metaTag.exec(head)) {
    const tag = match[0];
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag);
    if (direct?.[1]) return direct[1];
  }
  return null;
}

/** A TextDecoder for a label, or null when the label is unknown to the Encoding standard. */
function decoderFor(label: string, fatal = false): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null;
  }
}

/** windows-1252 bytes 0x80-0x9F (undefined ones stay as the C1 control, as WHATWG says). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * windows-1252, done by hand on top of the decoder: Node 20's TextDecoder takes a Latin-1 fast path
 * for this label and leaves 0x80-0x9F as C1 controls (browsers map them to € – “ ” etc.).
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return text.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  return encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The first bytes as text in an ASCII-compatible way, for finding declarations. */
function asciiHead(bytes: Uint8Array): string {
  const head = bytes.subarray(0, PRESCAN_BYTES);
  let out = '';
  for (let i = 0; i < head.length; i++) out += String.fromCharCode(head[i]!);
  return out;
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes bytes by the declared or sniffed charset. Never throws: an unknown label falls through to
 * the next source, and bytes that are not valid in a declared UTF-8 are read as windows-1252 (what
 * Finnish portals send when a header is wrong), with a warning.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), charset: bom };

  const head = asciiHead(bytes);
  const candidates: { label: string | null; source: string }[] = [
    { label: charsetFromContentType(contentType), source: 'Content-Type' },
    { label: charsetFromXmlDeclaration(head), source: 'XML declaration' },
    { label: charsetFromHtmlMeta(head), source: 'meta charset' },
  ];
  let warning: string | undefined;
  for (const { label, source } of candidates) {
    if (!label) continue;
    const decoder = decoderFor(label);
    if (!decoder) {
      warning = `unknown charset "${label}" in ${source}; guessed from the bytes`;
      continue;
    }
    // UTF-16 labels in an ASCII-readable declaration cannot be right (WHATWG: treat as UTF-8).
    const encoding = decoder.encoding.startsWith('utf-16') ? 'utf-8' : decoder.encoding;
    if (encoding === 'utf-8') {
      const text = decodeStrictUtf8(bytes);
      if (text !== null) return { text, charset: 'utf-8' };
      return {
        text: decodeWindows1252(bytes),
        charset: 'windows-1252',
        warning: `declared UTF-8 (${source}) but the bytes are not UTF-8; read as windows-1252`,
      };
    }
    // A single-byte declaration over bytes that are valid UTF-8 with multi-byte sequences: a server
    // that re-encoded its text but not its header. Real Latin-1 Finnish ("ä" = E4 + ASCII) is never
    // valid UTF-8, so this reads "TyÃ¶" as "Työ" without misreading genuine ISO-8859-1.
    if (encoding === 'windows-1252' && hasHighBytes(bytes)) {
      const utf8 = decodeStrictUtf8(bytes);
      if (utf8 !== null) return { text: utf8, charset: 'utf-8', warning: `declared ${label} (${source}) but the bytes are UTF-8; read as UTF-8` };
    }
    return { text: decodeWith(encoding, bytes), charset: encoding, ...(warning ? { warning } : {}) };
  }

  const utf8 = decodeStrictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', ...(warning ? { warning } : {}) };
  return { text: decodeWindows1252(bytes), charset: 'windows-1252', ...(warning ? { warning } : {}) };
}
