import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { loadAllCatalogues } from './lib/locales';
import { assertNoHostWildcards, KNOWN_PORTALS, LOOPBACK_ORIGINS, loopbackHostPermissions, patternsForPortals } from './lib/portal-patterns';

/** `npm run build:demo` sets this: the extension then also runs on the local demo portal. */
const demo = process.env.PYKALA_DEMO === '1';

const knownPortalPatterns = patternsForPortals(KNOWN_PORTALS.map((p) => p.base));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.PYKALA_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [preact()],
    // Chromium silently refuses an extension whose scripts are not valid UTF-8 text; ASCII is safe.
    esbuild: { charset: 'ascii' },
    build: { target: 'es2022' },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'fi',
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    permissions: ['storage', 'alarms', 'scripting'],
    optional_permissions: ['notifications'],
    host_permissions: demo ? loopbackHostPermissions() : [],
    optional_host_permissions: knownPortalPatterns,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'pykala@pykala.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      const catalogues = loadAllCatalogues(resolve(wxt.config.root, 'locales'));
      for (const [lang, catalogue] of Object.entries(catalogues)) {
        files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: JSON.stringify(catalogue) });
      }
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      const matches = demo ? [...knownPortalPatterns, ...patternsForPortals(LOOPBACK_ORIGINS)] : knownPortalPatterns;
      for (const script of manifest.content_scripts ?? []) script.matches = matches;
      assertNoHostWildcards(manifest);
    },
  },
});
