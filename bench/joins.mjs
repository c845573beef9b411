// The bench's arrival scenarios (bench/run.mjs drives them, the phone workers do them):
// - join: every phone joins as on a first visit (page, assets, socket, snapshot; bench/page.mjs),
//   in two halves, N/JOIN_S phones a second throughout. After each half every phone present acts
//   once (a vote on the warm-up poll) and the server's live heap and RSS are measured: the memory
//   per phone is the slope between the two measurements, (after₂ − after₁) / (N₂ − N₁), so what the
//   server holds anyway (setup, database cache, first compilations) does not count as phones'.
// - lookup: the join form's HTTP lookup alone (GET /api/join/<code>), N of them within the join
//   window, no page and no socket.
import { rssKb, sleep, stats, worstLoop } from './lib.mjs';

const now = () => performance.timeOrigin + performance.now();

/** Timings, failures and the busy window of one wave of arrivals (join or lookup results). */
function arrivals(replies) {
	const rs = replies.flatMap((r) => r.results);
	const failed = rs.filter((r) => !r.ok);
	return {
		rs,
		failed: failed.length,
		errors: [...new Set(failed.map((f) => f.error))].slice(0, 5),
		busy: [Math.min(...rs.map((r) => r.at)), Math.max(...rs.map((r) => r.at + r.ms))],
		phonesLoop: worstLoop(replies)
	};
}

/** `ctx`: { w (the workers), server, cpu (busy windows → CPU figures, bench/cpu.mjs) }. */
export async function joinWave(ctx, { n, joinS, leadMs, warmPollId }) {
	const { w, server } = ctx;
	const halves = [Math.ceil(n / 2), Math.floor(n / 2)].filter((x) => x > 0);
	const rs = [];
	const busy = [];
	const phonesLoops = [];
	const loops = [];
	const memory = [];
	await server.loop?.(); // the loop figures from here: not the start-up's or the setup's
	for (const count of halves) {
		const startAt = now() + leadMs;
		const windowMs = (joinS * 1000 * count) / n; // the same rate, N/JOIN_S, in both halves
		const a = arrivals(
			await w.each(
				w.share(count).map((c) => ({ type: 'join', count: c, windowMs, startAt })),
				'joined'
			)
		);
		rs.push(...a.rs);
		busy.push(a.busy);
		phonesLoops.push(a.phonesLoop);
		if (server.loop) loops.push(await server.loop());
		// Every phone present acts once: a vote on the warm-up poll (a phone that voted picks
		// another option), so the memory measured is that of phones that have done something. It
		// also warms the vote path up before the storms.
		if (warmPollId) await w.all({ type: 'act', windowMs: 1000, startAt: now() + leadMs, action: 'vote', pollId: warmPollId }, 'acted');
		await sleep(1500); // the last updates land
		const m = server.loop ? await server.loop(true) : null; // also restarts the loop figures
		memory.push({ phones: rs.filter((r) => r.ok).length, rssKb: rssKb(server.child.pid), liveKb: m?.liveKb ?? null, externalKb: m?.externalKb ?? null });
	}
	const ok = rs.filter((r) => r.ok);
	const [m1, m2] = memory;
	const slope = (k) => (m2 && m1[k] !== null && m2.phones > m1.phones ? Math.round(((m2[k] - m1[k]) / (m2.phones - m1.phones)) * 10) / 10 : null);
	return {
		joined: ok.length,
		failed: rs.length - ok.length,
		errors: [...new Set(rs.filter((r) => !r.ok).map((f) => f.error))].slice(0, 5),
		// Open loop, both halves together: from each join's intended time; a failed join counts at the time it failed.
		joinMs: stats(rs.map((r) => r.ms)),
		lagMs: stats(rs.map((r) => r.lagMs)),
		phonesLoop: { p99Ms: Math.max(...phonesLoops.map((l) => l.p99Ms)), maxMs: Math.max(...phonesLoops.map((l) => l.maxMs)) },
		loop: loops.length
			? { ...loops.at(-1), loopMaxMs: Math.max(...loops.map((l) => l.loopMaxMs)), loopP99Ms: Math.max(...loops.map((l) => l.loopP99Ms)), stalls: loops.flatMap((l) => l.stalls) }
			: null,
		cpu: ctx.cpu(busy),
		// What each phone downloaded before its socket opened (response bodies, compressed as sent) and in how many requests.
		bytesPerPhone: stats(ok.map((r) => r.bytes)),
		requestsPerPhone: stats(ok.map((r) => r.requests)),
		cookieFromServer: ok.filter((r) => r.setCookie).length,
		memory,
		rssPerPhoneKb: slope('rssKb'),
		livePerPhoneKb: slope('liveKb')
	};
}

/** N lookups within the join window; the phones already joined stay connected meanwhile. */
export async function lookupWave(ctx, { n, joinS, leadMs }) {
	const { w, server } = ctx;
	const startAt = now() + leadMs;
	const a = arrivals(
		await w.each(
			w.share(n).map((count) => ({ type: 'lookup', count, windowMs: joinS * 1000, startAt })),
			'looked up'
		)
	);
	await sleep(1100); // the CPU samples of the last second
	return {
		sent: a.rs.length,
		failed: a.failed,
		errors: a.errors,
		ms: stats(a.rs.map((r) => r.ms)),
		lagMs: stats(a.rs.map((r) => r.lagMs)),
		phonesLoop: a.phonesLoop,
		loop: server.loop ? await server.loop() : null,
		cpu: ctx.cpu([a.busy])
	};
}
