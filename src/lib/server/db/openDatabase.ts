import type { Config } from '../config';
import type { Db } from './driver';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

/** PostgreSQL when DATABASE_URL is set, the embedded database otherwise; migrated either way. */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'PLENUM_DATA_DIR'>): Promise<Db> {
	const db = config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : await openPglite({ dataDir: config.PLENUM_DATA_DIR });
	try {
		await migrate(db);
	} catch (e) {
		await db.close();
		throw e;
	}
	return db;
}
