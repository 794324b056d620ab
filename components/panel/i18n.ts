/**
 * Translation function passed in from the shell (the content script gives `t` from lib/i18n), so the
 * components stay free of browser APIs and render in unit tests.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Translate = (key: string, substitutions?: string | string[]) => string;

export const I18n = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(I18n);
}
