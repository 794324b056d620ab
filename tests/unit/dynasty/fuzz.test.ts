/**
 * Bad input, property-based: the real and reconstructed fixtures are mutated (truncated, elements
 * deleted, duplicated, moved, wrapped in nested tables, <script> and javascript:/data: links injected,
 * text replaced), pages of other systems and token soup are generated. For every case parsePage must
 * not throw, must return a schema-valid record, and every value it returns must come from the page:
 * strings appear in the page text, dates and numbers are printed there, links are http(s) and come
 * from an href of the page. FUZZ_RUNS raises the count (default 2000 mutated pages + 1000 soups).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePage } from '@/lib/dynasty/index';
import type { ParsedPage } from '@/lib/dynasty/types';
import { absoluteUrl, isSafeHttpUrl, portalOf } from '@/lib/dynasty/urls';
import { linkedomDocument, pageFixtures, readDecoded, schemaErrors } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const fixtures = pageFixtures().map(({ name, path }) => {
  const html = readDecoded(path);
  const cgi = /^(.+?)-(meetingitem|meeting)-(.+)\.html$/.exec(name);
  const url = cgi ? `https://${cgi[1]}/cgi/DREQUEST.PHP?page=${cgi[2]}&id=${cgi[3]}` : `http://espoo04.hosting.documenta.fi/kokous/${name}`;
  return { name, html, url };
});

const squash = (s: string) => s.replace(/[\s\u00a0\u200b\ufeff]+/g, '');

/** Every way the parser's output could have been invented, checked against the page it read. */
function assertFromPage(page: ParsedPage, doc: Document, pageUrl: string | null): void {
  expect(schemaErrors(page)).toBe('');
  // The text a reader sees: script, style, a title (never shown, even when moved into the body) and
  // form controls are not page text; a table caption names the table (the parser reads it as such,
  // never as text). Nor is anything a mutation moved inside a void element (<br>, <img>, <input>,
  // <meta>, <link>): no HTML parser gives them children and browsers render none.
  const visible = doc.documentElement?.cloneNode(true) as Element | undefined;
  visible
    ?.querySelectorAll('script, style, noscript, template, head, title, select, textarea, iframe, object, svg, math, button, caption, br, img, input, meta, link')
    .forEach((el) => el.remove());
  const text = squash(visible?.textContent ?? '');
  const hrefs = new Set<string>();
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const resolved = absoluteUrl(a.getAttribute('href'), pageUrl);
    if (resolved) hrefs.add(resolved);
  }
  const idSources = `${pageUrl ?? ''} ${Array.from(doc.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')).join(' ')}`;
  const check = (path: string, value: unknown): void => {
    if (value === null || value === undefined || typeof value === 'boolean') return;
    if (Array.isArray(value)) return value.forEach((v, i) => check(`${path}[${i}]`, v));
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) check(`${path}.${k}`, v);
      return;
    }
    const key = path.replace(/\[\d+\]/g, '[]');
    if (/^\.(warnings|kind|generation|documentKind|outcome|feedKind)|\.(role|kind|documentKind)$/.test(key)) return;
    if (key === '.url') return void expect(value).toBe(pageUrl);
    if (key === '.portal') return void expect(value).toBe(portalOf(pageUrl));
    if (/(\.url|\.pdf|\.appeal|\.previous|\.next|\.meeting|pdfUrl)$/.test(key)) {
      expect(isSafeHttpUrl(value as string), `${path} is http(s)`).toBe(true);
      expect(hrefs.has(value as string), `${path} comes from an href`).toBe(true);
      return;
    }
    if (/(itemId|meetingId|organId)$/.test(key)) return void expect(idSources.includes(value as string), `${path} ${value}`).toBe(true);
    if (typeof value === 'number') return void expect(text.includes(String(value)), `${path} ${value} printed`).toBe(true);
    const s = value as string;
    if (/^\d{4}-\d{2}-\d{2}$/.test(s) && /(date|Date)$/.test(key)) {
      const [y, m, d] = s.split('-').map(Number);
      expect(new RegExp(`0?${d}\\.0?${m}\\.${y}`).test(text), `${path} ${s} printed`).toBe(true);
      return;
    }
    if (key.endsWith('.email')) {
      const [local, domain] = s.split('@');
      expect(text.includes(squash(local!)) && text.includes(squash(domain!)), `${path} ${s}`).toBe(true);
      return;
    }
    if (/^\.(sections\[\]\.text|proposal|decision|attendees\[\])$/.test(key)) {
      // Texts assembled from several lines (some lines, such as navigation or ornaments, left out):
      // every word must appear in the page, in the same order.
      let at = 0;
      for (const word of s.split(/[\s,]+/).filter(Boolean)) {
        const found = text.indexOf(squash(word), at);
        expect(found, `${path}: "${word}" of "${s.slice(0, 60)}" appears in order`).toBeGreaterThanOrEqual(0);
        at = found + squash(word).length;
      }
      return;
    }
    expect(text.includes(squash(s)), `${path} "${s.slice(0, 80)}" appears in the page`).toBe(true);
  };
  check('', page);
}

