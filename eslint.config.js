// Lint rules, including the house's import arrows (docs/ARCHITECTURE.md): core/ imports no host, no UI, no Electron,
// and inside core/ a room imports only the rooms on the layers below its own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const hostFolders = ['**/cli/**', '**/server/**', '**/electron/**', '**/renderer/**', '**/test/**', '**/bench/**'];

/**
 * core/'s layers, bottom first: a folder (core/aws/) or a top-level file (core/errors.ts, core/api.ts) may import only
 * from layers below its own, never from its own layer's other rooms or above. docs/ARCHITECTURE.md draws the same list.
 */
export const coreLayers = [
  ['errors.ts', 'display-text.ts', 'parse-json-object.ts', 'file-problem.ts', 'graphical-session.ts', 'package-root.ts'],
  ['shell', 'aws'],
  ['mongodb', 'credentials', 'saml'],
  ['login', 'connections', 'identity'],
  ['launch'],
  ['api.ts'],
  ['session'],
  ['desktop'],
];

const corePatterns = [
  { group: hostFolders.map((f) => f.replace('/**', '/*')), message: 'core/ must not import a host, the UI, tests or benches.' },
  { group: ['electron', 'electron/*', 'react', 'react-dom', 'react/*'], message: 'core/ runs under plain Node: no Electron, no React.' },
];

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One block per room: core's own patterns plus "nothing from this layer's neighbours or any layer above". */
const coreLayerBlocks = coreLayers.flatMap((layer, index) =>
  layer.map((room) => {
    const isFile = room.endsWith('.ts');
    const above = coreLayers.slice(index).flat().filter((other) => other !== room);
    // A room's files import its neighbours as ../name/ or ../name.js; a top-level file as ./name/ or ./name.js.
    const targets = above.map((other) => (other.endsWith('.ts') ? `${escapeRegex(other.slice(0, -3))}\\.js$` : `${escapeRegex(other)}/`));
    return {
      files: [isFile ? `core/${room}` : `core/${room}/**`],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [
            ...corePatterns,
            // The top layer alone has nothing above it.
            ...(targets.length === 0 ? [] : [{
              regex: `^${isFile ? '\\.' : '\\.\\.'}/(${targets.join('|')})`,
              message: `core/${room} is on layer ${index} of core's layers (docs/ARCHITECTURE.md) and imports only from lower layers: move what both need down, or pass it in.`,
            }]),
          ],
        }],
      },
    };
  }),
);

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
  { files: ['core/**'], rules: { 'no-restricted-imports': ['error', { patterns: corePatterns }] } },
  ...coreLayerBlocks,
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
