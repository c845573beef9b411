/**
 * Profanity matching for audience questions and names, in any of the conference's languages.
 * Pure and I/O-free so the same code can run on the server and in a browser.
 *
 * The matcher flags; it never rewrites. A flagged question goes to the moderators, so a false
 * positive costs a moderator a click, while a miss puts a slur on the projector. Still, every
 * rule below is whole-word (or word-start) based, because substring matching flags "class" and
 * "Scunthorpe" and moderators learn to ignore a flag that cries wolf.
 */

/**
 * Letters that NFKD leaves alone but people type without their stroke or ligature.
 * ß → ss in particular: NFKD does not decompose it, and Germans write "Scheisse" for "Scheiße".
 */
const LETTER_FOLDS: Record<string, string> = { ß: 'ss', ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ı: 'i' };
const LETTER_FOLD_RE = /[ßłđøæœı]/g;

/** Look-alike swaps ("sh1t", "$hit", "m3rd4"). Applied only inside a word that has a real letter. */
const SWAPS: Record<string, string> = {
	'0': 'o',
	'1': 'i',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'@': 'a',
	$: 's',
	'!': 'i',
	'€': 'e',
	'|': 'l'
};
const SWAP_RE = /[013457@$!€|]/g;
const SWAP_SYMBOL_RE = /[@$!€|]/g;

/** A "word" before swaps: letters, digits and the symbols that can stand for letters. */
const TOKEN_RE = /[\p{L}\p{N}@$!€|]+/gu;
const HAS_LETTER_RE = /\p{L}/u;
/** "!" at either end of a word is punctuation ("shit!", "wow!!"), not an i. */
const EDGE_BANG_RE = /^!+|!+$/g;
/** Zero-width spaces, soft hyphens and the like: invisible, so dropping them undoes "f\u200Buck". */
const FORMAT_RE = /\p{Cf}/gu;
const MARK_RE = /\p{M}/gu;
const RUN3_RE = /(\p{L})\1{2,}/gu;

/** Terms this long also match words that start with them (inflected or compound forms). */
const PREFIX_MIN = 5;

/**
 * Folds text for matching: NFKD, strip combining marks (diacritics), lower-case (locale-independent),
 * map ß→ss, ł→l, đ→d, ø→o, æ→ae, œ→oe, ı→i (NFKD leaves these alone), map common character swaps
 * (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s, !→i, €→e, |→l), and collapse runs of the same letter
 * repeated 3+ times to one ("fuuuck" → "fuck"). Keeps letters/digits/spaces; other punctuation
 * becomes a space; whitespace collapsed and trimmed.
 *
 * Swaps apply only within a word that contains a letter, so numbers stay numbers ("455 trees" is
 * not "ass trees"), and a "!" at either end of a word is treated as punctuation ("shit!" → "shit").
 * Invisible format characters (zero-width space, soft hyphen) are removed, not turned into spaces.
 * The result is idempotent: normalise(normalise(x)) === normalise(x).
 */
export function normalise(text: string): string {
	return fold(text, 1);
}

/** normalise, with letter runs of 3+ collapsed to `keep` (1 or 2) letters. */
function fold(text: string, keep: 1 | 2): string {
	const base = text
		.replace(FORMAT_RE, '')
		.normalize('NFKD')
		// Lower-casing after NFKD catches compatibility forms ("ＦＵＣＫ" → "FUCK"); NFKD again before
		// stripping marks, since some lower-case mappings produce a combining mark.
		.toLowerCase()
		.normalize('NFKD')
		.replace(MARK_RE, '')
		.replace(LETTER_FOLD_RE, (c) => LETTER_FOLDS[c]);
	const words: string[] = [];
	for (const [token] of base.matchAll(TOKEN_RE)) {
		if (!HAS_LETTER_RE.test(token)) {
			// Pure numbers stay; lone symbols ("$5", "!!!", "|") are punctuation.
			words.push(token.replace(SWAP_SYMBOL_RE, ' '));
			continue;
		}
		const swapped = token.replace(EDGE_BANG_RE, ' ').replace(SWAP_RE, (c) => SWAPS[c]);
		words.push(swapped.replace(RUN3_RE, keep === 1 ? '$1' : '$1$1'));
	}
	return words.join(' ').replace(/\s+/g, ' ').trim();
}

/** "f u c k" (from "f.u.c.k", "f-u-c-k", …) → "fuck": joins every run of 2+ one-character words. */
function joinSpelledOut(text: string): string {
	const out: string[] = [];
	let run = '';
	const flush = () => {
		if (run) out.push(run);
		run = '';
	};
	for (const word of text.split(' ')) {
		// Code-point length, so an astral letter still counts as one character.
		if ([...word].length === 1) run += word;
		else {
			flush();
			out.push(word);
		}
	}
	flush();
	return out.join(' ');
}

/**
 * Whether a shorter term is a proper prefix of this one ("asses" of "ass", "pissed" of "piss").
 * Such a term is an inflection the list spells out, not a stem: as a prefix it would flag
 * "assessment". Nothing is lost by skipping it: a shorter term of 5+ letters already covers it.
 */