type Op = { op: 'truncate' | 'remove' | 'duplicate' | 'nest' | 'script' | 'jslink' | 'retext' | 'move' | 'unwrap'; a: number; b: number; text: string };

const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom('truncate', 'remove', 'duplicate', 'nest', 'script', 'jslink', 'retext', 'move', 'unwrap'),
  a: fc.nat(),
  b: fc.nat(),
  text: fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('Päätös', 'Päätösehdotus:', 'Kh 07.06.2021 § 210', 'Pöytäkirja 31.02.2021/Pykälä 9', '5767/00.01.02.00/2021', '____', '<script>alert(1)</script>', 'javascript:alert(1)', 'Valmistelija: X, puh. 1, a(at)b.fi', 'Edellinen asia', '§ 5', '00.01.01'),
  ),
});

function mutate(html: string, ops: Op[]): Document {
  let source = html;
  for (const op of ops.filter((o) => o.op === 'truncate')) source = source.slice(0, op.a % (source.length + 1));
  const doc = linkedomDocument(source);
  if (!doc.documentElement) return doc; // truncated to nothing
  for (const op of ops) {
    const all = Array.from(doc.querySelectorAll('body *'));
    const el = all.length ? all[op.a % all.length]! : null;
    const other = all.length ? all[op.b % all.length]! : null;
    switch (op.op) {
      case 'remove':
        el?.remove();
        break;
      case 'duplicate':
        if (el?.parentNode) el.parentNode.insertBefore(el.cloneNode(true), el.nextSibling);
        break;
      case 'move':
        if (el && other && el !== other && !el.contains(other)) other.appendChild(el);
        break;
      case 'unwrap':
        if (el?.parentNode) {
          while (el.firstChild) el.parentNode.insertBefore(el.firstChild, el);
          el.remove();
        }
        break;
      case 'nest': {
        if (!el?.parentNode) break;
        let wrapper: Element = el;
        for (let i = 0; i < 1 + (op.b % 30); i++) {
          const table = doc.createElement('table');
          const tr = doc.createElement('tr');
          const td = doc.createElement('td');
          table.appendChild(tr);
          tr.appendChild(td);
          wrapper.parentNode!.insertBefore(table, wrapper);
          td.appendChild(wrapper);
          wrapper = table;
        }
        break;
      }
      case 'script': {
        const script = doc.createElement('script');
        script.textContent = `document.title = "${op.text.replace(/"/g, '')}"; Päätös hyväksyttiin`;
        (el ?? doc.documentElement).appendChild(script);
        break;
      }
      case 'jslink': {
        const a = doc.createElement('a');
        a.setAttribute('href', op.b % 2 ? 'javascript:alert(document.cookie)' : 'data:text/html,<script>alert(1)</script>');
        a.textContent = ['Edellinen asia', 'Seuraava asia', 'Muutoksenhakuohje', 'Kokousasia PDF-muodossa', 'Liite 1', op.text][op.b % 6]!;
        (el ?? doc.documentElement).appendChild(a);
        break;
      }
      case 'retext': {
        const node = el?.firstChild;
        if (node && node.nodeType === 3) node.nodeValue = op.text;
        else el?.appendChild(doc.createTextNode(op.text));
        break;
      }
      default:
        break;
    }
  }
  return doc;
}

