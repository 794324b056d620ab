/**
 * Merges the per-feature message files under `locales/<lang>/*.json` into one Chrome `_locales`
 * catalogue per language. Kept per feature so that each feature owns its strings; the build refuses
 * a key defined twice or missing from a language, so no language silently falls back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface ChromeMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, ChromeMessage>;

export function loadCatalogue(localesDir: string, lang: Language): Catalogue {
  const dir = join(localesDir, lang);
  const merged: Catalogue = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalogue;
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`locales/${lang}/${file}: message "${key}" is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}

/** All catalogues, checked to hold the same keys in every language. */
export function loadAllCatalogues(localesDir: string): Record<Language, Catalogue> {
  const all = Object.fromEntries(LANGUAGES.map((l) => [l, loadCatalogue(localesDir, l)])) as Record<
    Language,
    Catalogue
  >;
  const reference = new Set(Object.keys(all.fi));
  for (const lang of LANGUAGES) {
    const keys = new Set(Object.keys(all[lang]));
    const missing = [...reference].filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !reference.has(k));
    if (missing.length || extra.length) {
      throw new Error(
        `locales/${lang}: ${missing.length ? `missing ${missing.join(', ')}` : ''}${
          extra.length ? ` not in fi: ${extra.join(', ')}` : ''
        }`,
      );
    }
  }
  return all;
}
