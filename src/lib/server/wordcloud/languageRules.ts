import { createRequire } from 'node:module';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import type { LanguageRules } from '$lib/domain/wordcloud';

/**
 * Word-cloud rules for the conference's languages: stop words from `stopword` (maintained, 60+
 * languages), stemmers from `@orama/stemmers`. The lists are used as published, with no hand
 * curation. `stopword` was chosen over `stopwords-iso` because its English, French, Spanish,
 * Italian and Polish lists hold function words only; stopwords-iso merges web-search lists that
 * drop what a climate audience means ("net zero", "home", "world", "free", "fire" in English,
 * "città" in Italian), so "net zero" could not even be entered.
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
 * The Lithuanian list (the same in stopword 3.1.5 as in stopwords-iso 1.1.0) is Windows-1257 bytes read as Latin-1: "iš" is
 * stored as "ið", "už" as "uþ", "į" as "á". Such entries never match what people type, so the
 * bytes are mapped back. Lithuanian uses none of the Latin-1 letters involved, so this cannot
 * damage a correct entry.
 */
const CP1257_AS_LATIN1: Record<string, string> = {
	à: 'ą',
	è: 'č',
	æ: 'ę',
	ë: 'ė',
	á: 'į',
	ð: 'š',
	ø: 'ų',
	û: 'ū',
	þ: 'ž',
	À: 'Ą',
	È: 'Č',
	Æ: 'Ę',
	Ë: 'Ė',
	Á: 'Į',
	Ð: 'Š',
	Ø: 'Ų',
	Û: 'Ū',
	Þ: 'Ž'
};
const CP1257_AS_LATIN1_RE = /[àèæëáðøûþÀÈÆËÁÐØÛÞ]/g;

export function repairLithuanian(word: string): string {
	return word.replace(CP1257_AS_LATIN1_RE, (c) => CP1257_AS_LATIN1[c]);
}

/** `stopword` names its lists by ISO 639-3 code. */
const ISO_639_3: Record<string, string> = { en: 'eng', lt: 'lit', de: 'deu', fr: 'fra', es: 'spa', it: 'ita', pl: 'pol' };

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
	lists ??= requireFromHere('stopword') as Record<string, unknown>;
	const raw = lists[ISO_639_3[language]];
	const words = Array.isArray(raw) ? raw.filter((w): w is string => typeof w === 'string') : [];
	const rule: LanguageRules = {
		stopwords: new Set(language === 'lt' ? words.map(repairLithuanian) : words),
		stem: STEMMERS[language]
	};
	cache.set(language, Object.freeze(rule));
	return rule;
}
