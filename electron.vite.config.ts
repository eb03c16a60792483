import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin, Rollup } from 'vite'
import { resolve } from 'node:path'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { CONTENT_SECURITY_POLICY } from './electron/shared/csp'

/** Writes the one CSP into the built index.html (file:// loads carry no headers). */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'calllens-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  }
}

/**
 * The page's start-up API calls leave from a chunk of their own (start-up-calls.ts and the api
 * client, a few KB), loaded by an async module script that runs as soon as it arrives: the calls
 * no longer wait for the whole entry to download, parse and start evaluating (the answers arrive
 * while it does). The entry imports the same chunk, so it runs once whichever script comes first.
 */
function startUpCallsFirst(): Plugin {
  return {
    name: 'calllens-start-up-calls-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.isEntry && output.name === START_UP_CHUNK,
        )
        if (!chunk) throw new Error(`the ${START_UP_CHUNK} chunk is missing from the build`)
        // Before the entry's script, after the CSP's meta tag (which covers only what follows it);
        // high priority: Chromium would fetch an async script after the entry, not beside it.
        const tag = `<script type="module" async fetchpriority="high" crossorigin src="./${chunk.fileName}"></script>`
        const entry = html.indexOf('<script type="module"')
        if (entry < 0 || entry < html.indexOf('Content-Security-Policy'))
          throw new Error('index.html: no entry script after the CSP')
        return `${html.slice(0, entry)}${tag}\n    ${html.slice(entry)}`
      },
    },
  }
}
const START_UP_CHUNK = 'start-up'

/** Fails the build when a bundle would take in test support or a test (lint forbids the import; this is the proof). */
function refuseTestSupport(): Plugin {
  return {
    name: 'calllens-refuse-test-support',
    enforce: 'pre',
    load(id) {
      if (/[\\/]test-support[\\/]|\.test\.ts$/.test(id)) this.error(`test support in a production bundle: ${id}`)
      return null
    },
  }
}

/**
 * conf (browser mode's settings files) imports Ajv, ajv-formats and semver at the top, for JSON
 * schemas and migrations CallLens never gives it (settings-service validates with zod): ≈ 400 KB
 * the host would compile and run at every start. Inside conf only, they become stubs that throw
 * if ever used.
 */
function confWithoutSchemaSupport(): Plugin {
  const UNUSED = new Set(['ajv/dist/2020.js', 'ajv-formats', 'semver'])
  const PREFIX = '\0calllens-conf-unused:'
  return {
    name: 'calllens-conf-without-schema-support',
    enforce: 'pre',
    resolveId(source, importer) {
      if (UNUSED.has(source) && importer && /[\\/]node_modules[\\/]conf[\\/]/.test(importer)) return PREFIX + source
      return null
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null
      const unused = `() => { throw new Error('CallLens gives conf no schema or migrations: ${id.slice(PREFIX.length)} is left out') }`
      return `const unused = ${unused}
export class Ajv2020 { constructor() { unused() } }
export default new Proxy({}, { get: unused })`
    },
  }
}

/** zod ships comments Rollup cannot place (it drops them); harmless, and noise in every build. */
const quietZodAnnotations: Rollup.RollupOptions['onwarn'] = (warning, warn) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning)
}

export default defineConfig({
  main: {
    plugins: [refuseTestSupport(), confWithoutSchemaSupport()],
    build: {
      outDir: 'out/main',
      // Bundled, not loaded from node_modules: the host starts faster from one module graph.
      externalizeDeps: { exclude: ['zod', 'conf', 'p-limit', 'p-retry'] },
      rollupOptions: {
        onwarn: quietZodAnnotations,
        input: {
          index: resolve('electron/main/index.ts'),
          host: resolve('electron/host/serve.ts'),
          // The host's backend, loaded in a worker thread of its own (host/backend-worker-client.ts).
          'backend-worker': resolve('electron/host/backend-worker.ts'),
          // Its own file: recordings are decoded in worker threads (peaks-pool.ts looks for it beside the entries).
          'peaks-worker': resolve('electron/services/media/peaks-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [refuseTestSupport()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [
      refuseTestSupport(),
      vue(),
      // Locale messages compiled at build time, so start-up neither carries nor runs vue-i18n's message compiler.
      VueI18nPlugin({
        include: [
          resolve('renderer/src/i18n/zh-CN.ts'),
          resolve('renderer/src/i18n/en.ts'),
          resolve('renderer/src/i18n/team-lead.zh-CN.ts'),
          resolve('renderer/src/i18n/team-lead.en.ts'),
        ],
        dropMessageCompiler: true,
        // No <i18n-t> and friends here: t() only.
        fullInstall: false,
      }),
      // Element Plus components (and their CSS) imported where templates use them, not all at start-up.
      Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dirs: [], dts: false }),
      contentSecurityPolicyMeta(),
      startUpCallsFirst(),
    ],
    resolve: { alias: { '@shared': resolve('electron/shared') } },
    // Every component here (ours and Element Plus's) uses the Composition API: Vue's Options API
    // support would be dead code in the bundle.
    define: { __VUE_OPTIONS_API__: 'false' },
    build: {
      outDir: 'out/renderer',
      // Start-up reads and parses the whole bundle: minified, it is about a third the size.
      minify: 'esbuild',
      rollupOptions: {
        input: { index: resolve('renderer/index.html'), [START_UP_CHUNK]: resolve('renderer/src/start-up-calls.ts') },
        onwarn: quietZodAnnotations,
      },
    },
  },
})
