import { createRequire, syncBuiltinESMExports } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPglite } from '../../src/lib/server/db/pglite';
import { WriteQueue } from '../../src/lib/server/db/writeQueue';

/**
 * D3: on the embedded database, every acknowledged commit has reached the disk. The file-system
 * calls are recorded in this process (PGlite's Emscripten file system and our flusher both go
 * through Node's `fs`), the equivalent of `strace -e pwrite64,fdatasync,fsync`: after the last
 * write to the WAL of a commit comes an fdatasync of that file, and only then the acknowledgement.
 */

type Event = { op: 'write' | 'sync' | 'ack'; path?: string; n?: number };
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const original = { openSync: fs.openSync, closeSync: fs.closeSync, writeSync: fs.writeSync, fdatasyncSync: fs.fdatasyncSync, fsyncSync: fs.fsyncSync };
const paths = new Map<number, string>();
const events: Event[] = [];
let recording = false;
const dir = mkdtempSync(join(tmpdir(), 'plenum-durable-'));

beforeAll(() => {
	const f = fs as unknown as Record<string, unknown>;
	f.openSync = (...args: Parameters<typeof fs.openSync>) => {
		const fd = original.openSync(...args);
		paths.set(fd, String(args[0]));
		return fd;
	};
	f.closeSync = (fd: number) => {
		paths.delete(fd);
		return original.closeSync(fd);
	};
	f.writeSync = (fd: number, ...rest: unknown[]) => {
		if (recording) events.push({ op: 'write', path: paths.get(fd) });
		return (original.writeSync as (...a: unknown[]) => number)(fd, ...rest);
	};
	for (const name of ['fdatasyncSync', 'fsyncSync'] as const) {
		f[name] = (fd: number) => {
			if (recording) events.push({ op: 'sync', path: paths.get(fd) });
			return original[name](fd);
		};
	}
	syncBuiltinESMExports(); // named imports of node:fs see the recording versions too
});

afterAll(() => {
	Object.assign(fs, original);
	syncBuiltinESMExports();
	rmSync(dir, { recursive: true, force: true });
});

const isWal = (p: string | undefined) => !!p && /[\\/]pg_wal[\\/][0-9A-F]{24}$/.test(p);

/** Every ack is preceded by a sync of each WAL file written since the previous ack. */
function unsyncedAtAck(log: Event[]): string[] {
	const problems: string[] = [];
	let dirty = new Set<string>();
	for (const e of log) {
		if (e.op === 'write' && isWal(e.path)) dirty.add(e.path!);
		else if (e.op === 'sync' && e.path) dirty.delete(e.path);
		else if (e.op === 'ack') {
			if (dirty.size > 0) problems.push(`ack ${e.n} with unflushed ${[...dirty].join(', ')}`);
			dirty = new Set();
		}
	}
	return problems;
}

it('D3 PGlite on disk: every commit is flushed (fdatasync of its WAL) before it is acknowledged, through the write queue and autocommit', async () => {
	const db = await openPglite({ dataDir: join(dir, 'data') });
	try {
		await db.exec('create table t (id int primary key, v text)');
		const queue = new WriteQueue(db);
		recording = true;
		// Group commits: 20 rounds of 10 jobs arriving together.
		for (let round = 0; round < 20; round++) {
			await Promise.all(
				Array.from({ length: 10 }, (_, i) =>
					queue.run((tx) => tx.query('insert into t values ($1, $2)', [round * 10 + i, 'x'])).then(() => events.push({ op: 'ack', n: round * 10 + i }))
				)
			);
		}
		// Autocommit statements outside the queue.
		for (let i = 0; i < 20; i++) {
			await db.query('update t set v = $1 where id = $2', ['y', i]);
			events.push({ op: 'ack', n: 1000 + i });
		}
		recording = false;
		const walWrites = events.filter((e) => e.op === 'write' && isWal(e.path)).length;
		const walSyncs = events.filter((e) => e.op === 'sync' && isWal(e.path)).length;
		expect(events.filter((e) => e.op === 'ack')).toHaveLength(220);
		expect(walWrites).toBeGreaterThanOrEqual(40); // every commit wrote its WAL…
		expect(walSyncs).toBeGreaterThanOrEqual(40); // …and flushed it: at least once per commit
		expect(unsyncedAtAck(events)).toEqual([]);
		expect((await db.query<{ n: number }>('select count(*)::int as n from t'))[0].n).toBe(200);
	} finally {
		recording = false;
		await db.close();
	}
});

it('D3 the check itself fails when a commit is acknowledged before its flush', () => {
	const log: Event[] = [
		{ op: 'write', path: '/d/pg_wal/000000010000000000000001' },
		{ op: 'ack', n: 1 },
		{ op: 'write', path: '/d/pg_wal/000000010000000000000001' },
		{ op: 'sync', path: '/d/pg_wal/000000010000000000000001' },
		{ op: 'ack', n: 2 }
	];
	expect(unsyncedAtAck(log)).toEqual(['ack 1 with unflushed /d/pg_wal/000000010000000000000001']);
});
