/**
 * Word-cloud normalisation: turns what people type into a display form and a grouping key, so
 * that "City", "cities " and "city!" land in one group shown as the spelling most people used.
 *
 * Pure and I/O-free (it also runs in browsers). Language data — stop words and stemmers — is
 * injected as `LanguageRules`; the server loads the real lists in `server/wordcloud/languageRules`.
 * A language without rules gets no stop words and no stemming.
 *
 * Words are whitespace-separated tokens of the cleaned entry. A token without letters (an emoji,
 * "🚲", "2030", "+2°C") is a word too: it counts, groups, and is never folded or stemmed.
 */

import { DomainError } from './errors';
import type { PollState, Visibility } from './polls';

/** Limits, defined once: the schemas, the forms and (checked by limits.spec.ts) the SQL use these. */
export const ENTRIES_PER_PARTICIPANT_MAX = 10;
export const ENTRY_CHARS = { min: 5, max: 80 } as const;

/** What a moderator sets up for a word cloud. */
export interface WordcloudSettings {
	prompt: string;
	maxEntries: number;
	maxChars: number;
	stemming: boolean;
	foldDiacritics: boolean;
	visibility: Visibility;
}

/** A word-cloud activity: the polls' lifecycle, visibility and reveal, with its own entry rules. */
export interface Wordcloud extends WordcloudSettings {
	id: string;
	sessionId: string;
	state: PollState;
	revealed: boolean;
	position: number;
}

/**
 * Settings phones answer under change only while the cloud is a draft (reset first): entries are
 * grouped on arrival with them, and nobody answered under other limits or visibility promises.
 * The prompt's wording may change at any time.
 */
const FIXED_ONCE_OPEN = ['maxEntries', 'maxChars', 'stemming', 'foldDiacritics', 'visibility'] as const;

export function assertEditable(cloud: Wordcloud, patch: Partial<WordcloudSettings>): void {
	if (cloud.state === 'draft') return;
	const fixed = FIXED_ONCE_OPEN.filter((k) => patch[k] !== undefined && patch[k] !== cloud[k]);
	if (fixed.length > 0) throw new DomainError('conflict', `Reset the word cloud before changing ${fixed.join(', ')}.`);
}

export interface LanguageRules {
	stopwords: ReadonlySet<string>;
	stem?: (word: string) => string;
}

export interface NormaliseOptions {
	/** Fold diacritics ("miestų" ≈ "miestu"). Off by default: in Lithuanian they carry meaning. */
	foldDiacritics: boolean;
	/** Group variants with the language's stemmer ("city"/"cities"). */
	stemming: boolean;
}

export interface Entry {
	text: string;
	language: string;
}

export interface Group {
	key: string;
	/** The most frequent cleaned spelling; ties go to the smallest string (code-unit order). */
	display: string;
	count: number;
	/** Cleaned original spelling → how many entries used it. */
	spellings: Record<string, number>;
}

