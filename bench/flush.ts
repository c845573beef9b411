// `npm run bench:flush`: what making PGlite's commits durable costs (WalFlusher: fdatasync of the
// WAL before each acknowledgement). The same commits on one data directory with and without the
// flush, alternating, on this machine's disk: one-row commits (the worst case) and group commits
// of 200 rows (a vote storm's shape).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { WalFlusher } from '$lib/server/db/walFlush';

const ROUNDS = 5;
const COMMITS = 200;

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

export async function run() {
	const dir = mkdtempSync(join(tmpdir(), 'plenum-flush-'));
	const pg = await PGlite.create({ dataDir: dir });
	const flusher = new WalFlusher(dir);
	try {
		await pg.exec('create table t (id serial primary key, v text)');
		const results: Record<string, number[]> = {};
		const time = async (label: string, rows: number, flush: boolean) => {
			const t0 = performance.now();
			for (let i = 0; i < COMMITS; i++) {
				await pg.transaction(async (tx) => {
					for (let r = 0; r < rows; r += 200) await tx.query(`insert into t (v) select 'x' from generate_series(1, ${Math.min(200, rows - r)})`);
				});
				if (flush) flusher.flush();
			}
			(results[label] ??= []).push((performance.now() - t0) / COMMITS);
		};
		for (let round = 0; round < ROUNDS; round++) {
			// Alternate the order so that neither always runs on a warmer cache.
			const order = round % 2 ? [true, false] : [false, true];
			for (const flush of order) {
				await time(`1 row per commit, ${flush ? 'flushed' : 'not flushed'}`, 1, flush);
				await time(`200 rows per commit, ${flush ? 'flushed' : 'not flushed'}`, 200, flush);
			}
		}
		console.log(`\n${COMMITS} commits × ${ROUNDS} rounds, ms per commit (median, range):\n`);
		console.log('| commit | not flushed | flushed | flush cost |\n|---|---|---|---|');
		for (const rows of [1, 200]) {
			const a = results[`${rows} row${rows > 1 ? 's' : ''} per commit, not flushed`];
			const b = results[`${rows} row${rows > 1 ? 's' : ''} per commit, flushed`];
			const f = (xs: number[]) => `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
			console.log(`| ${rows} row${rows > 1 ? 's' : ''} | ${f(a)} | ${f(b)} | ${(median(b) - median(a)).toFixed(2)} ms |`);
		}
	} finally {
		flusher.close();
		await pg.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
