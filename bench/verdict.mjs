// Whether a bench scenario's outcome is correct: the rules in one place, so the self-test
// (verdict.spec.ts) can show that a run with nothing acknowledged, or a lost vote, fails.

/** The generator's own lag beyond which a run's latencies are not the server's: the run is rejected. */
export const MAX_LAG_P99_MS = 100;

const strip = (c) => Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => v > 0));
const sortKeys = (o) => Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
/** Two count maps are equal (zero counts and key order do not matter). */
export const sameCounts = (a, b) => JSON.stringify(sortKeys(strip(a))) === JSON.stringify(sortKeys(strip(b)));
/** How often each value occurs. */
export function countOf(xs) {
	const o = {};
	for (const x of xs) if (x) o[x] = (o[x] ?? 0) + 1;
	return sortKeys(o);
}

/**
 * A scenario is correct when every action sent was acknowledged, every phone's own state on the
 * server equals its last acknowledged action, and the totals the phones acknowledged equal the
 * database and what the screens last showed.
 * @param {{ sent: number, acked: number, perPhone: { checked: number, wrong: number, examples?: string[] } | null,
 *   expected: Record<string, number>, database: Record<string, number>, screens?: Record<string, Record<string, number> | null> }} s
 */
export function verdict(s) {
	const reasons = [];
	if (s.sent === 0) reasons.push('nothing was sent');
	if (s.acked < s.sent) reasons.push(`${s.sent - s.acked} of ${s.sent} actions not acknowledged`);
	if (!s.perPhone || s.perPhone.checked === 0) reasons.push('no phone checked its own state');
	else if (s.perPhone.wrong > 0)
		reasons.push(`${s.perPhone.wrong} of ${s.perPhone.checked} phones: server state differs from their last ack (${(s.perPhone.examples ?? []).join('; ')})`);
	if (!sameCounts(s.expected, s.database))
		reasons.push(`acknowledged ${JSON.stringify(sortKeys(strip(s.expected)))} but the database holds ${JSON.stringify(sortKeys(strip(s.database)))}`);
	for (const [name, seen] of Object.entries(s.screens ?? {})) {
		if (!sameCounts(seen, s.database)) reasons.push(`${name} last showed ${JSON.stringify(seen)}, the database holds ${JSON.stringify(sortKeys(strip(s.database)))}`);
	}
	return { ok: reasons.length === 0, reasons };
}

/** A run is valid when the load generator itself kept up: its lag says how late phones sent. */
export function generatorVerdict(lagP99Ms) {
	return lagP99Ms <= MAX_LAG_P99_MS
		? { ok: true, reasons: [] }
		: { ok: false, reasons: [`the phones sent late (generator lag p99 ${Math.round(lagP99Ms)} ms > ${MAX_LAG_P99_MS} ms): latencies include the generator's own delay`] };
}
