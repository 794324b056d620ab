/**
 * Translation function passed in from the shell and down as a prop, so the components stay free of
 * browser APIs and render in unit tests. Keys are the locales' `reading_` keys without that prefix
 * (`t('field_organ')` is `reading_field_organ`): the content script's mount.tsx adds it.
 */
export type Translate = (key: string, substitutions?: string | string[]) => string;
