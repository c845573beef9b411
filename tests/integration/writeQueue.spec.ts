import { expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/driver';
import { WriteQueue } from '../../src/lib/server/db/writeQueue';
import { describeEachDatabase } from './databases';

describeEachDatabase('group commit', (open) => {
	it('G1 one failing job in a batch fails alone: the others commit and are acknowledged', async () => {
		const db: Db = await open();
		const queue = new WriteQueue(db);
		try {
			await db.query('create table g1 (x int primary key)');
			// 2 and 1 twice: the second copies hit the primary key, in the same batch as the others.
			const results = await Promise.allSettled([1, 2, 2, 3, 1, 4].map((x) => queue.run((tx) => tx.query('insert into g1 values ($1)', [x]))));
			expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
			expect(await db.query('select x from g1 order by x')).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }]);
		} finally {
			await queue.close();
			await db.close();
		}
	});

	it('G2 every acknowledged job is durable; a job sees the writes of the jobs before it in its batch', async () => {
		const db: Db = await open();
		const queue = new WriteQueue(db);
		try {
			await db.query('create table g2 (n int)');
			const seen = await Promise.all(
				Array.from({ length: 200 }, () =>
					queue.run(async (tx) => {
						await tx.query('insert into g2 values (1)');
						return (await tx.query<{ c: number }>('select count(*)::int as c from g2'))[0].c;
					})
				)
			);
			expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
			expect((await db.query<{ c: number }>('select count(*)::int as c from g2'))[0].c).toBe(200);
		} finally {
			await queue.close();
			await db.close();
		}
	});

	it('G3 jobs of one kind share one statement; when it fails, its halves are tried and only the bad one fails', async () => {
		const db: Db = await open();
		const queue = new WriteQueue(db);
		const calls: number[][] = [];
		const many = async (tx: Parameters<Parameters<WriteQueue['run']>[0]>[0], xs: number[]) => {
			calls.push(xs);
			await tx.query('insert into g3 select unnest($1::int[])', [xs]);
			return xs.map((x) => x * 10);
		};
		try {
			await db.query('create table g3 (x int primary key)');
			const fine = await Promise.all([1, 2, 3].map((x) => queue.runShared('n', x, many)));
			expect(fine).toEqual([10, 20, 30]);
			expect(calls).toEqual([[1, 2, 3]]);
			calls.length = 0;
			// 5 twice: the shared statement fails, then its halves are tried, and only the second 5 is refused.
			const mixed = await Promise.allSettled([4, 5, 5, 6].map((x) => queue.runShared('n', x, many)));
			expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
			expect(calls).toEqual([[4, 5, 5, 6], [4, 5], [5, 6], [5], [6]]);
			expect(await db.query('select x from g3 order by x')).toEqual([1, 2, 3, 4, 5, 6].map((x) => ({ x })));
		} finally {
			await queue.close();
			await db.close();
		}
	});
});
