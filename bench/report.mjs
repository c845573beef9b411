// The tables `npm run bench` prints: one per scenario, with the floor beside ours and the ratio.
// CPU: busy = over the scenario's busy window (first intended send to last ack), peak = its
// busiest second (bench/cpu.mjs); 100% = one core.
const f = (x) => (x === null || x === undefined || Number.isNaN(x) ? '—' : String(x));
/** Milliseconds from high-resolution clocks: one decimal below 10 ms, whole above. */
const kb = (bytes) => (typeof bytes === 'number' && !Number.isNaN(bytes) ? `${(bytes / 1024).toFixed(1)}` : '—');
const ms = (x) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(1) : String(Math.round(x)));
/** CPU % (100 = one core) over the busy window / in the busiest second; PostgreSQL's too when it ran. */
const cpuHead = (pg) => `server CPU busy / peak |${pg ? ' PostgreSQL CPU busy / peak |' : ''} phones CPU busy / peak`;
const cpuCells = (x, pg) => {
	const c = x.cpu ?? {};
	return `${f(c.busyPct)}% / ${f(c.peakPct)}% |${pg ? ` ${f(c.pgBusyPct)}% / ${f(c.pgPeakPct)}% |` : ''} ${f(c.phonesBusyPct)}% / ${f(c.phonesPeakPct)}%`;
};
const cols = (n) => `|${'---|'.repeat(n)}`;
const ratio = (ours, floor) => (floor ? `${(ours / floor).toFixed(1)}×` : '—');

const titles = {
	vote: (r) => `Vote storm: ${r.n} phones vote within ${r.voteS} s`,
	change: (r) => `Change: half the phones change their vote within ${r.voteS} s`,
	qa: (r) => `Q&A upvote storm: ${r.n} phones upvote one of 20 questions within ${r.voteS} s`,
	cloud: (r) => `Word-cloud burst: ${r.n} phones send one entry within ${r.voteS} s`,
	kill: (r) => `SIGKILL mid vote storm, ${r.kills ?? 1}×: each time ${r.n} phones vote within ${r.voteS} s, the server is killed at a random point and restarted`
};

