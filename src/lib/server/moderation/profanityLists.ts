import { createRequire } from 'node:module';

/**
 * Base profanity lists from `washyourmouthoutwithsoap`. Loaded with require rather than a JSON
 * import: import attributes are not reliable under Vite SSR, and require resolves from the
 * installed package both in dev and in the built server.
 *
 * The lists are machine translations of one English list, so they hold plenty of ordinary words
 * ("deich", "digue", "bendrija"); events prune them with their own edits.
 */
// Not named `require`: TypeScript reserves that name at the top level of a module.
const requireFromHere = createRequire(import.meta.url);

export const SUPPORTED_PROFANITY_LANGUAGES = ['en', 'lt', 'de', 'fr', 'es', 'it', 'pl'] as const;

let cached: Record<string, readonly string[]> | undefined;

/** Base lists for the supported languages; a language the package lacks simply has no entry. */
export function baseLists(): Record<string, readonly string[]> {
	if (cached) return cached;
	const data = requireFromHere('washyourmouthoutwithsoap/data/build.json') as Record<string, unknown>;
	const lists: Record<string, readonly string[]> = {};
	for (const language of SUPPORTED_PROFANITY_LANGUAGES) {
		const words = data[language];
		if (Array.isArray(words)) lists[language] = Object.freeze(words.filter((w): w is string => typeof w === 'string'));
	}
	cached = Object.freeze(lists);
	return cached;
}
