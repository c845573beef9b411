import { describe, expect, it } from 'vitest';
import { group, key, type Entry, type NormaliseOptions } from '$lib/domain/wordcloud';
import { repairLithuanian, rulesFor, WORDCLOUD_LANGUAGES } from './languageRules';

/** The real lists and stemmers. Where a library does something surprising, the test says so. */
const rules = rulesFor(WORDCLOUD_LANGUAGES);
const PLAIN: NormaliseOptions = { foldDiacritics: false, stemming: false };
const STEM: NormaliseOptions = { foldDiacritics: false, stemming: true };
const FOLD: NormaliseOptions = { foldDiacritics: true, stemming: false };

const entries = (language: string, ...texts: string[]): Entry[] => texts.map((text) => ({ text, language }));
const summary = (es: Entry[], opts: NormaliseOptions = STEM) => group(es, rules, opts).map((g) => ({ display: g.display, count: g.count }));

describe('rulesFor', () => {
	it('has stop words for all seven languages and a stemmer for all but Polish', () => {
		for (const language of WORDCLOUD_LANGUAGES) expect(rules[language].stopwords.size, language).toBeGreaterThan(50);
		expect(Object.keys(rules).filter((l) => rules[l].stem)).toEqual(['en', 'lt', 'de', 'fr', 'es', 'it']);
		expect(rules.pl.stem).toBeUndefined();
	});

	it('caches per language and leaves unsupported languages out', () => {
		expect(rulesFor(['en']).en).toBe(rules.en);
		expect(rulesFor(['xx', 'tr', 'lt'])).toEqual({ lt: rules.lt });
		expect(key('The City', 'tr', rulesFor(['tr']), STEM)).toBe('the city');
	});

	it('repairs the Lithuanian list, which is published as Windows-1257 read as Latin-1', () => {
		expect(repairLithuanian('ið')).toBe('iš');
		expect(repairLithuanian('uþ')).toBe('už');
		expect(repairLithuanian('aukðèiau')).toBe('aukščiau');
		expect(repairLithuanian('jûsø')).toBe('jūsų');
		expect(repairLithuanian('miestas')).toBe('miestas');
		for (const word of ['iš', 'už', 'į', 'dėl', 'šis', 'tačiau', 'ir', 'kad']) expect(rules.lt.stopwords.has(word), word).toBe(true);
		for (const word of rules.lt.stopwords) expect(word).not.toMatch(/[àèæëáðøûþ]/);
	});
});

describe('EN', () => {
	it('groups "City", "cities ", "city!" into one group shown as the most frequent spelling', () => {
		const groups = group(entries('en', 'City', 'cities ', 'city!', 'city'), rules, STEM);
		expect(groups).toEqual([{ key: 'citi', display: 'city', count: 4, spellings: { City: 1, cities: 1, city: 2 } }]);
	});

	it('removes stop words', () => {
		expect(key('the city', 'en', rules, STEM)).toBe(key('city', 'en', rules, STEM));
		expect(key('The city', 'en', rules, PLAIN)).toBe('city');
		expect(key('more trees', 'en', rules, PLAIN)).toBe('trees');
	});

	it('drops entries made only of function words, but keeps the words a climate audience means', () => {
		expect(key('the', 'en', rules, PLAIN)).toBeNull();
		expect(key('of the', 'en', rules, PLAIN)).toBeNull();
		expect(key('net zero', 'en', rules, PLAIN)).toBe('net zero');
		expect(key('zero waste', 'en', rules, PLAIN)).toBe('zero waste');
		for (const word of ['home', 'world', 'free', 'fire', 'young', 'open', 'work']) expect(key(word, 'en', rules, STEM), word).not.toBeNull();
	});

	it('counts emoji as words', () => {
		expect(summary(entries('en', '🌳', '🌳!', '🚲 lanes', '🚲 lane'))).toEqual([
			{ display: '🌳', count: 2 },
			{ display: '🚲 lane', count: 2 }
		]);
	});
});

describe('LT', () => {
	it('groups miestas / miestai / miestų with stemming, and not without', () => {
		const es = entries('lt', 'miestas', 'miestai', 'miestų', 'Miestas', 'miestas');
		expect(summary(es)).toEqual([{ display: 'miestas', count: 5 }]);
		expect(summary(es, PLAIN)).toHaveLength(3);
	});

	it('removes stop words, including the ones with diacritics', () => {
		expect(key('iš miesto', 'lt', rules, PLAIN)).toBe('miesto');
		expect(key('už medžius', 'lt', rules, PLAIN)).toBe('medžius');
		expect(key('į parką', 'lt', rules, PLAIN)).toBe('parką');
		expect(key('ir', 'lt', rules, PLAIN)).toBeNull();
	});

	it('keeps diacritics apart by default and folds them on request', () => {
		expect(key('miestų', 'lt', rules, PLAIN)).toBe('miestų');
		expect(key('miestų', 'lt', rules, PLAIN)).not.toBe(key('miestu', 'lt', rules, PLAIN));
		expect(key('miestų', 'lt', rules, FOLD)).toBe(key('miestu', 'lt', rules, FOLD));
		expect(key('žalias miestas', 'lt', rules, FOLD)).toBe('zalias miestas');
		// Folding applies to the list too: "is" (typed without the caron) is then the stop word "iš".
		expect(key('is miesto', 'lt', rules, PLAIN)).toBe('is miesto');
		expect(key('is miesto', 'lt', rules, FOLD)).toBe('miesto');
	});
});

