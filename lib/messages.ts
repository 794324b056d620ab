/**
 * The typed protocol between contexts, in one place. Content scripts, popup, options and library
 * send requests; the background answers. The database lives in the extension's origin, so the content
 * script never touches it directly.
 *
 * To add a message: add an entry to `Protocol`, register its handler in `entrypoints/background.ts`.
 */
import type { ParsedPage } from './dynasty/types';

export interface ItemRef {
  portal: string;
  itemId: string;
}

export interface ItemMarkers {
  read: boolean;
  bookmarked: boolean;
  /** Appeared in a feed since the user's last visit and not yet seen. */
  isNew: boolean;
}

export interface BookmarkData {
  note: string;
  tags: string[];
}

export interface Protocol {
  /** A Dynasty page was parsed in a tab: record it (unless paused or excluded). */
  'page/seen': {
    request: { page: ParsedPage };
    response: { recorded: boolean; changedSinceRead: boolean; bookmark: BookmarkData | null };
  };
  /** Read / bookmarked / new markers for items listed on a meeting page. */
  'items/markers': {
    request: { portal: string; itemIds: string[] };
    response: Record<string, ItemMarkers>;
  };
  'bookmark/get': { request: ItemRef; response: BookmarkData | null };
  'bookmark/save': { request: ItemRef & BookmarkData & { page?: ParsedPage }; response: { ok: true } };
  'bookmark/remove': { request: ItemRef; response: { ok: true } };
  /** Content script's `/` key: open the library page (new tab) with the search box focused. */
  'library/open': { request: { focus?: 'search' | 'bookmarks'; query?: string }; response: { ok: true } };
  /** Feed watching (lib/feeds/service.ts): the options page's whole view of it. */
  'feeds/state': { request: Record<string, never>; response: import('./feeds/service').FeedsView };
  'feeds/saveSettings': { request: { settings: import('./feeds/settings').FeedSettings }; response: import('./feeds/settings').FeedSettings };
  /** Add a portal by any address of it; its host permission must already be granted (options asks first). */
  'feeds/addPortal': { request: { address: string; name?: string }; response: import('./feeds/service').AddPortalResult };
  'feeds/removePortal': { request: { base: string }; response: { ok: true } };
  'feeds/pollNow': { request: Record<string, never>; response: { checked: number; failed: number; added: number } };
  /** Mark feed entries seen: one entry, one portal's, or (no fields) all. */
  'feeds/markSeen': { request: { portal?: string | null; entryId?: string | null }; response: { changed: number; unseen: number } };
  /** Unseen entries grouped by portal and organ (popup "New" section). */
  'feeds/listNew': { request: Record<string, never>; response: import('./feeds/unseen').NewGroup[] };
  /** Upcoming meetings of followed organs and their .ics text. */
  'feeds/calendar': { request: Record<string, never>; response: { upcoming: import('./db').FeedEntryRecord[]; ics: string } };
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: RequestOf<K>;
}

/** What travels back: errors become values, so the sender can show them instead of hanging. */
export type Reply<K extends MessageType> = { ok: true; value: ResponseOf<K> } | { ok: false; error: string };

export type Handlers = { [K in MessageType]?: (payload: RequestOf<K>) => Promise<ResponseOf<K>> };

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    'payload' in value
  );
}

/** Routes one incoming message to its handler; unknown types are refused by name. */
export async function dispatch(handlers: Handlers, message: unknown): Promise<Reply<MessageType>> {
  if (!isEnvelope(message)) return { ok: false, error: 'malformed message' };
  const handler = handlers[message.type] as ((p: unknown) => Promise<unknown>) | undefined;
  if (!handler) return { ok: false, error: `no handler for ${message.type}` };
  try {
    return { ok: true, value: (await handler(message.payload)) as ResponseOf<MessageType> };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The sending side, transport injected so that it can be tested without a browser. */
export function makeSender(transport: (message: Envelope) => Promise<unknown>) {
  return async function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    const reply = (await transport({ type, payload } as Envelope)) as Reply<K> | undefined;
    if (!reply) throw new Error(`no answer to ${type}`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
}
