// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules, Svelte's, and none
// that Prettier decides (eslint-config-prettier). `npm run lint` runs it with `prettier --check`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	globalIgnores(['build/', '.svelte-kit/', 'src/lib/paraglide/', 'project.inlang/', 'test-results/', 'playwright-report/', 'bench/results/', 'data/', 'static/']),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks names itself (svelte-check); this rule does not know its types and globals.
			'no-undef': 'off',
			// A leading underscore names what is left out on purpose (`const { id: _, ...rest } = row`).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
			// Kit's resolve() matters under a base path; Plenum is served at the root (no kit.paths.base), and
			// its hrefs include API downloads and capability links that resolve() would not type-check anyway.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	}
);
