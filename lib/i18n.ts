/** Every user-visible string comes from the `_locales` catalogues (sources under `locales/`). */
import { browser } from 'wxt/browser';

// The catalogues are merged at build time (wxt.config.ts), so WXT cannot type their keys.
const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;

export function t(key: string, substitutions?: string | string[]): string {
  return getMessage(key, substitutions) || key;
}