function extendsAnother(term: string, words: ReadonlySet<string>): boolean {
	for (let n = 1; n < term.length; n++) if (words.has(term.slice(0, n))) return true;
	return false;
}

/** A compiled matcher for a set of terms (already normalised with `normalise` internally). */
export interface ProfanityMatcher {
	/** The (normalised) terms found in the text, each once, in order of first appearance. */
	matches(text: string): string[];
	flagged(text: string): boolean;
}

/**
 * Compiles terms into a matcher. Matching is O(length of the text) whatever the number of
 * single-word terms; phrases are few and checked one by one.
 *
 * - Single-word terms match whole words of the normalised text, including words spelled out with
 *   one-character pieces ("f.u.c.k", "k u r w a"), so "ass" never matches "class" or "assessment".
 * - A single-word term of 5+ letters also matches any word that starts with it, to catch inflected
 *   and compound forms: "arschloch" → "Arschlöcher", "skurwiel" → "skurwiela", "kurwa" → "kurwami",
 *   "scheiße" → "scheißegal". A term that merely extends a shorter listed term ("asses" after
 *   "ass") gets no prefix match, or "assess" and "assessment" would be flagged.
 *   Limits: shorter terms never prefix-match ("shit" does not match "shits"), and forms that
 *   replace the ending rather than extend it are missed even for long terms ("šūdas" → "šūdo",
 *   "kurwa" → "kurwy", "stronzo" → "stronzi"); list those forms as terms of their own.
 * - Multi-word terms ("fils de pute") match as a phrase on word boundaries.
 * - Letter runs are tried both collapsed to one and to two letters, so "asssss" finds "ass" and
 *   "cazzzzo" finds "cazzo" as well as "fuuuuck" finding "fuck".
 */
export function compile(terms: Iterable<string>): ProfanityMatcher {
	const words = new Set<string>();
	const prefixes = new Set<string>();
	const phrases = new Set<string>();
	for (const term of terms) {
		const t = normalise(term);
		// One- and two-letter terms (the base English list has "x") match far too much ordinary text.
		if ([...t.replace(/ /g, '')].length < 3) continue;
		if (t.includes(' ')) phrases.add(t);
		else words.add(t);
	}
	for (const t of words) {
		if ([...t].length >= PREFIX_MIN && !extendsAnother(t, words)) prefixes.add(t);
	}
	// Prefix lookups try only the lengths that exist: a bounded number of Set probes per word.
	let minPrefix = Infinity;
	let maxPrefix = 0;
	for (const p of prefixes) {
		minPrefix = Math.min(minPrefix, p.length);
		maxPrefix = Math.max(maxPrefix, p.length);
	}
	const phraseList = [...phrases];

	function scan(text: string, firstOnly: boolean): string[] {
		const found = new Set<string>();
		const once = fold(text, 1);
		const variants = new Set([once, joinSpelledOut(once)]);
		const twice = fold(text, 2);
		if (twice !== once) {
			variants.add(twice);
			variants.add(joinSpelledOut(twice));
		}
		for (const v of variants) {
			if (!v) continue;
			for (const word of v.split(' ')) {
				if (words.has(word)) found.add(word);
				else {
					const longest = Math.min(word.length, maxPrefix);
					for (let n = minPrefix; n <= longest; n++) {
						const head = word.slice(0, n);
						if (prefixes.has(head)) {
							found.add(head);
							break;
						}
					}
				}
				if (firstOnly && found.size) return [...found];
			}
			if (phraseList.length) {
				const padded = ` ${v} `;
				for (const p of phraseList) {
					if (padded.includes(` ${p} `)) found.add(p);
					if (firstOnly && found.size) return [...found];
				}
			}
		}
		return [...found];
	}

	return {
		matches: (text) => scan(text, false),
		flagged: (text) => scan(text, true).length > 0
	};
}

/**
 * Effective term list: base terms for the given languages, plus per-event additions, minus
 * per-event removals (compared after normalise).
 *
 * Edits for languages not listed are ignored, like those languages' base lists. A removal applies
 * to the whole list, not only its own language's part: matching does not know which language a
 * question is in, so "retard" removed as French must not come back through the English list.
 * Removal wins over an addition of the same term. Terms come back in their first-seen spelling.
 */
export function effectiveTerms(
	base: Record<string, readonly string[]>,
	languages: readonly string[],
	edits: { language: string; term: string; action: 'add' | 'remove' }[]
): string[] {
	const listed = new Set(languages);
	const terms = new Map<string, string>();
	const add = (term: string) => {
		const key = normalise(term);
		if (key && !terms.has(key)) terms.set(key, term);
	};
	for (const language of listed) for (const term of base[language] ?? []) add(term);
	const applicable = edits.filter((e) => listed.has(e.language));
	for (const e of applicable) if (e.action === 'add') add(e.term);
	for (const e of applicable) if (e.action === 'remove') terms.delete(normalise(e.term));
	return [...terms.values()];
}
