import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
    rules: {
      // The renderer reaches main only through the shared contract.
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports electron; it has window.calllens.' }],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'The renderer may import only the shared contract, as @shared/….',
            },
          ],
        },
      ],
      'vue/no-v-html': 'error',
    },
  },
  {
    files: ['electron/**/*.ts', 'scripts/**/*.{ts,mjs}', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Only the Electron shell and the preload may import electron.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload import electron.' },
            { name: 'electron-updater', message: 'electron-updater loads electron: only electron/main imports it.' },
          ],
        },
      ],
    },
  },
  {
    // Test support (examples, test servers, fixtures, harnesses) is for tests, bench and e2e only:
    // production code importing it would ship it. A rule of its own, so it adds to the
    // no-restricted-imports of the blocks above instead of replacing them.
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,vue}', 'scripts/**/*.{ts,mjs}'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/test-support', '**/test-support/**'],
              message: 'Test support is for tests, bench and e2e; production code never imports it.',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles: a module and what it imports form a tree, so each can be read (and
    // loaded) before the ones that use it. (import-x skips type-only imports: they vanish at run time.)
    files: ['**/*.{ts,vue}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
      'import-x/extensions': ['.ts', '.vue', '.js', '.mjs'],
      'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // import-x parses a .vue file a .ts file imports with the .ts file's parser options: say
    // which parser reads the <script lang="ts"> inside (@typescript-eslint/parser ignores it).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // Playwright fixtures must destructure their dependencies, even when there are none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  prettier,
)
