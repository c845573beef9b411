import { describe, expect, it } from 'vitest';
import { generatorVerdict, verdict } from './verdict.mjs';

/** The bench's self-test: its correctness rules fail the runs they must fail. */
describe('bench verdict', () => {
	const good = {
		sent: 4,
		acked: 4,
		perPhone: { checked: 4, wrong: 0 },
		expected: { a: 3, b: 1 },
		database: { a: 3, b: 1, c: 0 },
		screens: { stage: { b: 1, a: 3 } }
	};
	it('passes a run where every action was acknowledged, stored, per phone and on screen', () => {
		expect(verdict(good)).toEqual({ ok: true, reasons: [] });
	});
	it('fails a run with nothing acknowledged, even when the totals agree (all zero)', () => {
		const r = verdict({ sent: 200, acked: 0, perPhone: { checked: 200, wrong: 0 }, expected: {}, database: {}, screens: { stage: {} } });
		expect(r.ok).toBe(false);
		expect(r.reasons[0]).toBe('200 of 200 actions not acknowledged');
	});
	it('fails a run with nothing sent or no phone checked', () => {
		expect(verdict({ ...good, sent: 0, acked: 0 }).ok).toBe(false);
		expect(verdict({ ...good, perPhone: null }).reasons).toContain('no phone checked its own state');
	});
	it('fails a lost vote: one phone acknowledged, the database does not have it', () => {
		const r = verdict({ ...good, perPhone: { checked: 4, wrong: 1, examples: ['vote: server null, last ack b'] }, database: { a: 3 } });
		expect(r.ok).toBe(false);
		expect(r.reasons.join('\n')).toMatch(/1 of 4 phones.*last ack b/);
		expect(r.reasons.join('\n')).toMatch(/database holds \{"a":3\}/);
	});
	it('fails a vote moved to another option even when the totals match (per phone, not per option)', () => {
		// Two phones swapped: totals equal, but each phone's own vote is wrong.
		const r = verdict({ ...good, perPhone: { checked: 4, wrong: 2, examples: ['a≠b', 'b≠a'] } });
		expect(r.ok).toBe(false);
	});
	it('fails a stage that stopped short of the database', () => {
		expect(verdict({ ...good, screens: { stage: { a: 2, b: 1 } } }).reasons[0]).toMatch(/^stage last showed/);
	});
	it('rejects a run whose generator lagged beyond the bound', () => {
		expect(generatorVerdict(20).ok).toBe(true);
		expect(generatorVerdict(250).ok).toBe(false);
	});
});
