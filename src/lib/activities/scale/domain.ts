import { DomainError } from '$lib/domain/errors';

/**
 * Rating scale: one or more statements, each rated on one scale (1–5, 0–10…) with labels at both
 * ends, optionally skipped. Pure rules, free of zod, so phones use them too.
 */

export const STATEMENTS_MAX = 10;
export const STATEMENT_MAX = 200;
export const LABEL_MAX = 40;
export const MINS = [0, 1] as const;
export const MAXES = [5, 7, 10] as const;

export interface ScaleSettings {
	statements: string[];
	min: number;
	max: number;
	lowLabel: string;
	highLabel: string;
	allowSkip: boolean;
}

/** A phone's ratings, one per statement in order; null: skipped. */
export type Ratings = (number | null)[];

export interface StatementResult {
	/** Ratings per value, from `min` to `max`. */
	counts: number[];
	skipped: number;
	/** Mean of the ratings given (skips left out); null before the first. */
	mean: number | null;
}

export interface ScaleResults {
	/** Phones that rated at least once. */
	respondents: number;
	statements: StatementResult[];
}

/** The values a phone can pick, low to high. */
export const values = (s: Pick<ScaleSettings, 'min' | 'max'>): number[] => Array.from({ length: s.max - s.min + 1 }, (_, i) => s.min + i);

/** Checks a phone's ratings against the scale: one per statement, within the range, skips only where allowed. */
export function checkRatings(s: ScaleSettings, ratings: Ratings): Ratings {
	if (ratings.length !== s.statements.length) throw new DomainError('invalid_input', `Rate each of the ${s.statements.length} statements (or skip it).`);
	for (const r of ratings) {
		if (r === null && !s.allowSkip) throw new DomainError('invalid_input', 'Every statement needs a rating.');
		if (r !== null && (r < s.min || r > s.max)) throw new DomainError('invalid_input', `Ratings go from ${s.min} to ${s.max}.`);
	}
	if (ratings.every((r) => r === null)) throw new DomainError('invalid_input', 'Rate at least one statement.');
	return ratings;
}

/**
 * Ratings already given were given on this scale: once there are any, the number of statements
 * and the range stay (reset first). Wording and labels may change at any time.
 */
export function assertEditable(current: ScaleSettings, next: ScaleSettings, respondents: number): void {
	if (respondents === 0) return;
	if (next.statements.length !== current.statements.length || next.min !== current.min || next.max !== current.max) {
		throw new DomainError('conflict', 'This scale has ratings: reset it before changing the statements or the range.');
	}
}

/** Counts per statement and value (rows from SQL: statement index from 0, value or null for a skip, count). */
export function summarise(s: Pick<ScaleSettings, 'statements' | 'min' | 'max'>, respondents: number, rows: { i: number; v: number | null; n: number }[]): ScaleResults {
	const statements = s.statements.map(() => ({ counts: values(s).map(() => 0), skipped: 0, mean: null as number | null }));
	const sums = s.statements.map(() => ({ total: 0, n: 0 }));
	for (const { i, v, n } of rows) {
		const st = statements[i];
		if (!st) continue;
		if (v === null) st.skipped += n;
		else if (v >= s.min && v <= s.max) {
			st.counts[v - s.min] += n;
			sums[i].total += v * n;
			sums[i].n += n;
		}
	}
	statements.forEach((st, i) => (st.mean = sums[i].n > 0 ? Math.round((sums[i].total / sums[i].n) * 100) / 100 : null));
	return { respondents, statements };
}
