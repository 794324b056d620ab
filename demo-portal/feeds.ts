/**
 * Dynasty RSS feeds as the live servers send them (seen: tests/fixtures/dynasty/text/
 * kokkola10-rss-meetingitems-trimmed.utf8.xml): ISO-8859-1 bytes declared in a single-quoted XML
 * declaration, everything on one line, every text in CDATA, absolute links with an explicit port,
 * item title `<Organ> DD.MM.YYYY / <title>`, description repeating the title, no guid, no pubDate.
 * Characters outside Latin-1 become HTML entities inside the CDATA (reported on live feeds).
 */

export type FeedName = 'meetingitems' | 'meetings' | 'official_decisions';

export const FEED_NAMES: readonly FeedName[] = ['meetingitems', 'meetings', 'official_decisions'];

export interface FeedItem {
  title: string;
  description: string;
  link: string;
}

const CHANNEL_DESCRIPTION: Record<FeedName, string> = {
  meetingitems: 'Dynasty - Kokousasiat',
  meetings: 'Dynasty - Kokoukset',
  official_decisions: 'Dynasty - Viranhaltijapäätökset',
};

const NAMED_ENTITIES: Record<string, string> = {
  '\u2013': '&ndash;',
  '\u2014': '&mdash;',
  '\u2018': '&lsquo;',
  '\u2019': '&rsquo;',
  '\u201C': '&ldquo;',
  '\u201D': '&rdquo;',
  '\u2026': '&hellip;',
  '\u20AC': '&euro;',
};

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** The feed document as text (characters beyond Latin-1 already replaced by entities). */
export function renderFeed(feed: FeedName, channelLink: string, items: readonly FeedItem[]): string {
  const body = items
    .map(
      (item) =>
        `<item><title>${cdata(item.title)}</title><description>${cdata(item.description)}</description><link>${cdata(item.link)}</link></item>`,
    )
    .join('');
  const xml = `<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title>${cdata('Dynasty')}</title><description>${cdata(CHANNEL_DESCRIPTION[feed])}</description><link>${cdata(channelLink)}</link>${body}</channel></rss>`;
  return toLatin1Text(xml);
}

/** Replaces every character that ISO-8859-1 cannot hold with an HTML entity. */
export function toLatin1Text(text: string): string {
  if (![...text].some((ch) => ch.codePointAt(0)! > 0xff)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code <= 0xff ? ch : (NAMED_ENTITIES[ch] ?? `&#${code};`);
  }
  return out;
}

/** ISO-8859-1 bytes of a text that holds Latin-1 characters only. */
export function latin1Bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
