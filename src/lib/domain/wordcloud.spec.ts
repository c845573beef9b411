import { describe, expect, it } from 'vitest';
import { clean, group, key, wordCount, type Entry, type LanguageRules, type NormaliseOptions } from './wordcloud';

/**
 * Small, explicit rules: the tests say what normalisation does, not what a downloaded list or a
 * real stemmer contains (languageRules.spec.ts covers those). The fixture stemmer strips a plural
 * "s" and maps "cities" → "city", so stemming is visible and predictable.
 */
const fixtureStem = (w: string) => (w === 'cities' ? 'city' : w.endsWith('s') && w.length > 3 ? w.slice(0, -1) : w);
const RULES: Record<string, LanguageRules> = {
	en: { stopwords: new Set(['the', 'a', 'of', 'and', 'more', "don't"]), stem: fixtureStem },
	fr: { stopwords: new Set(['la', 'le', 'l', 'de', 'd', 'des']), stem: (w) => w.replace(/s$/, '') },
	lt: { stopwords: new Set(['ir', 'iš', 'į']), stem: (w) => w.replace(/(as|ai|ų|u)$/, '') },
	pl: { stopwords: new Set(['w', 'i']) }
};
const PLAIN: NormaliseOptions = { foldDiacritics: false, stemming: false };
const STEM: NormaliseOptions = { foldDiacritics: false, stemming: true };
const FOLD: NormaliseOptions = { foldDiacritics: true, stemming: false };
const ALL_OPTS = [PLAIN, STEM, FOLD, { foldDiacritics: true, stemming: true }];