describe('DE', () => {
	it('groups Stadt / Städte and Baum / Bäume with stemming', () => {
		expect(summary(entries('de', 'Stadt', 'Städte', 'Stadt', 'Bäume', 'Baum!'))).toEqual([
			{ display: 'Stadt', count: 3 },
			{ display: 'Baum', count: 2 }
		]);
	});

	it('removes stop words after case folding', () => {
		expect(key('der Baum', 'de', rules, PLAIN)).toBe('baum');
		expect(key('Die grüne Stadt', 'de', rules, PLAIN)).toBe('grüne stadt');
	});

	it('stems umlauts away even without folding (the German stemmer does that itself)', () => {
		expect(key('grün', 'de', rules, STEM)).toBe('grun');
		expect(key('grün', 'de', rules, PLAIN)).toBe('grün');
	});
});

describe('FR', () => {
	it('groups ville / villes with stemming', () => {
		expect(summary(entries('fr', 'ville', 'villes', 'Ville', 'ville'))).toEqual([{ display: 'ville', count: 4 }]);
	});

	it('removes stop words, elided ones included', () => {
		expect(key('la ville', 'fr', rules, PLAIN)).toBe('ville');
		expect(key("l'arbre", 'fr', rules, PLAIN)).toBe('arbre');
		expect(key('L’énergie', 'fr', rules, PLAIN)).toBe('énergie');
	});

	it('keeps accents unless folding, but does not group vélo / vélos (the stemmer keeps the s)', () => {
		expect(key('Énergie', 'fr', rules, FOLD)).toBe(key('energie', 'fr', rules, FOLD));
		expect(key('vélo', 'fr', rules, STEM)).toBe('vélo');
		expect(key('vélos', 'fr', rules, STEM)).toBe('vélos');
	});
});

describe('ES', () => {
	it('groups árbol / árboles, but not ciudad / ciudades: the Snowball rules stem them differently', () => {
		expect(summary(entries('es', 'árbol', 'árboles', 'árboles'))).toEqual([{ display: 'árboles', count: 3 }]);
		// Snowball Spanish strips "-es" from "ciudades" and the verb ending "-ad" from "ciudad".
		expect(key('ciudad', 'es', rules, STEM)).toBe('ciud');
		expect(key('ciudades', 'es', rules, STEM)).toBe('ciudad');
	});

	it('removes stop words and surrounding Spanish punctuation', () => {
		expect(key('¿la ciudad?', 'es', rules, PLAIN)).toBe('ciudad');
		expect(key('¡más árboles!', 'es', rules, PLAIN)).toBe('árboles');
	});
});

describe('IT', () => {
	it('keeps "città" (a stop word in stopwords-iso, not in the function-word list used here)', () => {
		expect(rules.it.stopwords.has('città')).toBe(false);
		expect(key('città!', 'it', rules, PLAIN)).toBe('città');
		expect(key('la città verde', 'it', rules, PLAIN)).toBe('città verde');
	});

	it('groups alberi / albero with stemming', () => {
		expect(summary(entries('it', 'alberi', 'albero', 'alberi!'))).toEqual([{ display: 'alberi', count: 3 }]);
		expect(key('alberi', 'it', rules, PLAIN)).not.toBe(key('albero', 'it', rules, PLAIN));
	});

	it('removes stop words, elided ones included', () => {
		expect(key('il parco', 'it', rules, PLAIN)).toBe('parco');
		expect(key("l'albero", 'it', rules, PLAIN)).toBe('albero');
		expect(key("dell'energia", 'it', rules, PLAIN)).toBe('energia');
	});
});

describe('PL', () => {
	it('has no stemmer: drzewo / drzewa stay separate even with stemming on', () => {
		expect(summary(entries('pl', 'drzewo', 'drzewa', 'drzewa!'))).toEqual([
			{ display: 'drzewa', count: 2 },
			{ display: 'drzewo', count: 1 }
		]);
		expect(key('drzewa', 'pl', rules, STEM)).toBe('drzewa');
	});

	it('removes stop words and folds Polish letters on request', () => {
		expect(key('w mieście', 'pl', rules, PLAIN)).toBe('mieście');
		expect(key('Łąka', 'pl', rules, FOLD)).toBe('laka');
		expect(key('Łąka', 'pl', rules, PLAIN)).toBe('łąka');
	});
});

describe('mixed languages', () => {
	it('applies each entry its own language rules', () => {
		const mixed: Entry[] = [
			{ text: 'the trees', language: 'en' },
			{ text: 'tree', language: 'en' },
			{ text: 'der Baum', language: 'de' },
			{ text: 'Bäume', language: 'de' },
			{ text: 'medžiai', language: 'lt' },
			{ text: 'medis', language: 'lt' },
			{ text: '🌳', language: 'pl' },
			{ text: '🌳', language: 'fr' }
		];
		// Ties between spellings go to the smallest string: "Bäume" < "der Baum", "the trees" < "tree".
		expect(summary(mixed)).toEqual([
			{ display: 'Bäume', count: 2 },
			{ display: 'medis', count: 2 },
			{ display: 'the trees', count: 2 },
			{ display: '🌳', count: 2 }
		]);
	});
});
