import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sourcesHash } from './sourcesHash.js';

const base = mkdtempSync(join(tmpdir(), 'plenum-hash-'));
const put = (rel: string, text: string) => {
	mkdirSync(dirname(join(base, rel)), { recursive: true });
	writeFileSync(join(base, rel), text);
};
afterAll(() => rmSync(base, { recursive: true, force: true }));

it('npm start rebuilds when anything the build reads changes, migrations and dependencies included, and not for generated files', () => {
	put('src/routes/+page.svelte', '<h1>Hi</h1>');
	put('supabase/migrations/20260101_init.sql', 'create table t (id int);');
	put('package-lock.json', '{}');
	const first = sourcesHash(base);
	expect(sourcesHash(base)).toBe(first); // stable
	put('src/lib/paraglide/messages.js', 'export {}'); // written by the build itself
	expect(sourcesHash(base)).toBe(first);
	put('supabase/migrations/20260101_init.sql', 'create table t (id int, v text);');
	const afterMigration = sourcesHash(base);
	expect(afterMigration).not.toBe(first);
	put('package-lock.json', '{"lockfileVersion":3}');
	expect(sourcesHash(base)).not.toBe(afterMigration);
	put('src/routes/+page.svelte', '<h1>Hello</h1>');
	const afterSource = sourcesHash(base);
	put('src/routes/new.svelte', '');
	expect(sourcesHash(base)).not.toBe(afterSource); // a new, empty file counts too
});
