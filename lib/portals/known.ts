/** The known Dynasty portals (data/dynasty-portals.json), searchable by municipality name or host. */
import { KNOWN_PORTALS, normalizeBase, type KnownPortal } from '../portal-patterns';

/** Lower case without diacritics, so "hameenlinna" finds Hämeenlinna and "brando" Brändö. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** Known portals whose name (any word start) or host contains the query; name-prefix hits first. */
export function searchKnownPortals(query: string, portals: readonly KnownPortal[] = KNOWN_PORTALS, limit = 50): KnownPortal[] {
  const q = fold(query);
  if (!q) return portals.slice(0, limit);
  const scored: { portal: KnownPortal; score: number }[] = [];
  for (const portal of portals) {
    const name = fold(portal.name);
    const host = fold(portal.base);
    const score = name.startsWith(q) ? 0 : name.split(/[\s-]+/).some((w) => w.startsWith(q)) ? 1 : name.includes(q) ? 2 : host.includes(q) ? 3 : -1;
    if (score >= 0) scored.push({ portal, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.portal.name.localeCompare(b.portal.name, 'fi'))
    .slice(0, limit)
    .map((s) => s.portal);
}

/** The known portal with this base, if any. */
export function knownPortalByBase(base: string, portals: readonly KnownPortal[] = KNOWN_PORTALS): KnownPortal | null {
  const key = safeNormalize(base);
  return portals.find((p) => safeNormalize(p.base) === key) ?? null;
}

function safeNormalize(base: string): string {
  try {
    return normalizeBase(base);
  } catch {
    return base;
  }
}
