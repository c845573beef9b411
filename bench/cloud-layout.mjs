// Word-cloud layout in Chromium: the real src/lib/client/cloudLayout.ts with d3-cloud, bundled by
// Vite (library mode, no SvelteKit) and run in a blank page of Debian's Chromium.
// Measures a first layout of 100 groups on the stage (1600×900), an incremental update of that
// cloud (20 counts change, 5 new words, still capped at 100) and the same on a phone (360×300);
// also how many words fit and how many kept their exact spot (stability).
// Usage: npm run bench:cloud   (REPS=40 for more runs, SHOT=1 to save screenshots to the temp dir)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { chromiumArgs, ensureChromium } from '../scripts/browser.js';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const reps = Number(process.env.REPS ?? 25);
const warmups = 3;

// 1. Bundle the module under test (and d3-cloud) into one script for the page.
const out = mkdtempSync(join(tmpdir(), 'plenum-cloud-'));
let script;
try {
	await build({
		root,
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: resolve(root, 'src/lib') } },
		build: {
			outDir: out,
			emptyOutDir: true,
			minify: true,
			reportCompressedSize: false,
			lib: { entry: resolve(root, 'src/lib/client/cloudLayout.ts'), formats: ['iife'], name: 'CloudLayout', fileName: () => 'cloud-layout.js' }
		}
	});
	script = readFileSync(join(out, 'cloud-layout.js'), 'utf8');
} finally {
	rmSync(out, { recursive: true, force: true });
}
const bundleGzip = gzipSync(script, { level: 9 }).length;

// 2. Deterministic test data: 100 groups, Zipf-like counts, words of 2–16 characters, some
// phrases, diacritics and an emoji, as a conference audience types them.
function prng(seed) {
	return () => {
		seed = (seed + 0x6d2b79f5) >>> 0;
		let t = seed;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const syllables = ['ka', 'mi', 'es', 'tas', 'lo', 'ver', 'an', 'tri', 'do', 'sun', 'bi', 'ke', 'ra', 'ty', 'on', 'ža', 'lių', 'ąs', 'gre', 'en'];
function makeWord(rand) {
	const word = () => Array.from({ length: 1 + Math.floor(rand() * 5) }, () => syllables[Math.floor(rand() * syllables.length)]).join('');
	const r = rand();
	return r < 0.12 ? `${word()} ${word()}` : r < 0.14 ? '🚲' : word();
}
function initialGroups(seed) {
	const rand = prng(seed);
	const seen = new Set();
	const groups = [];
	while (groups.length < 100) {
		const display = makeWord(rand);
		if (seen.has(display)) continue;
		seen.add(display);
		groups.push({ key: display.toLowerCase(), display, count: 0 });
	}
	groups.forEach((g, i) => (g.count = Math.max(1, Math.round(180 / (i + 1) ** 0.85 + rand() * 3))));
	return sortCap(groups);
}
function sortCap(groups) {
	return groups.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)).slice(0, 100);
}
/** The next tally: 20 counts go up, 5 new words arrive, the list stays capped at 100. */
function update(groups, seed) {
	const rand = prng(seed);
	const next = groups.map((g) => ({ ...g }));
	const picked = new Set();
	while (picked.size < 20) picked.add(Math.floor(rand() * next.length));
	for (const i of picked) next[i].count += 1 + Math.floor(rand() * 25);
	const keys = new Set(next.map((g) => g.key));
	let added = 0;
	while (added < 5) {
		const display = makeWord(rand);
		if (keys.has(display.toLowerCase())) continue;
		keys.add(display.toLowerCase());
		next.push({ key: display.toLowerCase(), display, count: 3 + Math.floor(rand() * 30) });
		added++;
	}
	return sortCap(next);
}

const first = initialGroups(42);
const updates = Array.from({ length: warmups + reps }, (_, i) => update(first, 1000 + i));

