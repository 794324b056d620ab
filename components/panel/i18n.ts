/**
 * Translation function passed in from the shell (the content script gives `t` from lib/i18n) and down
 * as a prop, so the components stay free of browser APIs and render in unit tests.
 */
export type Translate = (key: string, substitutions?: string | string[]) => string;
