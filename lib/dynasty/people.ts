/**
 * People lines: "kehittämispäällikkö Katariina Valtonen, puh. 020 615 7033, katariina.valtonen(at)kouvola.fi",
 * several people after one "Lisätietoja:", one person over three lines (name / puh. / e-mail), or one
 * name per line ("Syrjänen Markus").
 */
import type { Person, PersonRole } from './types';

/**
 * An e-mail address, `(at)` and `[at]` written out too. A match can only start where a run of
 * local-part characters starts (what follows the local part is none of them), so the lookbehind
 * spares the engine retrying every later character of every word: linear instead of quadratic.
 */
const EMAIL = /(?<![\w\u00c0-\u024f.%+-])[\w\u00c0-\u024f.%+-]+(?:@|\s?(?:\((?:at|AT)\)|\[(?:at|AT)\])\s?)[\w\u00c0-\u024f-]+(?:\.[\w\u00c0-\u024f-]+)+/;
/** What every address has: an @, or an (at) / [at] (the pattern's separators). Texts without are not searched. */
const AT = /@|[([](?:at|AT)[)\]]/;
const PHONE = /(?:puh(?:elin)?\.?|p\.|tel\.?|tfn\.?|gsm\.?|mob\.?)\s*:?\s*(\+?\(?\d[\d ()\-–?/]{4,22}\d)/iu;
/** An address template such as etunimi.sukunimi@espoo.fi: not anyone's address. */
const TEMPLATE_EMAIL = /^(?:etunimi|firstname|fornamn|förnamn)\.(?:sukunimi|lastname|efternamn)@/i;

/** The e-mail address in a text with (at) written as @, or null. */
export function emailIn(text: string): string | null {
  const m = AT.test(text) ? EMAIL.exec(text) : null;
  if (!m) return null;
  const email = m[0].replace(/\s?[([]at[)\]]\s?/i, '@');
  return TEMPLATE_EMAIL.test(email) ? null : email;
}

function phoneIn(text: string): string | null {
  const m = PHONE.exec(text);
  return m ? m[1]!.trim() : null;
}

/** Whether a text is only a phone number or only an e-mail address (continues the previous person). */
function isContactOnly(text: string): boolean {
  if (/^(?:puh(?:elin)?|p|tel|tfn|gsm|mob)\.?\s*:?\s*[\d+(]/i.test(text)) return true;
  const withoutEmail = (AT.test(text) ? text.replace(EMAIL, '') : text).replace(PHONE, '').replace(/[\s,;]+/g, '');
  return withoutEmail === '';
}

/**
 * Reads people from the text after a people label. Tokens separated by commas or lines: a token
 * that is only a phone or an e-mail belongs to the person before it; anything else starts a person.
 */
export function parsePeople(parts: string[], role: PersonRole): Person[] {
  const people: Person[] = [];
  for (const part of parts) {
    for (const raw of part.split(/,(?![^()]*\))|;/)) {
      const token = raw.trim().replace(/\.$/, '').trim();
      if (!token) continue;
      const last = people[people.length - 1];
      const email = emailIn(token);
      const phone = phoneIn(token);
      if (isContactOnly(token)) {
        if (last) {
          if (email && !last.email) last.email = email;
          if (phone && !last.phone) last.phone = phone;
        }
        continue;
      }
      let name = token;
      if (email) name = name.replace(EMAIL, ' ');
      if (phone) name = name.replace(PHONE, ' ');
      name = name.replace(/\s+/g, ' ').replace(/[\s,;:]+$/, '').trim();
      if (!name || name.length > 120 || !/\p{L}/u.test(name)) continue;
      people.push({ role, name, phone, email });
    }
  }
  return people;
}

/** Could this line still be part of a people list (short, no sentence)? */
export function looksLikePeopleLine(text: string): boolean {
  if (text.length > 160) return false;
  if ((AT.test(text) && EMAIL.test(text)) || PHONE.test(text)) return true;
  if (/[.!?:;]$/.test(text) || /[§\d]/.test(text)) return false;
  const words = text.split(' ');
  return words.length <= 7 && text.length <= 80;
}
