/**
 * `npm run --silent parse -- <file> [--url <original address>]`
 *
 * Reads a saved Dynasty page or feed as bytes, decodes it as it declares (meta charset, XML
 * declaration; lib/dynasty/charset.ts), parses it (feeds: lib/dynasty/feed.ts, pages:
 * lib/dynasty/index.ts on a linkedom DOM) and prints one JSON document that conforms to
 * tests/fixtures/contract/parse-output.schema.json. Exit 0 when parsed (problems are in `warnings`),
 * 2 with a one-line error when the input cannot be read.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '../lib/dynasty/charset';
import { parseFeed } from '../lib/dynasty/feed';
import { parsePage } from '../lib/dynasty/index';

function fail(message: string): never {
  process.stderr.write(`parse: ${message.replace(/\s+/g, ' ')}\n`);
  process.exit(2);
}

function usage(): never {
  fail('usage: npm run --silent parse -- <file> [--url <original address>]');
}

const args = process.argv.slice(2);
let file: string | null = null;
let url: string | null = null;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--url') {
    url = args[++i] ?? usage();
  } else if (arg.startsWith('--url=')) {
    url = arg.slice(6);
  } else if (arg === '-h' || arg === '--help') {
    usage();
  } else if (file === null) {
    file = arg;
  } else {
    usage();
  }
}
if (!file) usage();

let bytes: Uint8Array;
try {
  if (!statSync(file).isFile()) fail(`${file} is not a file`);
  bytes = new Uint8Array(readFileSync(file));
} catch (error) {
  fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
if (bytes.length === 0) fail(`${file} is empty`);

/** Binary input (a PDF, an image, a zip): NUL bytes or many control bytes near the start. */
function looksBinary(data: Uint8Array): boolean {
  const head = data.subarray(0, 4096);
  if (head.length >= 4 && head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return true; // %PDF
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > head.length / 20;
}
if (looksBinary(bytes)) fail(`${file} is binary, not a saved page or feed`);

const head = decodeBytes(bytes.subarray(0, 2048)).text.replace(/^\ufeff/, '').trimStart();
const isFeed = /^<rss\b/i.test(head) || (/^<\?xml\b/i.test(head) && /<(?:rss|channel|rdf:RDF|feed)\b/i.test(head) && !/<html\b/i.test(head));

let output: unknown;
if (isFeed) {
  output = parseFeed(bytes, { url, contentType: null });
} else {
  const decoded = decodeBytes(bytes);
  const { document } = parseHTML(decoded.text);
  const page = parsePage(document as unknown as Document, url, { fileName: basename(file) });
  if (decoded.warning) page.warnings.push(decoded.warning);
  output = page;
}
// A reader that closes the pipe early (`| head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 2));
process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
