// Word-cloud normalisation benchmark, 10,000 synthetic entries in the seven conference languages,
// stemming on, real stop-word lists and stemmers. Two figures: key() for every entry (each one
// normalised from scratch), and group() (what the app calls; it reuses the key of a repeated
// spelling, so it is faster on the repetitive input real clouds get).
// Usage: node bench/run-ts.mjs bench/normalise.ts
import { group, key, type Entry, type NormaliseOptions } from '$lib/domain/wordcloud';
import { rulesFor, WORDCLOUD_LANGUAGES } from '$lib/server/wordcloud/languageRules';

const ENTRIES = 10_000;
const RUNS = 5;

/** Small pools with the variants people type: plurals, case, accents, stop words. */
const POOLS: Record<string, string[]> = {
	en: ['city', 'cities', 'City', 'tree', 'trees', 'green', 'the park', 'bike lanes', 'e-bike', 'CO₂', 'solar', 'heat', 'community', 'the future'],
	lt: ['miestas', 'miestai', 'miestų', 'medis', 'medžiai', 'žalias', 'dviratis', 'dviračiai', 'iš miesto', 'saulė', 'bendruomenė'],
	de: ['Stadt', 'Städte', 'Baum', 'Bäume', 'grün', 'Fahrrad', 'Fahrräder', 'der Park', 'Hitze', 'Gemeinschaft'],
	fr: ['ville', 'villes', 'arbre', 'arbres', "l'arbre", 'vert', 'vélo', 'vélos', 'énergie', 'la chaleur'],
	es: ['ciudad', 'ciudades', 'árbol', 'árboles', 'verde', 'bici', 'la energía', 'calor', 'comunidad'],
	it: ['città', 'alberi', 'albero', 'verde', 'bici', 'il parco', 'parchi', "l'energia", 'caldo'],
	pl: ['miasto', 'drzewo', 'drzewa', 'zielony', 'rower', 'rowery', 'w parku', 'energia', 'upał']
};
const EMOJI = ['🌳', '🚲', '☀️', '🌍', '♻️'];
const WRAPS = [(w: string) => w, (w: string) => w, (w: string) => ` ${w} `, (w: string) => `${w}!`, (w: string) => `"${w}"`, (w: string) => `¿${w}?`];

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

function entries(n: number): Entry[] {
	const rand = prng(42);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
	return Array.from({ length: n }, () => {
		const language = pick(WORDCLOUD_LANGUAGES);
		const words: string[] = [];
		for (let i = 0, count = 1 + Math.floor(rand() * 3); i < count && words.join(' ').split(' ').length < 3; i++) {
			words.push(rand() < 0.1 ? pick(EMOJI) : pick(POOLS[language]));
		}
		return { text: pick(WRAPS)(words.join(' ')), language };
	});
}

function measure(label: string, work: () => void): void {
	work(); // warm-up: loads the lists, builds the stop-word sets, lets the JIT settle
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		work();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)];
	const perSecond = Math.round(ENTRIES / (median / 1000)).toLocaleString('en');
	console.log(`  ${label}: median ${median.toFixed(1)} ms, best ${times[0].toFixed(1)} ms, ${perSecond} entries/s (median)`);
	console.log(`    runs: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
}

export async function run(): Promise<void> {
	const data = entries(ENTRIES);
	const rules = rulesFor(WORDCLOUD_LANGUAGES);
	const opts: NormaliseOptions = { foldDiacritics: false, stemming: true };
	const groups = group(data, rules, opts).length;
	const distinct = new Set(data.map((e) => `${e.language} ${e.text}`)).size;
	console.log(`${ENTRIES.toLocaleString('en')} entries (${distinct} distinct, 7 languages, stemming on) → ${groups} groups; ${RUNS} runs after 1 warm-up, node ${process.version}`);
	measure('key() per entry', () => {
		for (const e of data) key(e.text, e.language, rules, opts);
	});
	measure('group()        ', () => {
		group(data, rules, opts);
	});
}
