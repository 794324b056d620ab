// ESLint with typescript-eslint: the type-aware TypeScript rules Biome lacks, on TypeScript 5.x.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Page and feed text is rendered as text: a later block that sets no-restricted-syntax must keep these. */
const TEXT_NEVER_HTML = [
  { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Page and feed text is rendered as text, never as HTML.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page and feed text is rendered as text, never as HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Page and feed text is rendered as text, never as HTML.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.output*/', '.wxt/', 'dist/', 'tests/fixtures/', '.tmp/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        ...TEXT_NEVER_HTML,
      ],
    },
  },
  {
    // Shipped code runs from Chrome 88 (the manifest's minimum_chrome_version) and nothing polyfills
    // built-ins: these came later (at 92, Object.hasOwn 93, findLast 97, structuredClone 98, toSorted 110).
    files: ['lib/**', 'components/**', 'entrypoints/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Object', property: 'hasOwn', message: 'Not in Chrome 88 (the minimum): use Object.prototype.hasOwnProperty.call.' },
        { object: 'Object', property: 'groupBy', message: 'Not in Chrome 88 (the minimum).' },
        { object: 'Promise', property: 'withResolvers', message: 'Not in Chrome 88 (the minimum).' },
      ],
      'no-restricted-syntax': [
        'error',
        ...TEXT_NEVER_HTML,
        {
          selector: "CallExpression[callee.property.name=/^(at|findLast|findLastIndex|toSorted|toReversed|toSpliced|with)$/]",
          message: 'Not in Chrome 88 (the minimum): index, slice or copy and sort instead.',
        },
        { selector: "CallExpression[callee.name='structuredClone']", message: 'Not in Chrome 88 (the minimum).' },
      ],
    },
  },
  {
    files: ['lib/dynasty/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['wxt/browser', 'webextension-polyfill', 'dexie'], message: 'lib/dynasty is pure: no browser API, no database.' }] }],
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['dexie', '@/lib/db'], message: 'components get data by props, not from the database.' }] }],
    },
  },
);
