import { createRequire } from 'node:module';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import type { LanguageRules } from '$lib/domain/wordcloud';

/**
 * Word-cloud rules for the conference's languages: stop words from `stopwords-iso`, stemmers from
 * `@orama/stemmers`. The lists are used as published (no curation here); they hold words a
 * climate audience means ("città", "futuro" in Italian; "zero", "world", "home" in English), which
 * is why stemming and stop words are event settings rather than fixed behaviour.
 *
 * Loaded with require rather than a JSON import: import attributes are not reliable under Vite
 * SSR, and require resolves from the installed package both in dev and in the built server.
 */
// Not named `require`: TypeScript reserves that name at the top level of a module.
const requireFromHere = createRequire(import.meta.url);

export const WORDCLOUD_LANGUAGES = ['en', 'lt', 'de', 'fr', 'es', 'it', 'pl'] as const;

/** Polish has no stemmer in @orama/stemmers (nor in Snowball): Polish entries group by exact key. */
const STEMMERS: Record<string, (word: string) => string> = { en: english, lt: lithuanian, de: german, fr: french, es: spanish, it: italian };

/**
 * stopwords-iso 1.1.0 ships its Lithuanian list in Windows-1257 bytes read as Latin-1: "iš" is
 * stored as "ið", "už" as "uþ", "į" as "á". Such entries never match what people type, so the
 * bytes are mapped back. Lithuanian uses none of the Latin-1 letters involved, so this cannot
 * damage a correct entry.
 */
const CP1257_AS_LATIN1: Record<string, string> = {
	à: 'ą', è: 'č', æ: 'ę', ë: 'ė', á: 'į', ð: 'š', ø: 'ų', û: 'ū', þ: 'ž',
	À: 'Ą', È: 'Č', Æ: 'Ę', Ë: 'Ė', Á: 'Į', Ð: 'Š', Ø: 'Ų', Û: 'Ū', Þ: 'Ž'
};
const CP1257_AS_LATIN1_RE = /[àèæëáðøûþÀÈÆËÁÐØÛÞ]/g;

export function repairLithuanian(word: string): string {
	return word.replace(CP1257_AS_LATIN1_RE, (c) => CP1257_AS_LATIN1[c]);
}

let lists: Record<string, unknown> | undefined;
const cache = new Map<string, LanguageRules>();

/** Rules for each requested language the app supports; other languages are left out (no rules). */
export function rulesFor(languages: readonly string[]): Record<string, LanguageRules> {
	const rules: Record<string, LanguageRules> = {};
	for (const language of languages) {
		const rule = ruleFor(language);
		if (rule) rules[language] = rule;
	}
	return rules;
}

function ruleFor(language: string): LanguageRules | undefined {
	const cached = cache.get(language);
	if (cached) return cached;
	if (!(WORDCLOUD_LANGUAGES as readonly string[]).includes(language)) return undefined;
	lists ??= requireFromHere('stopwords-iso') as Record<string, unknown>;
	const raw = lists[language];
	const words = Array.isArray(raw) ? raw.filter((w): w is string => typeof w === 'string') : [];
	const rule: LanguageRules = {
		stopwords: new Set(language === 'lt' ? words.map(repairLithuanian) : words),
		stem: STEMMERS[language]
	};
	cache.set(language, Object.freeze(rule));
	return rule;
}
