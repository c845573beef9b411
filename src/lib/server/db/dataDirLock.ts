import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite does not lock its data directory: two processes on one directory silently lose writes.
 * We take an exclusive lock file and refuse to start while a live process holds it.
 */
export function acquireDataDirLock(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const path = join(dataDir, 'plenum.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				try {
					unlinkSync(path);
				} catch {
					/* already gone */
				}
			};
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const holder = Number(readFileSync(path, 'utf8').trim());
			if (holder && holder !== process.pid && isAlive(holder)) {
				throw new Error(`The data directory ${dataDir} is in use by another Plenum process (pid ${holder}). ` + `Stop it first, or set PLENUM_DATA_DIR to another directory.`, {
					cause: e
				});
			}
			// Left behind by a process that died: take it over.
			unlinkSync(path);
		}
	}
	throw new Error(`Could not lock the data directory ${dataDir}.`);
}

/** Whether the pid is a running Node process (after a crash the pid may belong to something else). */
function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
	} catch {
		return true; // no /proc (not Linux): trust the signal check
	}
}
