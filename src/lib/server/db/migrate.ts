import type { Db } from './driver';

interface Migration {
	version: string;
	name: string;
	sql: string;
}

/** The SQL files of supabase/migrations, bundled at build time so the server needs no source tree. */
export function bundledMigrations(): Migration[] {
	const files = import.meta.glob('/supabase/migrations/*.sql', { query: '?raw', import: 'default', eager: true });
	return Object.entries(files)
		.map(([path, sql]) => {
			const file = path.split('/').pop()!;
			const m = /^(\d+)_(.+)\.sql$/.exec(file);
			if (!m) throw new Error(`Migration file name must be <timestamp>_<name>.sql: ${file}`);
			return { version: m[1], name: m[2], sql: sql as string };
		})
		.sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * Applies each migration once, in order, inside a transaction together with its ledger row.
 * An advisory lock keeps two servers starting at once on one PostgreSQL from racing.
 */
export async function migrate(db: Db, migrations: Migration[] = bundledMigrations()): Promise<string[]> {
	await db.exec(`create table if not exists plenum_migrations (
		version text primary key,
		name text not null,
		applied_at timestamptz not null default now()
	);
	alter table plenum_migrations enable row level security;`);
	const applied: string[] = [];
	for (const m of migrations) {
		const done = await db.transaction(async (tx) => {
			await tx.query('select pg_advisory_xact_lock(727274)');
			const rows = await tx.query('select 1 from plenum_migrations where version = $1', [m.version]);
			if (rows.length > 0) return false;
			await tx.exec(m.sql);
			await tx.query('insert into plenum_migrations (version, name) values ($1, $2)', [m.version, m.name]);
			return true;
		});
		if (done) applied.push(`${m.version}_${m.name}`);
	}
	return applied;
}
