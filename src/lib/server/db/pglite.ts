import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, Queryable } from './driver';
import { acquireDataDirLock } from './dataDirLock';
import { WalFlusher } from './walFlush';

type Conn = Pick<PGlite, 'query' | 'exec'>;

/** A statement that only reads: nothing to flush after it. */
const READ_ONLY = /^\s*select\b/i;

/** `flush` runs after each statement outside a transaction (autocommit) that may write: see WalFlusher. */
function queryable(conn: Conn, flush: () => void = () => {}): Queryable {
	const self: Queryable = {
		async query<T>(sql: string, params: unknown[] = []) {
			const res = await conn.query<T>(sql, params);
			if (!READ_ONLY.test(sql)) flush();
			return res.rows;
		},
		async exec(sql: string) {
			await conn.exec(sql);
			flush();
		},
		async savepoint(fn) {
			await conn.query('savepoint job');
			try {
				const value = await fn(self);
				await conn.query('release savepoint job');
				return value;
			} catch (e) {
				await conn.query('rollback to savepoint job');
				throw e;
			}
		}
	};
	return self;
}

/** Extensions our migrations use; PGlite loads them from its own package. */
export const extensions = { pg_trgm };

/** Embedded Postgres. `dataDir` undefined means in memory (tests). */
export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<Db> {
	const release = opts.dataDir ? acquireDataDirLock(opts.dataDir) : () => {};
	try {
		const pg = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir, extensions });
		try {
			return wrap(pg, release, opts.dataDir ? new WalFlusher(opts.dataDir) : null);
		} catch (e) {
			await pg.close();
			throw e;
		}
	} catch (e) {
		release();
		throw e;
	}
}

/**
 * A PGlite database as our driver. With a data directory, every commit reaches the disk before
 * its promise resolves (`flusher`), so an acknowledgement survives a power cut, not only a crash.
 */
export function wrap(pg: PGlite, release: () => void = () => {}, flusher: WalFlusher | null = null): Db & { pglite: PGlite } {
	const flush = () => void flusher?.flush();
	return {
		kind: 'pglite',
		pglite: pg,
		...queryable(pg, flush),
		async transaction(fn) {
			const value = await pg.transaction((tx) => fn(queryable(tx)));
			flush();
			return value;
		},
		async close() {
			try {
				await pg.close();
				flush(); // the shutdown checkpoint
			} finally {
				flusher?.close();
				release();
			}
		}
	};
}
