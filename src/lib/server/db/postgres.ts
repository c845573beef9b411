import postgres from 'postgres';
import type { Db, Queryable } from './driver';

/** PostgreSQL (self-hosted or Supabase) through postgres.js. */
export function openPostgres(url: string, opts: { max?: number } = {}): Db {
	const sql = postgres(url, {
		max: opts.max ?? 10,
		onnotice: () => {},
		// postgres.js returns int8 as string; PGlite returns number. Normalise here, once.
		types: {
			bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) }
		}
	});
	const queryable = (conn: postgres.Sql | postgres.TransactionSql): Queryable => ({
		async query<T>(text: string, params: unknown[] = []) {
			return (await conn.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[];
		},
		async exec(text: string) {
			// The simple protocol allows several statements in one call.
			await conn.unsafe(text).simple();
		},
		async savepoint(fn) {
			if (!('savepoint' in conn)) return fn(queryable(conn));
			return (await (conn as postgres.TransactionSql).savepoint((sp) => fn(queryable(sp)))) as Awaited<ReturnType<typeof fn>>;
		}
	});
	return {
		kind: 'postgres',
		...queryable(sql),
		async transaction(fn) {
			return (await sql.begin((tx) => fn(queryable(tx)))) as Awaited<ReturnType<typeof fn>>;
		},
		async close() {
			await sql.end({ timeout: 5 });
		}
	};
}
