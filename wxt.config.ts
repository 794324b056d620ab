import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { loadAllCatalogues } from './lib/locales';
import { escapeNonAscii, escapeRefusedByChromium, scriptCharset } from './scripts/script-charset';
import { localizeTitle } from './scripts/localize-title';
import { assertNoHostWildcards, CUSTOM_PORTAL_OPTIONAL_ORIGINS, KNOWN_PORTALS, LOOPBACK_ORIGINS, loopbackHostPermissions, patternsForPortals } from './lib/portal-patterns';

/** `npm run build:demo` sets this: the extension then also runs on the local demo portal. */
const demo = process.env.PYKALA_DEMO === '1';

const knownPortalPatterns = patternsForPortals(KNOWN_PORTALS.map((p) => p.base));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.PYKALA_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [preact(), scriptCharset(escapeNonAscii), localizeTitle()],
    // Chromium silently refuses an extension whose scripts are not valid UTF-8 text; ASCII is safe.
    // esbuild's charset leaves regular-expression literals alone: scriptCharset() escapes what remains.
    // The content script alone is written as UTF-8 (see the content-script hook below).
    esbuild: { charset: 'ascii' },
    // lib/feeds/settings.ts: the demo build starts with the local demo portal enabled.
    define: { 'import.meta.env.PYKALA_DEMO': JSON.stringify(demo ? '1' : '') },
    // PYKALA_SOURCEMAP=1: .map files beside the scripts (no sourceMappingURL comment, so sizes are
    // unchanged), which bench/content.bench.ts reads to say which modules the content script's bytes are.
    build: { target: 'es2022', sourcemap: process.env.PYKALA_SOURCEMAP === '1' ? 'hidden' : false },
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
    // Known portals' Dynasty paths, plus http(s) hosts for portals the user adds by address: optional,
    // so nothing is granted at install; lib/portals/custom.ts asks for one portal's two paths at a time.
    optional_host_permissions: [...knownPortalPatterns, ...CUSTOM_PORTAL_OPTIONAL_ORIGINS],
    // Chrome 88 is the first with Manifest V3. The build does not polyfill built-ins, so shipped code
    // keeps to what Chrome 88 has (eslint.config.js refuses newer array and object methods).
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'pykala@pykala.invalid',
              // data_collection_permissions needs Firefox 140 (Android 142); older ones warn in web-ext lint.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '88' }),
  }),
  hooks: {
    // Content scripts get the browser's own promise API instead of webextension-polyfill (10 kB less in
    // every page; they never listen for messages, the one thing the polyfill adapts), and the part of
    // WXT's ContentScriptContext they use (3 kB less; entrypoints/dynasty.content/context.ts). Others keep both.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.length || !entrypoints.every((e) => e.type === 'content-script')) return;
      const own = (file: string) => resolve(import.meta.dirname, 'entrypoints/dynasty.content', file);
      const replaced = ['wxt/browser', 'wxt/utils/content-script-context'];
      const alias = config.resolve?.alias;
      const rest = Array.isArray(alias)
        ? alias.filter((a) => !replaced.includes(String(a.find)))
        : Object.entries(alias ?? {}).filter(([k]) => !replaced.includes(k)).map(([find, replacement]) => ({ find, replacement }));
      // preact's h() instead of the automatic runtime's jsx(): children as arguments, not a `children:`
      // prop per element (1 kB less in every Dynasty page). A post plugin, so it wins over preact()'s.
      config.plugins = [
        ...(config.plugins ?? []),
        {
          name: 'pykala:content-jsx-classic',
          enforce: 'post',
          // Names no source would use: a local `h` (say, a history entry) must not shadow the factory.
          config: () => ({
            esbuild: { jsx: 'transform', jsxFactory: '__pkH', jsxFragment: '__pkFragment', jsxInject: "import { h as __pkH, Fragment as __pkFragment } from 'preact'" },
          }),
        },
      ];
      // terser instead of esbuild for this one script: it runs in every Dynasty page, and terser's
      // extra passes (top-level names mangled, functions inlined, `const` to `let`) make it 1.5 kB
      // smaller than esbuild's minifier (npm run bench content). Other scripts keep esbuild's speed.
      config.build = {
        ...config.build,
        minify: 'terser',
        terserOptions: {
          ecma: 2020,
          toplevel: true,
          compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, hoist_funs: true },
          // preact's own internal fields (__k, __e, __v...: already mangled by preact, private to it and
          // all inside this one bundle) get one-letter names; terser never picks a name the code uses.
          mangle: { properties: { regex: /^__[a-zA-Z]$/ } },
          // UTF-8 rather than ASCII escapes: 2 bytes per `ä` instead of 4 to 6 in every Dynasty page.
          // The charset plugin still escapes the few characters Chromium refuses (scripts/script-charset.ts).
          format: { ascii_only: false },
        },
      };
      config.esbuild = { ...config.esbuild, charset: 'utf8' };
      config.plugins = config.plugins.map((p) =>
        p && typeof p === 'object' && 'name' in p && p.name === 'pykala:script-charset' ? scriptCharset(escapeRefusedByChromium) : p,
      );
      config.resolve = {
        ...config.resolve,
        alias: [
          { find: /^wxt\/browser$/, replacement: own('browser.ts') },
          { find: /^wxt\/utils\/content-script-context$/, replacement: own('context.ts') },
          ...rest,
        ],
      };
    },
    'build:publicAssets': (wxt, files) => {
      const catalogues = loadAllCatalogues(resolve(wxt.config.root, 'locales'));
      for (const [lang, catalogue] of Object.entries(catalogues)) {
        files.push({ relativeDest: `_locales/${lang}/messages.json`, contents: JSON.stringify(catalogue) });
      }
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      // MV2 (Firefox) has no optional_host_permissions: there optional hosts belong in optional_permissions.
      if (manifest.manifest_version === 2) {
        const hosts = [...knownPortalPatterns, ...CUSTOM_PORTAL_OPTIONAL_ORIGINS];
        manifest.optional_permissions = [...new Set([...(manifest.optional_permissions ?? []), ...hosts])];
        delete manifest.optional_host_permissions;
      }
      const matches = demo ? [...knownPortalPatterns, ...patternsForPortals(LOOPBACK_ORIGINS)] : knownPortalPatterns;
      for (const script of manifest.content_scripts ?? []) script.matches = matches;
      assertNoHostWildcards(manifest);
    },
  },
});
