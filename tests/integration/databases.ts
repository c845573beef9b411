import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, describe } from 'vitest';
import type { Db } from '../../src/lib/server/db/driver';
import { migrate } from '../../src/lib/server/db/migrate';
import { extensions, wrap } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';

/**
 * Integration specs run once per real database engine: embedded PGlite and a PostgreSQL server
 * (TEST_DATABASE_URL, or 127.0.0.1:5432). Each test gets a fresh, migrated database cloned from a
 * template, which is far faster than migrating every time.
 */

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgliteTemplate: Promise<Blob> | null = null;

async function openPgliteFromTemplate(): Promise<Db> {
	pgliteTemplate ??= (async () => {
		const pg = await PGlite.create({ extensions });
		const db = wrap(pg);
		await migrate(db);
		const dump = await pg.dumpDataDir('none');
		await pg.close();
		return dump;
	})();
	return wrap(await PGlite.create({ loadDataDir: await pgliteTemplate, extensions }));
}

const admin = () => postgres(postgresUrl, { max: 1, onnotice: () => {} });
let pgTemplate: Promise<string> | null = null;
const created: string[] = [];

async function openPostgresFromTemplate(): Promise<Db> {
	pgTemplate ??= (async () => {
		const name = `plenum_tpl_${process.pid}_${Date.now()}`;
		const sql = admin();
		await sql.unsafe(`create database ${name}`);
		await sql.end();
		created.push(name);
		const db = openPostgres(withDatabase(name), { max: 2 });
		await migrate(db);
		await db.close();
		return name;
	})();
	const template = await pgTemplate;
	const name = `plenum_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	const sql = admin();
	await sql.unsafe(`create database ${name} template ${template}`);
	await sql.end();
	created.push(name);
	return openPostgres(withDatabase(name), { max: 10 });
}

function withDatabase(name: string): string {
	const u = new URL(postgresUrl);
	u.pathname = `/${name}`;
	return u.toString();
}

async function postgresReachable(): Promise<boolean> {
	const sql = postgres(postgresUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await sql`select 1`;
		return true;
	} catch {
		return false;
	} finally {
		await sql.end({ timeout: 1 });
	}
}

const pgAvailable = await postgresReachable();
if (!pgAvailable) {
	if (process.env.CI) throw new Error(`CI: PostgreSQL must be reachable at ${postgresUrl} for the integration tests.`);
	console.warn(`SKIP: PostgreSQL not reachable at ${postgresUrl}: PostgreSQL integration tests are skipped.`);
}

afterAll(async () => {
	if (created.length === 0) return;
	const sql = admin();
	for (const name of created.reverse()) await sql.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
	await sql.end();
});

const engines = [
	{ name: 'pglite', open: openPgliteFromTemplate, available: true },
	{ name: 'postgres', open: openPostgresFromTemplate, available: pgAvailable }
] as const;

/** Declares the same suite once per database engine; an unreachable PostgreSQL is a visible skip. */
export function describeEachDatabase(title: string, suite: (open: () => Promise<Db>) => void): void {
	for (const engine of engines) {
		const d = engine.available ? describe : describe.skip;
		d(`${title} [${engine.name}]`, () => suite(engine.open));
	}
}
