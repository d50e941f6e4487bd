// Lint rules, including the house's import arrows (DESIGN.md): core/ imports no host, no UI, no Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const hostFolders = ['**/cli/**', '**/server/**', '**/electron/**', '**/renderer/**', '**/test/**', '**/bench/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  {
    files: ['core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: hostFolders.map((f) => f.replace('**/', '**/').replace('/**', '/*')), message: 'core/ must not import a host, the UI, tests or benches.' },
          { group: ['electron', 'electron/*', 'react', 'react-dom', 'react/*'], message: 'core/ runs under plain Node: no Electron, no React.' },
        ],
      }],
    },
  },
  {
    files: ['cli/**', 'server/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/*', '**/renderer/*', '**/test/*', '**/bench/*', 'electron', 'react'], message: 'A host imports core/ only.' },
        ],
      }],
    },
  },
  {
    // The desktop host: Electron and core/ only; every decision it applies lives in core/desktop.
    files: ['electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/cli/*', '**/server/*', '**/renderer/*', '**/test/*', '**/bench/*', 'react', 'react-dom'], message: 'electron/ imports core/ and electron only.' },
        ],
      }],
    },
  },
  {
    files: ['electron/vite.preload.config.ts', 'cli/vite.main.config.ts', 'test/electron/playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The UI runs in a browser page and talks to its host only through core/api.ts (DESIGN.md).
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            regex: '(^|/)core/(?!(api|session/role-menu|aws/role)\\.js$)',
            message: 'renderer/ imports only core/api.ts and pure helpers (core/session/role-menu, core/aws/role).',
          },
          {
            group: ['**/cli/*', '**/server/*', '**/electron/*', '**/test/*', '**/bench/*', 'electron', 'node:*', 'playwright-core', 'mongodb', '@aws-sdk/*'],
            message: 'renderer/ runs in a browser page: no host, no Node, no Electron; ask the host through window.atlasSso.',
          },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: render text as React children.' },
        { selector: "JSXAttribute[name.name='style']", message: 'No inline style: the CSP allows none; use a class in renderer/styles.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '*.config.*'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain Node scripts that run before anything is installed or built.
    files: ['scripts/**/*.mjs', '**/*.js', '**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'vite.config.ts', 'playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
