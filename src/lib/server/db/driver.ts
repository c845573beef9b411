/**
 * The database port. Two drivers implement it: embedded PGlite and PostgreSQL (postgres.js).
 * Everything above this file speaks SQL through `query` and never sees which one runs.
 */
export interface Queryable {
	/** One statement with positional parameters ($1, $2 …). Rows come back with int8 as number. */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	/** Several statements, no parameters (migrations). */
	exec(sql: string): Promise<void>;
	/**
	 * Runs `fn` in a savepoint of the current transaction: if it throws, only its work is rolled
	 * back and the transaction goes on. (postgres.js aborts the whole transaction on a failed query
	 * unless the savepoint is its own, so each driver provides this.)
	 */
	savepoint<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
}

export interface Db extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** The SQLSTATE of a database error, whichever driver threw it. */
export function sqlState(e: unknown): string | undefined {
	const err = e as { code?: unknown } | null;
	return typeof err?.code === 'string' ? err.code : undefined;
}
