import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromHtmlMeta, charsetFromXmlDeclaration, decodeBytes } from '@/lib/dynasty/charset';

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeBytes', () => {
  it('reads an ISO-8859-1 feed by its XML declaration, as windows-1252', () => {
    const { text, charset } = decodeBytes(latin1("<?xml version='1.0' encoding='iso-8859-1'?><a>Työjärjestys</a>"));
    expect(charset).toBe('windows-1252');
    expect(text).toContain('Työjärjestys');
  });

  it('lets the Content-Type charset win over the XML declaration', () => {
    const bytes = utf8("<?xml version='1.0' encoding='iso-8859-1'?><a>Päätös</a>");
    expect(decodeBytes(bytes, 'application/rss+xml; charset=UTF-8')).toMatchObject({ charset: 'utf-8' });
    expect(decodeBytes(bytes, 'application/rss+xml; charset=UTF-8').text).toContain('Päätös');
  });

  it('reads 0x96 as an en dash in "ISO-8859-1" (WHATWG windows-1252)', () => {
    const bytes = Uint8Array.from([...latin1("<?xml version='1.0' encoding='ISO-8859-1'?>a "), 0x96, ...latin1(' b')]);
    expect(decodeBytes(bytes).text).toContain('a \u2013 b');
  });

  it('finds <meta charset> and <meta http-equiv> in HTML', () => {
    const page = latin1('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>Kaupunginhallitus käsitteli</body></html>');
    expect(decodeBytes(page)).toMatchObject({ charset: 'windows-1252' });
    expect(decodeBytes(utf8('<meta charset="utf-8"><p>ä</p>'))).toMatchObject({ charset: 'utf-8', text: '<meta charset="utf-8"><p>ä</p>' });
  });

  it('sniffs UTF-8 when nothing is declared, else windows-1252', () => {
    expect(decodeBytes(utf8('Sähköinen'))).toEqual({ text: 'Sähköinen', charset: 'utf-8' });
    expect(decodeBytes(latin1('Sähköinen'))).toEqual({ text: 'Sähköinen', charset: 'windows-1252' });
  });

  it('reads a wrong "UTF-8" declaration over Latin-1 bytes as windows-1252, with a warning', () => {
    const result = decodeBytes(latin1('<?xml version="1.0" encoding="UTF-8"?><t>Hyvinvointilautakunta päätti</t>'));
    expect(result.text).toContain('päätti');
    expect(result.warning).toMatch(/not UTF-8/);
  });

  it('survives unknown labels, a BOM and zero bytes', () => {
    expect(decodeBytes(latin1('<?xml encoding="klingon"?>ä'))).toMatchObject({ charset: 'windows-1252' });
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('ö')]))).toEqual({ text: 'ö', charset: 'utf-8' });
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', charset: 'utf-8' });
  });

  it('parses the declaration helpers', () => {
    expect(charsetFromContentType('text/xml;charset="iso-8859-1"')).toBe('iso-8859-1');
    expect(charsetFromContentType('text/xml')).toBeNull();
    expect(charsetFromXmlDeclaration('<?xml version="1.0" encoding="UTF-8" ?>')).toBe('UTF-8');
    expect(charsetFromHtmlMeta('<meta charset=iso-8859-1>')).toBe('iso-8859-1');
  });
});

describe('decodeBytes with a wrong single-byte declaration', () => {
  it('reads UTF-8 bytes sent under an iso-8859-1 declaration as UTF-8, with a warning', () => {
    const result = decodeBytes(utf8("<?xml version='1.0' encoding='iso-8859-1'?><t>Työjärjestys</t>"), 'text/xml; charset=iso-8859-1');
    expect(result.text).toContain('Työjärjestys');
    expect(result.charset).toBe('utf-8');
    expect(result.warning).toMatch(/bytes are UTF-8/);
  });
});