/** Invisible characters people paste by accident: soft hyphen, zero-width space, word joiner, BOM. */
const INVISIBLE_RE = /[\u00AD\u200B\u2060\uFEFF]/g;
// Control characters other than whitespace: treated as a separator rather than kept.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const SPACES_RE = /\s+/gu;
const EDGE_RE = /^[\p{P}\s]+|[\p{P}\s]+$/gu;
const WORD_EDGE_RE = /^\p{P}+|\p{P}+$/gu;
/** Something that makes a token a word: a letter, a digit, or a symbol such as an emoji. */
const WORDLIKE_RE = /[\p{L}\p{N}\p{S}\p{Extended_Pictographic}]/u;
const LETTER_RE = /\p{L}/u;
const PICTOGRAPHIC_RE = /\p{Extended_Pictographic}/u;
const MARKS_RE = /\p{M}/gu;
const LOCALE_SENSITIVE_RE = /[IJÌÍĨĮİ]/;
/** Apostrophe look-alikes, so "don’t" meets the list's "don't" and "l’arbre" sheds its "l". */
const APOSTROPHES_RE = /[\u2019\u02BC\u2018\u00B4`]/g;
/**
 * Letters with a stroke have no decomposition, so NFD + strip marks leaves them; people who type
 * without diacritics still write them plainly ("łąka" → "laka"). ß and ligatures are letters of
 * their own, not diacritics, and stay.
 */
const STROKES: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ħ: 'h', ŧ: 't' };
const STROKES_RE = /[łđøħŧ]/g;

/**
 * Display form: Unicode NFC, invisible characters dropped, whitespace trimmed and collapsed,
 * punctuation around the entry stripped ("¿ciudad?" → "ciudad"); inner punctuation stays
 * ("e-bike", "CO₂", "green, city"). Case is kept. Idempotent.
 */
export function clean(raw: string): string {
	return raw.normalize('NFC').replace(INVISIBLE_RE, '').replace(CONTROL_RE, ' ').replace(SPACES_RE, ' ').replace(EDGE_RE, '');
}

/** Words in `clean(raw)`; an emoji or other symbol on its own counts as a word, a lone "-" does not. */
export function wordCount(raw: string): number {
	return tokens(clean(raw)).length;
}

/**
 * Grouping key of one entry in one language, or null when nothing is left to group (empty, or
 * only stop words). Steps: `clean`; case-fold with the language's rules; per word: strip edge
 * punctuation, normalise apostrophes, fold diacritics if asked, drop stop words (compared after
 * the same folding, and also dropping an elided stop word in front: "l'arbre" → "arbre"), then
 * stem with the language's stemmer if asked. The stemmer sees the unfolded word (its suffix
 * rules know the accents) and the stem is folded afterwards.
 *
 * Idempotence: without stemming, `key(key(x)) === key(x)`. With stemming it is not guaranteed and
 * not wanted: stemmers are not idempotent ("ciudades" → "ciudad" → "ciud"), and iterating them
 * merges unrelated words ("ciudadano" → … → "ciud"). Keys are for grouping, not for re-input.
 */
export function key(raw: string, language: string, rules: Record<string, LanguageRules>, opts: NormaliseOptions): string | null {
	return keyOfClean(clean(raw), language, rules, opts);
}

function keyOfClean(cleaned: string, language: string, rules: Record<string, LanguageRules>, opts: NormaliseOptions): string | null {
	const rule = rulesOf(language, rules);
	const stopwords = prepared(rule, opts.foldDiacritics);
	const words: string[] = [];
	for (const token of tokens(lowerCase(cleaned, language))) {
		const word = keyWord(token, stopwords, opts.stemming ? rule?.stem : undefined, opts.foldDiacritics);
		if (word) words.push(word);
	}
	return words.length > 0 ? words.join(' ') : null;
}

/**
 * Groups entries by key, each in its own language. Sorted by count (descending), then key, and
 * independent of the order of `entries`. A spelling's key is computed once per language: clouds
 * are mostly repeats.
 */
export function group(entries: Entry[], rules: Record<string, LanguageRules>, opts: NormaliseOptions): Group[] {
	const byKey = new Map<string, Map<string, number>>();
	const keys = new Map<string, string | null>();
	for (const entry of entries) {
		const spelling = clean(entry.text);
		const memo = `${entry.language}\u0000${spelling}`;
		let k = keys.get(memo);
		if (k === undefined) keys.set(memo, (k = keyOfClean(spelling, entry.language, rules, opts)));
		if (k === null) continue;
		let spellings = byKey.get(k);
		if (!spellings) byKey.set(k, (spellings = new Map()));
		spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
	}
	const groups: Group[] = [];
	for (const [k, spellings] of byKey) {
		let display = '';
		let best = 0;
		let count = 0;
		for (const [spelling, n] of spellings) {
			count += n;
			if (n > best || (n === best && spelling < display)) {
				display = spelling;
				best = n;
			}
		}
		groups.push({ key: k, display, count, spellings: Object.fromEntries([...spellings].sort(([a], [b]) => compare(a, b))) });
	}
	return groups.sort((a, b) => b.count - a.count || compare(a.key, b.key));
}

function keyWord(token: string, stopwords: ReadonlySet<string>, stem: ((word: string) => string) | undefined, fold: boolean): string | null {
	let word = token.replace(WORD_EDGE_RE, '').replace(APOSTROPHES_RE, "'");
	if (!word) return null;
	if (!LETTER_RE.test(word) || PICTOGRAPHIC_RE.test(word)) return word;
	const comparable = (w: string) => (fold ? foldDiacritics(w) : w);
	if (stopwords.has(comparable(word))) return null;
	// Elision: "l'arbre", "dell'energia", "d'l'…" lose their leading stop word.
	for (let cut = word.indexOf("'"); cut > 0; cut = word.indexOf("'")) {
		if (!stopwords.has(comparable(word.slice(0, cut)))) break;
		word = word.slice(cut + 1).replace(WORD_EDGE_RE, '');
		if (!word || stopwords.has(comparable(word))) return null;
	}
	if (stem) word = stem(word) || word;
	return comparable(word);
}

function tokens(text: string): string[] {
	return text.split(' ').filter((t) => WORDLIKE_RE.test(t));
}

function rulesOf(language: string, rules: Record<string, LanguageRules>): LanguageRules | undefined {
	if (Object.hasOwn(rules, language)) return rules[language];
	const primary = language.toLowerCase().split(/[-_]/)[0];
	return Object.hasOwn(rules, primary) ? rules[primary] : undefined;
}

function lowerCase(text: string, language: string): string {
	// Only I-like letters lower-case differently by language (Lithuanian, Turkish, Azeri in
	// SpecialCasing.txt), so other text takes the plain call: same result, a fraction of the cost.
	if (!LOCALE_SENSITIVE_RE.test(text)) return text.toLowerCase();
	let lower: string;
	try {
		lower = text.toLocaleLowerCase(language || undefined);
	} catch {
		lower = text.toLowerCase(); // not a valid language tag
	}
	// Lithuanian lower-casing can add a combining dot (Ì → i̇̀); keep the result in NFC.
	return lower.normalize('NFC');
}

function foldDiacritics(word: string): string {
	return word
		.normalize('NFD')
		.replace(MARKS_RE, '')
		.replace(STROKES_RE, (c) => STROKES[c])
		.normalize('NFC');
}

const EMPTY: ReadonlySet<string> = new Set();
/** Stop words in the form words are compared in, built once per rules object and folding mode. */
const preparedCache = new WeakMap<LanguageRules, { plain?: ReadonlySet<string>; folded?: ReadonlySet<string> }>();

function prepared(rule: LanguageRules | undefined, fold: boolean): ReadonlySet<string> {
	if (!rule) return EMPTY;
	let entry = preparedCache.get(rule);
	if (!entry) preparedCache.set(rule, (entry = {}));
	const slot = fold ? 'folded' : 'plain';
	let set = entry[slot];
	if (!set) {
		const words = new Set<string>();
		for (const w of rule.stopwords) {
			const normal = w.normalize('NFC').toLowerCase().replace(APOSTROPHES_RE, "'").trim();
			if (normal) words.add(fold ? foldDiacritics(normal) : normal);
		}
		entry[slot] = set = words;
	}
	return set;
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
