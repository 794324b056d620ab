/**
 * Match patterns for Dynasty portals. A portal is a base URL (host root or path prefix); Pykälä only
 * ever asks for its two Dynasty paths, never the whole host and never a host wildcard.
 */
import knownPortalsData from '../data/dynasty-portals.json';

export interface KnownPortal {
  name: string;
  base: string;
  evidence: 'measured' | 'listed' | 'guess';
  note?: string;
}

export const KNOWN_PORTALS: readonly KnownPortal[] = knownPortalsData as KnownPortal[];

/** Loopback hosts of the demo build: added only when building for the local demo portal. */
export const LOOPBACK_ORIGINS = ['http://127.0.0.1', 'http://localhost'] as const;

/** `https://host/prefix/` -> `https://host/prefix` (no trailing slash, no default port, no query). */
export function normalizeBase(base: string): string {
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}${path}`;
}

/** Content-script match patterns for the Dynasty pages of one portal. Ports are not part of patterns. */
export function dynastyPagePatterns(base: string): string[] {
  const url = new URL(normalizeBase(base));
  const prefix = `${url.protocol}//${url.hostname}${url.pathname.replace(/\/+$/, '')}`;
  return [`${prefix}/cgi/DREQUEST.PHP*`, `${prefix}/kokous/*`];
}

/** Every pattern for a list of portals, deduplicated, in a stable order. */
export function patternsForPortals(bases: readonly string[]): string[] {
  return [...new Set(bases.flatMap(dynastyPagePatterns))].sort();
}

/** Host permissions for loopback in the demo build (any port: patterns ignore ports). */
export function loopbackHostPermissions(): string[] {
  return LOOPBACK_ORIGINS.map((o) => `${o}/*`);
}

/**
 * Optional host patterns that let the user add a portal that is not in the known list (any address):
 * never granted at install; at run time only one portal's two Dynasty paths are requested.
 */
export const CUSTOM_PORTAL_OPTIONAL_ORIGINS = ['https://*/*', 'http://*/*'] as const;

/**
 * Least privilege, enforced at build time: no `<all_urls>`, no `*` host, no `*.` host wildcard in what
 * is granted or injected; optional host permissions may hold only CUSTOM_PORTAL_OPTIONAL_ORIGINS as wildcards.
 */
export function assertNoHostWildcards(manifest: {
  content_scripts?: { matches?: string[] }[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  permissions?: string[];
}): void {
  const patterns = [
    ...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []).filter((p) => !(CUSTOM_PORTAL_OPTIONAL_ORIGINS as readonly string[]).includes(p)),
    ...(manifest.permissions ?? []),
  ];
  const broad = patterns.filter((p) => p === '<all_urls>' || /^[^:]+:\/\/\*/.test(p));
  if (broad.length) throw new Error(`manifest asks for broad host access: ${broad.join(', ')}`);
}