export function report(r) {
	const p = r.plenum;
	const pg = r.database === 'postgresql';
	const cpuCols = pg ? 3 : 2;
	console.log(
		`\n## Join wave: ${r.n} phones within ${r.joinS} s (${r.joinPage === false ? 'socket and snapshot only (--join-page 0)' : 'page, assets, socket, snapshot; the floors serve a static page with the same assets'}), in two halves`
	);
	console.log(
		`| | joined | failed | p50 ms | p95 ms | p99 ms | KB per phone (p50) | requests per phone (p50) | ${cpuHead(pg)} | RSS per phone | JS heap per phone | loop max ms | phones lag p99 / loop max ms |`
	);
	console.log(cols(12 + cpuCols));
	for (const [name, x] of [
		['plenum', p.join],
		['floor', r.floor?.join],
		['durable floor', r.durableFloor?.join]
	]) {
		if (!x) continue;
		console.log(
			`| ${name} | ${x.joined} | ${x.failed} | ${ms(x.joinMs.p50)} | ${ms(x.joinMs.p95)} | ${ms(x.joinMs.p99)} | ${kb(x.bytesPerPhone?.p50)} | ${f(x.requestsPerPhone?.p50)} | ${cpuCells(x, pg)} | ${f(x.rssPerPhoneKb)} KB | ${f(x.livePerPhoneKb)} KB | ${f(x.loop?.loopMaxMs)} | ${ms(x.lagMs?.p99)} / ${f(x.phonesLoop?.maxMs)} |`
		);
	}
	if (r.floor?.join) console.log(`join p95 ratio to the floor: ${ratio(p.join.joinMs.p95, r.floor.join.joinMs.p95)}`);
	const m = p.join.memory;
	if (m?.length === 2)
		console.log(
			`memory per phone = slope between ${m[0].phones} and ${m[1].phones} phones, each after a vote by every phone present: RSS ${m[0].rssKb} → ${m[1].rssKb} KB${m[0].liveKb !== null ? `, JavaScript heap ${m[0].liveKb} → ${m[1].liveKb} KB, external (Buffers, PGlite's WebAssembly memory) ${m[0].externalKb} → ${m[1].externalKb} KB` : ''}`
		);
	if (p.join.errors?.length) console.log(`join errors: ${p.join.errors.join(', ')}`);
	if (p.lookup) {
		console.log(`\n## Join lookup: ${r.n} × GET /api/join/<code> within ${r.joinS} s (HTTP only, no page, no socket)`);
		console.log(`| | done | failed | p50 ms | p95 ms | p99 ms | ${cpuHead(pg)} | loop max ms | phones lag p99 / loop max ms |`);
		console.log(cols(8 + cpuCols));
		for (const [name, x] of [
			['plenum', p.lookup],
			['floor', r.floor?.lookup],
			['durable floor', r.durableFloor?.lookup]
		]) {
			if (x)
				console.log(
					`| ${name} | ${x.sent - x.failed} | ${x.failed} | ${ms(x.ms.p50)} | ${ms(x.ms.p95)} | ${ms(x.ms.p99)} | ${cpuCells(x, pg)} | ${f(x.loop?.loopMaxMs)} | ${ms(x.lagMs?.p99)} / ${f(x.phonesLoop?.maxMs)} |`
				);
		}
		if (p.lookup.errors?.length) console.log(`lookup errors: ${p.lookup.errors.join(', ')}`);
	}
	for (const k of Object.keys(titles)) {
		const x = p[k];
		if (!x) continue;
		const fl = r.floor?.[k];
		console.log(`\n## ${titles[k](r)}`);
		console.log(`| | acked / sent | ack p50 | ack p95 | ack p99 | → stage p50 | → stage p95 | acks/s | ${cpuHead(pg)} | loop max ms | phones lag p99 / loop max ms |`);
		console.log(cols(10 + cpuCols));
		console.log(
			`| plenum | ${x.acked} / ${x.sent} | ${ms(x.ackMs.p50)} | ${ms(x.ackMs.p95)} | ${ms(x.ackMs.p99)} | ${ms(x.stageMs?.p50)} | ${ms(x.stageMs?.p95)} | ${x.perS} | ${cpuCells(x, pg)} | ${f(x.loop?.loopMaxMs)} | ${ms(x.lagMs?.p99)} / ${f(x.phonesLoop?.maxMs)} |`
		);
		for (const [label, y] of [
			['floor', fl],
			['durable floor', r.durableFloor?.[k]]
		]) {
			if (y)
				console.log(
					`| ${label} | ${y.acked} / ${y.sent} | ${ms(y.ackMs.p50)} | ${ms(y.ackMs.p95)} | ${ms(y.ackMs.p99)} | ${ms(y.stageMs?.p50)} | ${ms(y.stageMs?.p95)} | ${y.perS} | ${cpuCells(y, pg)} | — | ${ms(y.lagMs?.p99)} / ${f(y.phonesLoop?.maxMs)} |`
				);
		}
		if (fl)
			console.log(
				`ack p95 ratio to the floor: ${ratio(x.ackMs.p95, fl.ackMs.p95)}${r.durableFloor?.[k] ? `, to the durable floor: ${ratio(x.ackMs.p95, r.durableFloor[k].ackMs.p95)}` : ''}`
			);
		if (x.refused.length) console.log(`refused: ${x.refused.join(', ')}`);
		for (const [label, y] of [
			['plenum', x],
			['floor', fl],
			['durable floor', r.durableFloor?.[k]]
		]) {
			if (y?.stageTickMs)
				console.log(
					`→ stage, ${label}: ack p50/p95 ${ms(y.ackMs.p50)}/${ms(y.ackMs.p95)} ms + wait for the tick ${ms(y.stageTickMs.p50)}/${ms(y.stageTickMs.p95)} ms + delivery ${ms(y.stageDeliveryMs.p50)}/${ms(y.stageDeliveryMs.p95)} ms`
				);
		}
		if (x.projectorShownMs)
			console.log(
				`→ projector (the stage page in Chromium), numbers drawn: p50 ${ms(x.projectorShownMs.p50)} ms, p95 ${ms(x.projectorShownMs.p95)} ms${x.projectorShownMs.missing ? ` (${x.projectorShownMs.missing} never drawn)` : ''}`
			);
		if (x.projectorDrawnMs)
			console.log(
				`→ projector, ${k === 'cloud' ? 'cloud laid out' : 'bars settled (after their 450 ms animation, which each update restarts)'}: p50 ${ms(x.projectorDrawnMs.p50)} ms, p95 ${ms(x.projectorDrawnMs.p95)} ms${x.projectorDrawnMs.missing ? ` (${x.projectorDrawnMs.missing} never drawn)` : ''}`
			);
		if (x.stageMissing) console.log(`acks whose ${k === 'qa' ? "question never reached the stage's top six" : 'update never reached the stage'}: ${x.stageMissing}`);
		if (k === 'kill') {
			for (const [i, round] of (x.rounds ?? []).entries())
				console.log(
					`kill ${i + 1} at ${round.killAtMs} ms into the storm: ${round.ackedBeforeKill} acks before it, ${round.acked} / ${round.sent} acked, server down ${round.downMs} ms, last ack ${round.recoveryMs} ms after the restart, ack p95 ${ms(round.ackP95Ms)} ms, ${round.retried} phones resent, per phone ${round.perPhone.checked - round.perPhone.wrong}/${round.perPhone.checked}`
				);
			console.log(`stage reconnected ${x.stageReconnects}×, moderator ${x.moderatorReconnects}×`);
		}
	}
	const c = r.correctness ?? {};
	if (Object.keys(c).length) {
		console.log("\n## Correctness (every action acknowledged; each phone's own state on the server = its last ack; totals = database = screens)");
		const line = (label, v, extra = '') => console.log(`${label}: ${v.ok ? 'yes' : 'NO'}${extra}${v.reasons?.length ? `\n  - ${v.reasons.join('\n  - ')}` : ''}`);

		if (c.vote)
			line(
				'vote storm and change',
				c.vote,
				` ${JSON.stringify({ expected: c.vote.expected, database: c.vote.database, stage: c.vote.stage })}; per phone ${p.change.perPhone?.checked - p.change.perPhone?.wrong}/${p.change.perPhone?.checked}`
			);
		if (c.qa)
			line(
				'Q&A upvotes',
				c.qa,
				` (${c.qa.upvotesInDb} in the database, ${c.qa.acked} acknowledged); per phone ${p.qa.perPhone?.checked - p.qa.perPhone?.wrong}/${p.qa.perPhone?.checked}`
			);
		if (c.cloud) line('word-cloud entries', c.cloud, `; per phone ${p.cloud.perPhone?.checked - p.cloud.perPhone?.wrong}/${p.cloud.perPhone?.checked}`);
		if (c.kill)
			line(
				'after SIGKILL (fresh poll)',
				c.kill,
				` ${JSON.stringify({ expected: c.kill.expected, database: c.kill.database, stage: c.kill.stage, moderator: c.kill.moderator })}; at least ${c.kill.ackedBeforeKill} acknowledged before each kill; per phone ${p.kill.perPhone?.checked - p.kill.perPhone?.wrong}/${p.kill.perPhone?.checked}`
			);
	}
	if (r.generator) {
		const late = Object.entries(r.generator).filter(([, g]) => !g.ok);
		console.log(
			`\nload generator kept up (phones' send lag p99 ≤ 100 ms): ${late.length === 0 ? 'yes, in every scenario' : `NO in ${late.map(([k, g]) => `${k} (${Math.round(g.lagP99Ms)} ms)`).join(', ')}: those latencies are not the server's alone`}`
		);
	}
	if (r.offline) console.log(`\noffline phone (${r.offline.offlineS} s offline, vote + question + upvote pending, each sent once): ${r.offline.ok ? 'passed' : 'FAILED'}`);
}