/** Mulberry32: a tiny deterministic PRNG, so property tests are reproducible without a library. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
function shuffle<T>(rand: () => number, xs: readonly T[]): T[] {
	const out = [...xs];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

const WORDS = [
	'city',
	'City',
	'cities',
	'CITY',
	'tree',
	'trees',
	'the',
	'more',
	'e-bike',
	'CO₂',
	'miestas',
	'miestai',
	'miestų',
	'Miestu',
	'ville',
	'villes',
	"l'arbre",
	'drzewo',
	'café',
	'cafe\u0301',
	'🌳',
	'🚲',
	'❤️',
	'2030',
	'und',
	'ÉNERGIE'
];
const WRAPS = [
	(w: string) => w,
	(w: string) => ` ${w} `,
	(w: string) => `${w}!`,
	(w: string) => `"${w}"`,
	(w: string) => `¿${w}?`,
	(w: string) => `\t${w}\n`,
	(w: string) => `«${w}»`,
	(w: string) => `${w}\u200B`
];
const LANGUAGES = ['en', 'fr', 'lt', 'pl', 'xx'];

function randomEntry(rand: () => number): Entry {
	const n = 1 + Math.floor(rand() * 3);
	const words = Array.from({ length: n }, () => pick(rand, WORDS));
	const joined = words.join(pick(rand, [' ', '  ', ' \u00A0', '\t']));
	return { text: pick(rand, WRAPS)(joined), language: pick(rand, LANGUAGES) };
}

describe('clean', () => {
	it('trims and collapses whitespace of any kind', () => {
		expect(clean('  green \t  city\n')).toBe('green city');
		expect(clean('green\u00A0\u00A0city')).toBe('green city');
		expect(clean('   ')).toBe('');
	});

	it('composes to NFC, so a decomposed é equals a precomposed one', () => {
		const nfd = 'cafe\u0301';
		expect(nfd).not.toBe('café');
		expect(clean(nfd)).toBe('café');
		expect(clean('café')).toBe('café');
	});

	it('strips punctuation around the entry but not inside it', () => {
		expect(clean('city!')).toBe('city');
		expect(clean('¿ciudad?')).toBe('ciudad');
		expect(clean('"trees"')).toBe('trees');
		expect(clean('“arbres”')).toBe('arbres');
		expect(clean('« vélo »')).toBe('vélo');
		expect(clean("'parks'")).toBe('parks');
		expect(clean('(city)...')).toBe('city');
		expect(clean('e-bike')).toBe('e-bike');
		expect(clean('CO₂!')).toBe('CO₂');
		expect(clean('green, city!')).toBe('green, city');
		expect(clean('!!!')).toBe('');
	});

	it('keeps case, emoji and symbols', () => {
		expect(clean('City')).toBe('City');
		expect(clean(' 🌳 ')).toBe('🌳');
		expect(clean('🚲 lanes!')).toBe('🚲 lanes');
		expect(clean('+2°C')).toBe('+2°C');
	});

	it('drops invisible characters', () => {
		expect(clean('ci\u00ADty\u200B')).toBe('city');
		expect(clean('\uFEFFcity')).toBe('city');
	});
});

describe('wordCount', () => {
	it('counts words of the cleaned entry, emoji included', () => {
		expect(wordCount('  green   city! ')).toBe(2);
		expect(wordCount('🌳')).toBe(1);
		expect(wordCount('🚲 lanes')).toBe(2);
		expect(wordCount('more 🌳 please')).toBe(3);
		expect(wordCount('e-bike')).toBe(1);
	});

	it('does not count lone punctuation or empty input', () => {
		expect(wordCount('green - city')).toBe(2);
		expect(wordCount('')).toBe(0);
		expect(wordCount(' ?! ')).toBe(0);
	});
});

describe('key', () => {
	it('case-folds and cleans', () => {
		expect(key('City', 'en', RULES, PLAIN)).toBe('city');
		expect(key(' city! ', 'en', RULES, PLAIN)).toBe('city');
		expect(key('GREEN  City', 'en', RULES, PLAIN)).toBe('green city');
		expect(key('green, city', 'en', RULES, PLAIN)).toBe('green city');
	});

	it('removes stop words, after case folding', () => {
		expect(key('The City', 'en', RULES, PLAIN)).toBe('city');
		expect(key('more trees', 'en', RULES, PLAIN)).toBe('trees');
		expect(key('La ville', 'fr', RULES, PLAIN)).toBe('ville');
	});

	it('yields null for an entry made only of stop words, or of nothing', () => {
		expect(key('the', 'en', RULES, PLAIN)).toBeNull();
		expect(key('THE  A!', 'en', RULES, PLAIN)).toBeNull();
		expect(key('Don’t', 'en', RULES, PLAIN)).toBeNull();
		expect(key('', 'en', RULES, PLAIN)).toBeNull();
		expect(key(' ... ', 'en', RULES, PLAIN)).toBeNull();
	});

	it('drops an elided stop word in front of a word', () => {
		expect(key("l'arbre", 'fr', RULES, PLAIN)).toBe('arbre');
		expect(key('L’arbre', 'fr', RULES, PLAIN)).toBe('arbre');
		expect(key("d'l'arbre", 'fr', RULES, PLAIN)).toBe('arbre');
		expect(key("l'de", 'fr', RULES, PLAIN)).toBeNull();
		expect(key("aujourd'hui", 'fr', RULES, PLAIN)).toBe("aujourd'hui");
	});

	it('stems each remaining word only when stemming is on', () => {
		expect(key('cities', 'en', RULES, PLAIN)).toBe('cities');
		expect(key('Cities', 'en', RULES, STEM)).toBe('city');
		expect(key('the green cities', 'en', RULES, STEM)).toBe('green city');
		expect(key('e-bikes', 'en', RULES, STEM)).toBe('e-bike');
	});

	it('treats emoji and symbols as words that are never stemmed or folded', () => {
		expect(key('🌳', 'en', RULES, STEM)).toBe('🌳');
		expect(key('🚲 lanes', 'en', RULES, STEM)).toBe('🚲 lane');
		expect(key('❤️', 'en', RULES, { foldDiacritics: true, stemming: true })).toBe('❤️');
		expect(key('1️⃣', 'en', RULES, FOLD)).toBe('1️⃣');
		expect(key('the 🌳', 'en', RULES, PLAIN)).toBe('🌳');
		expect(key('2030', 'en', RULES, STEM)).toBe('2030');
	});

	it('keeps diacritics by default and folds them on request', () => {
		expect(key('miestų', 'lt', RULES, PLAIN)).toBe('miestų');
		expect(key('miestų', 'lt', RULES, PLAIN)).not.toBe(key('miestu', 'lt', RULES, PLAIN));
		expect(key('miestų', 'lt', RULES, FOLD)).toBe('miestu');
		expect(key('Énergie', 'fr', RULES, FOLD)).toBe('energie');
		expect(key('łąka', 'pl', RULES, FOLD)).toBe('laka');
		expect(key('Straße', 'de', RULES, FOLD)).toBe('straße');
	});

	it('compares stop words after diacritics folding, against a folded list', () => {
		expect(key('iš miesto', 'lt', RULES, PLAIN)).toBe('miesto');
		expect(key('is miesto', 'lt', RULES, PLAIN)).toBe('is miesto');
		expect(key('is miesto', 'lt', RULES, FOLD)).toBe('miesto');
		expect(key('Į', 'lt', RULES, FOLD)).toBeNull();
	});

	it('stems the unfolded word and folds the stem', () => {
		const accentStem: Record<string, LanguageRules> = { fr: { stopwords: new Set(), stem: (w) => w.replace(/ées$/, '') } };
		expect(key('Idées', 'fr', accentStem, { foldDiacritics: true, stemming: true })).toBe('id');
	});

	it('uses the language for case folding and falls back for unknown languages', () => {
		expect(key('The City', 'xx', RULES, STEM)).toBe('the city');
		expect(key('The City', 'en-GB', RULES, STEM)).toBe('city');
		expect(key('The City', 'not a tag!', RULES, PLAIN)).toBe('the city');
		expect(key('constructor', 'constructor', RULES, STEM)).toBe('constructor');
		expect(key('W MIEŚCIE', 'pl', RULES, STEM)).toBe('mieście');
	});
});

describe('group', () => {
	it('groups variants and shows the most frequent spelling', () => {
		const entries: Entry[] = ['City', 'cities ', 'city!', 'city', 'trees', 'Trees'].map((text) => ({ text, language: 'en' }));
		expect(group(entries, RULES, STEM)).toEqual([
			{ key: 'city', display: 'city', count: 4, spellings: { City: 1, cities: 1, city: 2 } },
			{ key: 'tree', display: 'Trees', count: 2, spellings: { Trees: 1, trees: 1 } }
		]);
	});

	it('breaks display ties by the smallest spelling, and count ties by key', () => {
		const entries: Entry[] = ['villes', 'Ville', 'arbre', 'arbres'].map((text) => ({ text, language: 'fr' }));
		expect(group(entries, RULES, STEM).map((g) => [g.key, g.display, g.count])).toEqual([
			['arbre', 'arbre', 2],
			['ville', 'Ville', 2]
		]);
	});

	it('leaves out entries that have no key and groups across languages by key', () => {
		const entries: Entry[] = [
			{ text: 'the', language: 'en' },
			{ text: '🌳', language: 'en' },
			{ text: '🌳!', language: 'lt' },
			{ text: 'la', language: 'fr' }
		];
		expect(group(entries, RULES, PLAIN)).toEqual([{ key: '🌳', display: '🌳', count: 2, spellings: { '🌳': 2 } }]);
	});

	it('keys the same spelling by each entry’s own language', () => {
		const entries: Entry[] = [
			{ text: 'La ville', language: 'fr' },
			{ text: 'La ville', language: 'en' },
			{ text: 'la ville!', language: 'fr' }
		];
		expect(group(entries, RULES, PLAIN).map((g) => [g.key, g.count])).toEqual([
			['ville', 2],
			['la ville', 1]
		]);
	});

	it('returns nothing for no entries', () => {
		expect(group([], RULES, STEM)).toEqual([]);
	});
});

describe('properties', () => {
	const rand = prng(20_240_604);
	const samples = Array.from({ length: 400 }, () => randomEntry(rand));

	it('clean is idempotent', () => {
		for (const { text } of samples) expect(clean(clean(text))).toBe(clean(text));
	});

	it('key is idempotent without stemming, with and without folding', () => {
		for (const opts of [PLAIN, FOLD]) {
			for (const { text, language } of samples) {
				const k = key(text, language, RULES, opts);
				if (k !== null) expect(key(k, language, RULES, opts)).toBe(k);
				else expect(k).toBeNull();
			}
		}
	});

	it('key does not depend on surrounding punctuation, whitespace or Unicode form', () => {
		for (const { text, language } of samples) {
			const k = key(text, language, RULES, STEM);
			expect(key(`  ¡${text.normalize('NFD')}!! `, language, RULES, STEM)).toBe(k);
		}
	});

	it('wordCount never exceeds the number of space-separated parts of clean()', () => {
		for (const { text } of samples) expect(wordCount(text)).toBeLessThanOrEqual(clean(text).split(' ').length);
	});

	it('group does not depend on the order of entries', () => {
		for (const opts of ALL_OPTS) {
			const expected = group(samples, RULES, opts);
			for (let i = 0; i < 20; i++) expect(group(shuffle(rand, samples), RULES, opts)).toEqual(expected);
		}
	});

	it('group counts add up to the number of entries with a key', () => {
		for (const opts of ALL_OPTS) {
			const groups = group(samples, RULES, opts);
			const keyed = samples.filter((e) => key(e.text, e.language, RULES, opts) !== null).length;
			expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(keyed);
			for (const g of groups) expect(Object.values(g.spellings).reduce((a, b) => a + b, 0)).toBe(g.count);
			expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
		}
	});

	it('group is sorted by count, then key, and displays one of its spellings', () => {
		const groups = group(samples, RULES, STEM);
		expect(groups.length).toBeGreaterThan(5);
		for (let i = 1; i < groups.length; i++) {
			const [a, b] = [groups[i - 1], groups[i]];
			expect(a.count > b.count || (a.count === b.count && a.key < b.key)).toBe(true);
		}
		for (const g of groups) expect(g.spellings[g.display]).toBe(Math.max(...Object.values(g.spellings)));
	});
});