// 3. Run in Chromium.
const browser = await chromium.launch({
	executablePath: ensureChromium(),
	args: chromiumArgs
});
let results;
try {
	const page = await browser.newPage({ viewport: { width: 1700, height: 1000 } });
	await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0"></body>');
	await page.addScriptTag({ content: script });
	results = await page.evaluate(
		({ first, updates, warmups }) => {
			const { StableCloud } = window.CloudLayout;
			const stats = (xs) => {
				const s = [...xs].sort((a, b) => a - b);
				const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
				return { median: at(0.5), p95: at(0.95), min: s[0], max: s.at(-1) };
			};
			function scenario(width, height, variant) {
				const full = [];
				const incremental = [];
				const placedFirst = [];
				const placedUpdate = [];
				const kept = [];
				const moved = [];
				let resorted = 0;
				updates.forEach((next, i) => {
					const cloud = new StableCloud(width, height, variant);
					let t = performance.now();
					const before = cloud.layout(first);
					const tFull = performance.now() - t;
					t = performance.now();
					const after = cloud.layout(next);
					const tInc = performance.now() - t;
					if (i < warmups) return;
					if (cloud.lastOrder !== 'stable') resorted++;
					full.push(tFull);
					incremental.push(tInc);
					placedFirst.push(before.length);
					placedUpdate.push(after.length);
					// Stability: of the words placed before that are still among the 100, how many kept their exact spot.
					const nextKeys = new Set(next.map((w) => w.key));
					const now = new Map(after.map((p) => [p.key, p]));
					const candidates = before.filter((p) => nextKeys.has(p.key));
					const same = candidates.filter((p) => now.get(p.key)?.x === p.x && now.get(p.key)?.y === p.y).length;
					kept.push(same / candidates.length);
					for (const p of candidates) {
						const q = now.get(p.key);
						if (q && (q.x !== p.x || q.y !== p.y)) moved.push(Math.hypot(q.x - p.x, q.y - p.y));
					}
				});
				return {
					width,
					height,
					variant,
					resorted,
					full: stats(full),
					incremental: stats(incremental),
					placedFirst: stats(placedFirst),
					placedUpdate: stats(placedUpdate),
					kept: stats(kept),
					movedPx: stats(moved)
				};
			}
			return [scenario(1600, 900, 'stage'), scenario(360, 300, 'phone')];
		},
		{ first, updates, warmups }
	);
	if (process.env.SHOT) {
		for (const [w, h, variant, bg] of [
			[1600, 900, 'stage', '#101418'],
			[360, 300, 'phone', '#ffffff']
		]) {
			await page.evaluate(
				({ first, next, w, h, variant, bg }) => {
					const cloud = new window.CloudLayout.StableCloud(w, h, variant);
					cloud.layout(first);
					const placed = cloud.layout(next);
					const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
					document.body.innerHTML = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${-w / 2} ${-h / 2} ${w} ${h}" style="background:${bg}"><g font-family="system-ui, sans-serif" font-weight="700">${placed
						.map((p) => `<text font-size="${p.size}" text-anchor="middle" transform="translate(${p.x},${p.y})" fill="${p.colour}">${esc(p.display)}</text>`)
						.join('')}</g></svg>`;
				},
				{ first, next: updates.at(-1), w, h, variant, bg }
			);
			const file = join(tmpdir(), `cloud-layout-${variant}.png`);
			await page.locator('svg').screenshot({ path: file });
			console.log(`screenshot: ${file}`);
		}
	}
} finally {
	await browser.close();
}

// 4. Report.
const ms = (v) => `${v.toFixed(1)} ms`;
const rows = [];
for (const r of results) {
	const box = `${r.width}×${r.height} ${r.variant}`;
	rows.push([`${box}: first layout, 100 words`, ms(r.full.median), ms(r.full.p95), `${r.placedFirst.median}/100`, '', '', '']);
	rows.push([
		`${box}: update (20 counts, 5 new)`,
		ms(r.incremental.median),
		ms(r.incremental.p95),
		`${r.placedUpdate.median}/100`,
		`${(r.kept.median * 100).toFixed(0)} % (min ${(r.kept.min * 100).toFixed(0)} %)`,
		`${Math.round(r.movedPx.median)} px (p95 ${Math.round(r.movedPx.p95)} px)`,
		`${r.resorted}/${reps}`
	]);
}
const head = ['scenario', 'median', 'p95', 'placed', 'kept exact spot', 'moved words: median distance', 'relaid in size order'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`Chromium ${browser.version()}, ${reps} runs each after ${warmups} warm-ups; layout bundle (cloudLayout + d3-cloud) ${(bundleGzip / 1024).toFixed(1)} KB gzip`);
console.log(line(head));
for (const r of rows) console.log(line(r));
const stage = results[0];
const target = 100;
console.log(`target: stage update p95 < ${target} ms — ${stage.incremental.p95 < target ? 'met' : 'NOT met'}`);

const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `cloud-layout-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), chromium: browser.version(), reps, warmups, bundleGzipBytes: bundleGzip, results }, null, '\t') + '\n');
console.log(`written: ${file}`);
