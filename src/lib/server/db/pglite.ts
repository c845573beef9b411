import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, Queryable } from './driver';
import { acquireDataDirLock } from './dataDirLock';

type Conn = Pick<PGlite, 'query' | 'exec'>;

function queryable(conn: Conn): Queryable {
	const self: Queryable = {
		async query<T>(sql: string, params: unknown[] = []) {
			const res = await conn.query<T>(sql, params);
			return res.rows;
		},
		async exec(sql: string) {
			await conn.exec(sql);
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
		return wrap(pg, release);
	} catch (e) {
		release();
		throw e;
	}
}

export function wrap(pg: PGlite, release: () => void = () => {}): Db & { pglite: PGlite } {
	return {
		kind: 'pglite',
		pglite: pg,
		...queryable(pg),
		transaction(fn) {
			return pg.transaction((tx) => fn(queryable(tx)));
		},
		async close() {
			try {
				await pg.close();
			} finally {
				release();
			}
		}
	};
}
