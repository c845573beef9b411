// The bench's kill scenario: several SIGKILLs at random points of vote storms in one run. Each
// round is a vote storm on the kill poll (every phone votes, a phone that voted picks another
// option) during which the server is killed at a random moment, restarted on the same data
// directory, and the phones send again what was not acknowledged, like the app's outbox. After each
// round every phone checks its own vote on the server against its last acknowledged one.

/**
 * `deps`: { act, verifyPhones, server, setup, stage, mod, sleep, now, stats, voteS, leadMs }.
 * Returns the rounds and their totals, in the shape of one scenario's result (check() in run.mjs).
 */
export async function killRounds(ctx, rounds, deps) {
	const { act, verifyPhones, server, setup, stage, mod, sleep, now, stats, voteS, leadMs } = deps;
	const done = [];
	for (let i = 0; i < rounds; i++) {
		// The storm's start, fixed here (with room for act's own preparation), so the kill lands where it says.
		const startAt = now() + leadMs + 300;
		const acting = act(ctx, 'kill', { action: 'vote', retry: true, pollId: setup.killPollId, startAt }, 'tally');
		// Somewhere between a fifth and four fifths of the window: enough acks before, enough after.
		const killAtMs = Math.round(voteS * 1000 * (0.2 + 0.6 * Math.random()));
		await sleep(startAt + killAtMs - now());
		const killedAt = now();
		server.child.kill('SIGKILL');
		await sleep(500);
		await server.start();
		const upAt = now();
		await server.loop(); // from here on, the restarted server's loop
		const r = await acting;
		Object.assign(r, { killAtMs, killedAt, upAt, downMs: Math.round(upAt - killedAt), recoveryMs: Math.round(r.lastAckAt - upAt) });
		// Acks before the kill: without enough of them, "nothing lost" would be an empty claim.
		r.ackedBeforeKill = r.ackTimes.filter((t) => t < killedAt).length;
		r.perPhone = await verifyPhones(ctx.w, { pollIds: [setup.killPollId] });
		done.push(r);
	}
	const last = done.at(-1);
	const sum = (f) => done.reduce((n, r) => n + f(r), 0);
	// Whether the phones kept up is judged on the worst round, not the last.
	const worst = (key) => done.reduce((a, r) => ((r[key]?.p99 ?? 0) > (a[key]?.p99 ?? 0) ? r : a))[key];
	return {
		...last, // CPU, loop and → stage figures: the last round's
		lagMs: worst('lagMs'),
		rounds: done.map((r) => ({
			killAtMs: r.killAtMs,
			sent: r.sent,
			acked: r.acked,
			ackedBeforeKill: r.ackedBeforeKill,
			downMs: r.downMs,
			recoveryMs: r.recoveryMs,
			ackP95Ms: r.ackMs.p95,
			retried: r.retried,
			perPhone: r.perPhone
		})),
		sent: sum((r) => r.sent),
		acked: sum((r) => r.acked),
		retried: sum((r) => r.retried),
		// Latencies over every round's actions, failures at the time they failed.
		ackMs: stats(done.flatMap((r) => r.latencies)),
		ackedBeforeKill: Math.min(...done.map((r) => r.ackedBeforeKill)),
		perPhone: { checked: sum((r) => r.perPhone.checked), wrong: sum((r) => r.perPhone.wrong), examples: done.flatMap((r) => r.perPhone.examples).slice(0, 3) },
		// The state that counts is the last round's: each phone's last acknowledged vote.
		state: last.state,
		// The stage and the moderator reconnect by themselves after each kill and take a snapshot.
		stageReconnects: stage?.got.reconnects ?? 0,
		moderatorReconnects: mod?.got.reconnects ?? 0,
		stageLast: () => stage?.got.tally.filter((t) => t.pollId === setup.killPollId).at(-1) ?? null,
		moderatorLast: () => mod?.got.tally.filter((t) => t.pollId === setup.killPollId).at(-1) ?? null
	};
}
