// ESLint with typescript-eslint: the type-aware TypeScript rules Biome lacks, on TypeScript 5.x.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.output*/', '.wxt/', 'dist/', 'tests/fixtures/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Page and feed text is rendered as text, never as HTML.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page and feed text is rendered as text, never as HTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Page and feed text is rendered as text, never as HTML.' },
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
