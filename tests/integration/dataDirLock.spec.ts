import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/lib/server/db/dataDirLock';
import { openPglite } from '../../src/lib/server/db/pglite';

const dirs: string[] = [];
const fresh = () => {
	const d = mkdtempSync(join(tmpdir(), 'plenum-lock-'));
	dirs.push(d);
	return join(d, 'nested', 'data'); // parents do not exist yet: we create them
};
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('D1 a data directory held by another live process is refused with a clear message', async () => {
	const dir = fresh();
	const release = acquireDataDirLock(dir);
	release();
	const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
	try {
		writeFileSync(join(dir, 'plenum.lock'), String(other.pid));
		expect(() => acquireDataDirLock(dir)).toThrow(/in use by another Plenum process \(pid \d+\).*PLENUM_DATA_DIR/s);
	} finally {
		other.kill();
	}
});

it('D2 a lock left by a dead process is taken over, and released on close', async () => {
	const dir = fresh();
	acquireDataDirLock(dir)();
	writeFileSync(join(dir, 'plenum.lock'), '999999999');
	const db = await openPglite({ dataDir: dir });
	expect(readFileSync(join(dir, 'plenum.lock'), 'utf8')).toBe(String(process.pid));
	await db.query('create table t (x int)');
	await db.close();
	expect(() => readFileSync(join(dir, 'plenum.lock'))).toThrow();
	// Reopening finds the data that was written.
	const again = await openPglite({ dataDir: dir });
	expect(await again.query('select count(*)::int as n from t')).toEqual([{ n: 0 }]);
	await again.close();
});
