import { closeSync, fdatasyncSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Makes PGlite's commits durable. Its Node file system writes with pwrite and never calls fsync
 * (strace: 200 commits, 1,387 pwrite64, 0 fsync), so a commit sits in the page cache: it survives
 * the process dying, not a power cut or a kernel panic. After each commit, `flush()` fdatasyncs
 * every WAL segment written since the last flush, which is what Postgres's own commit would have
 * done: recovery replays the WAL. When a checkpoint ran (pg_control changed), the data files it
 * wrote are flushed too, since older WAL may now be recycled; and the WAL folder itself whenever
 * segments came or went. All of it before the acknowledgement goes out.
 */
export class WalFlusher {
	private readonly walDir: string;
	private readonly control: string;
	private readonly segments = new Map<string, { fd: number; mtimeMs: number }>();
	private controlMtime: number;
	private names = '';

	constructor(private readonly dataDir: string) {
		this.walDir = join(dataDir, 'pg_wal');
		this.control = join(dataDir, 'global', 'pg_control');
		this.controlMtime = statSync(this.control).mtimeMs;
	}

	/** Flushes what the last commits wrote; returns how many files it flushed. */
	flush(): number {
		let flushed = 0;
		const control = statSync(this.control).mtimeMs;
		if (control !== this.controlMtime) {
			flushed += syncTree(this.dataDir);
			this.controlMtime = control;
		}
		const names = readdirSync(this.walDir).filter((n) => SEGMENT.test(n));
		for (const name of names) {
			const path = join(this.walDir, name);
			let segment = this.segments.get(name);
			if (!segment) {
				segment = { fd: openSync(path, 'r+'), mtimeMs: -1 };
				this.segments.set(name, segment);
			}
			// The time of the last write, read before flushing: a write after it shows as a newer time.
			const mtimeMs = statSync(path).mtimeMs;
			if (mtimeMs !== segment.mtimeMs) {
				fdatasyncSync(segment.fd);
				segment.mtimeMs = mtimeMs;
				flushed++;
			}
		}
		const key = names.join(',');
		if (key !== this.names) {
			for (const [name, s] of this.segments) {
				if (names.includes(name)) continue;
				closeSync(s.fd);
				this.segments.delete(name);
			}
			syncDir(this.walDir);
			this.names = key;
			flushed++;
		}
		return flushed;
	}

	close(): void {
		for (const s of this.segments.values()) closeSync(s.fd);
		this.segments.clear();
	}
}

function syncDir(path: string): void {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** fsync every file and folder below `dir` (after a checkpoint: rare). */
function syncTree(dir: string): number {
	let n = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) n += syncTree(path);
		else if (entry.isFile() && !entry.name.endsWith('.lock')) {
			const fd = openSync(path, 'r+');
			try {
				fsyncSync(fd);
			} finally {
				closeSync(fd);
			}
			n++;
		}
	}
	syncDir(dir);
	return n + 1;
}
