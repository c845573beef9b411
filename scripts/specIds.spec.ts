import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * SPEC.md's rule ids are what test names cite: each id is defined once there, and each id a test
 * cites is defined. A rule line starts `- **T9**` (or a range, `- **W10–W13**`); a test cites a rule
 * by starting its name with the id (or a range, `R1-R3 …`).
 */

const root = join(import.meta.dirname, '..');
const idPattern = /^([A-Z]{1,3})(\d+)$/;

/** `W10–W13` → W10, W11, W12, W13; `T9` → T9. */
function expand(from: string, to?: string): string[] {
	if (!to) return [from];
	const [, prefix, first] = idPattern.exec(from)!;
	const [, prefixTo, last] = idPattern.exec(to)!;
	if (prefix !== prefixTo || Number(last) < Number(first)) throw new Error(`not a range: ${from}–${to}`);
	return Array.from({ length: Number(last) - Number(first) + 1 }, (_, i) => `${prefix}${Number(first) + i}`);
}

/** Every rule id SPEC.md defines, once per definition (so duplicates show). */
function definedIds(spec: string): string[] {
	const ids: string[] = [];
	for (const m of spec.matchAll(/^- \*\*([A-Z]{1,3}\d+)(?:[–-]([A-Z]{1,3}\d+))?\*\*/gm)) ids.push(...expand(m[1], m[2]));
	return ids;
}

/** The rule ids test names in `source` start with. */
function citedIds(source: string): string[] {
	const ids: string[] = [];
	const title = /\b(?:it|test|describe)(?:\.each\([^)]*\))?(?:\.(?:skip|only|todo|concurrent))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
	for (const m of source.matchAll(title)) {
		const cited = /^([A-Z]{1,3}\d+)(?:[–-]([A-Z]{1,3}\d+))?\b/.exec(m[2]);
		if (cited) ids.push(...expand(cited[1], cited[2]));
	}
	return ids;
}

function testFiles(dir: string): string[] {
	return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && /\.(spec|e2e)\.[jt]s$/.test(e.name) && !e.parentPath.includes('node_modules'))
		.map((e) => join(e.parentPath, e.name));
}

/** SPEC.md, and each activity module's own SPEC.md beside its code (src/lib/activities/<kind>/SPEC.md). */
function specFiles(): string[] {
	const modules = readdirSync(join(root, 'src/lib/activities'), { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => join(root, 'src/lib/activities', e.name, 'SPEC.md'))
		.filter((f) => existsSync(f));
	return [join(root, 'SPEC.md'), ...modules];
}

describe('SPEC.md rule ids', () => {
	const defined = specFiles().flatMap((f) => definedIds(readFileSync(f, 'utf8')));
	const cited = new Map<string, string[]>(); // id → files citing it
	for (const file of ['src', 'tests', 'bench', 'scripts'].flatMap(testFiles)) {
		for (const id of citedIds(readFileSync(file, 'utf8'))) cited.set(id, [...(cited.get(id) ?? []), file.slice(root.length + 1)]);
	}

	it('the parsers read ranges, and titles in every quoting style', () => {
		expect(definedIds('- **T9** one\n- **W10–W12** (end to end) two\n  - **X1** not a rule line')).toEqual(['T9', 'W10', 'W11', 'W12']);
		expect(citedIds(`it('R1-R3 a', …); test(\n\t"Q5 b", …); it.each(rows)(\`V3 %s\`, …); it('no id'); it('ALLCAPS words')`)).toEqual(['R1', 'R2', 'R3', 'Q5', 'V3']);
	});

	it('every rule id is defined once in SPEC.md', () => {
		expect(defined.length).toBeGreaterThan(50);
		const twice = defined.filter((id, i) => defined.indexOf(id) !== i);
		expect(twice).toEqual([]);
	});

	it('every rule id a test name cites is defined in SPEC.md', () => {
		expect(cited.size).toBeGreaterThan(50);
		const missing = [...cited].filter(([id]) => !defined.includes(id)).map(([id, files]) => `${id} (${files.join(', ')})`);
		expect(missing).toEqual([]);
	});
});
