import { closeSync, fdatasyncSync, fsyncSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Makes PGlite's commits durable. Its Node file system writes with pwrite and never calls fsync
 * (strace: 200 commits, 1,387 pwrite64, 0 fsync), so a commit sits in the page cache: it survives
 * the process dying, not a power cut or a kernel panic. After each commit, `flush()` fdatasyncs
 * the WAL segments, which is what Postgres's own commit would have done: recovery replays the WAL.
 * Every open segment is flushed each time (a clean one costs little): file times cannot tell
 * whether a segment changed, since two commits within one clock tick leave the same mtime. When a
 * checkpoint ran (pg_control changed: it is rewritten, so its size or time moves once per
 * checkpoint at least), the data files it wrote are flushed too, since older WAL may now be
 * recycled; and the WAL folder whenever segments came or went. All before the acknowledgement.
 */
export class WalFlusher {
	private readonly walDir: string;
	private readonly control: string;
	private readonly segments = new Map<string, number>();
	private controlStamp: string;
	private names = '';

	constructor(private readonly dataDir: string) {
		this.walDir = join(dataDir, 'pg_wal');
		this.control = join(dataDir, 'global', 'pg_control');
		this.controlStamp = this.stamp();
	}

	private stamp(): string {
		const s = statSync(this.control);
		return `${s.mtimeMs}:${s.ctimeMs}:${s.size}`;
	}

	/** Flushes the WAL (and after a checkpoint every file); returns how many files it flushed. */
	flush(): number {
		let flushed = 0;
		const control = this.stamp();
		if (control !== this.controlStamp) {
			flushed += syncTree(this.dataDir);
			this.controlStamp = control;
		}
		const names = readdirSync(this.walDir).filter((n) => SEGMENT.test(n));
		const key = names.join(',');
		if (key !== this.names) {
			for (const [name, fd] of this.segments) {
				if (names.includes(name)) continue;
				closeSync(fd);
				this.segments.delete(name);
			}
			for (const name of names) if (!this.segments.has(name)) this.segments.set(name, openSync(join(this.walDir, name), 'r+'));
			syncDir(this.walDir);
			this.names = key;
			flushed++;
		}
		for (const fd of this.segments.values()) {
			fdatasyncSync(fd);
			flushed++;
		}
		return flushed;
	}

	close(): void {
		for (const fd of this.segments.values()) closeSync(fd);
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