describe('mutated fixtures', () => {
  it(`never throw and never invent a value (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.nat(fixtures.length - 1), fc.array(opArb, { minLength: 1, maxLength: 6 }), fc.boolean(), (index, ops, withUrl) => {
        const { html, url } = fixtures[index]!;
        const doc = mutate(html, ops);
        const pageUrl = withUrl ? url : null;
        let page: ParsedPage | undefined;
        expect(() => {
          page = parsePage(doc, pageUrl);
        }).not.toThrow();
        assertFromPage(page!, doc, pageUrl);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});

const TOKENS = [
  '<p>', '</p>', '<table>', '</table>', '<tr>', '<td>', '</td>', '<b>', '</b>', '<br>', '<div>', '</div>', '<span>', '</span>', '<caption>Navigointi</caption>',
  '<caption>Liitteet</caption>', '<!--DATABEGIN-->', '<!--DATAEND-->', '<!--DATA_BEGIN-->', 'Kaupunginhallitus', 'Pöytäkirja 07.06.2021/Pykälä 210',
  'Esityslista 09.02.2026/Asianro 9', 'Kh 07.06.2021 § 210', 'Hallitus 18.09.2020 § 94', '5767/00.01.02.00/2021', '730/2017', '00.01.01', 'Päätös',
  'Päätösehdotus', 'Kaupunginjohtajan ehdotus:', 'Käsittely', 'Selostus', 'Valmistelija:', 'Lisätietoja: A B, puh. 020 615 7033, a.b(at)c.fi',
  'hyväksyi päätösehdotuksen', 'pöydälle', 'äänestys', '____________', '<a href="../kokous/1-1-1.PDF">Liite</a>', '<a href="javascript:alert(1)">Edellinen asia</a>',
  '<a href="DREQUEST.PHP?page=meetingitem&amp;id=1-2">Seuraava asia</a>', '<a href="../kokous/1.PDF">Kokousasia PDF-muodossa</a>', '<script>alert(1)</script>',
  'Saapuvilla olleet jäsenet', '§ 5', '28.09.2018', 'Maaseutulautakunta', ' ', '&nbsp;', ':', '|', 'x'.repeat(500),
];

describe('token soup and pages of other systems', () => {
  it(`never throw and never invent a value (${Math.round(RUNS / 2)} cases)`, () => {
    const urls = [
      'https://a.oncloudos.com/cgi/DREQUEST.PHP?page=meetingitem&id=1-1',
      'https://a.fi/D10/cgi/DREQUEST.PHP?page=meeting&amp;id=1',
      'http://a.fi/kokous/TELIMET.HTM',
      'http://a.fi/kokous/TELIN-5.HTM',
      'https://a.fi/cgi/DREQUEST.PHP?page=meetings&id=5',
      'https://a.fi/cgi/DREQUEST.PHP?page=official_frames',
      'https://www.example.com/news/article.html',
      null,
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 20 })), { maxLength: 120 }), fc.nat(urls.length - 1), (tokens, u) => {
        const doc = linkedomDocument(`<html><body>${tokens.join('')}</body></html>`);
        const pageUrl = urls[u]!;
        let page: ParsedPage | undefined;
        expect(() => {
          page = parsePage(doc, pageUrl);
        }).not.toThrow();
        assertFromPage(page!, doc, pageUrl);
      }),
      { numRuns: Math.round(RUNS / 2) },
    );
  }, 600_000);

  it('a page of another system is unknown, not a guessed Dynasty page', () => {
    const doc = linkedomDocument('<html><head><title>Uutiset</title></head><body><h1>Kaupungin uutiset</h1><p>Päätös tehtiin eilen.</p><a href="/x">Lue lisää</a></body></html>');
    expect(parsePage(doc, 'https://www.example.com/uutiset/1').kind).toBe('unknown');
    expect(parsePage(doc, null).kind).toBe('unknown');
  });
});

describe('extreme pages', () => {
  it('a 2 MB item page parses (no exception, fields found)', () => {
    const kouvola = fixtures.find((f) => f.name.startsWith('ep10.kouvola.fi-meetingitem'))!;
    const filler = '<p>Kouvolan kaupunkistrategiassa 2030 panostetaan erityisesti kolmeen kasvukärkeen, joille on valittu fokukset.</p>\n'.repeat(18_000);
    const html = kouvola.html.replace('<p>Ehdotus loppuraportiksi', `${filler}<p>Ehdotus loppuraportiksi`);
    expect(html.length).toBeGreaterThan(2_000_000);
    const page = parsePage(linkedomDocument(html), kouvola.url);
    expect(page.kind).toBe('meetingItem');
    if (page.kind === 'meetingItem') {
      expect(page.section).toBe(210);
      expect(page.outcome).toBe('as-proposed');
    }
  });

  it('tables nested 500 deep do not overflow the stack', () => {
    const html = `<html><body><!--DATABEGIN-->${'<table><tr><td>'.repeat(500)}<p>Kh 07.06.2021 § 210</p>${'</td></tr></table>'.repeat(500)}<!--DATAEND--></body></html>`;
    expect(() => parsePage(linkedomDocument(html), 'https://a.fi/cgi/DREQUEST.PHP?page=meetingitem&id=1-1')).not.toThrow();
  });

  it('an empty document and a document without body are unknown or empty, never a throw', () => {
    expect(() => parsePage(linkedomDocument(''), null)).not.toThrow();
    expect(() => parsePage(linkedomDocument('<html></html>'), 'https://a.fi/cgi/DREQUEST.PHP?page=meetingitem&id=1-1')).not.toThrow();
  });
});
