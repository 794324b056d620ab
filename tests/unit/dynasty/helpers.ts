/** Shared by the parser tests: fixtures on disk, DOMs from two implementations, the contract validator. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '@/lib/dynasty/charset';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
export const DYNASTY = resolve(FIXTURES, 'dynasty');
export const EXPECTED = resolve(FIXTURES, 'expected');

/** Every real saved page and every reconstruction: [relative path, file name]. */
export function pageFixtures(): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  for (const dir of ['static-espoo', 'reconstructed']) {
    for (const name of readdirSync(resolve(DYNASTY, dir)).sort()) {
      if (/\.html?$/i.test(name)) out.push({ path: resolve(DYNASTY, dir, name), name });
    }
  }
  return out;
}

export function readDecoded(path: string): string {
  return decodeBytes(new Uint8Array(readFileSync(path))).text;
}

export function linkedomDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

export function happyDocument(html: string, url = 'https://example.invalid/'): Document {
  const window = new Window({ url });
  const parser = new window.DOMParser();
  return parser.parseFromString(html, 'text/html') as unknown as Document;
}

const schema = JSON.parse(readFileSync(resolve(FIXTURES, 'contract/parse-output.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
export const validate = ajv.compile(schema);

export function schemaErrors(output: unknown): string {
  return validate(output) ? '' : ajv.errorsText(validate.errors);
}
