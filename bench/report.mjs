// The tables `npm run bench` prints: one per scenario, with the floor beside ours and the ratio.
const f = (x) => (x === null || x === undefined || Number.isNaN(x) ? '—' : String(x));
const ratio = (ours, floor) => (floor ? `${(ours / Math.max(1, floor)).toFixed(1)}×` : '—');

const titles = {
	vote: (r) => `Vote storm: ${r.n} phones vote within ${r.voteS} s`,
	change: (r) => `Change: half the phones change their vote within ${r.voteS} s`,
	qa: (r) => `Q&A upvote storm: ${r.n} phones upvote one of 20 questions within ${r.voteS} s`,
	cloud: (r) => `Word-cloud burst: ${r.n} phones send one entry within ${r.voteS} s`,
	kill: (r) => `SIGKILL mid vote storm: ${r.n} phones vote within ${r.voteS} s, the server is killed halfway and restarted`
};

export function report(r) {
	const p = r.plenum;
	console.log(`\n## Join wave: ${r.n} phones within ${r.joinS} s`);
	console.log('| | joined | failed | p50 ms | p95 ms | p99 ms | server CPU | phones CPU | RSS per phone | live heap per phone | loop max ms |');
	console.log('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const [name, x] of [['plenum', p.join], ['floor', r.floor?.join]]) {
		if (!x) continue;
		console.log(`| ${name} | ${x.joined} | ${x.failed} | ${f(x.joinMs.p50)} | ${f(x.joinMs.p95)} | ${f(x.joinMs.p99)} | ${f(x.cpuPct)}% | ${f(x.phonesCpuPct)}% | ${f(x.rssPerPhoneKb)} KB | ${f(x.livePerPhoneKb)} KB | ${f(x.loop?.loopMaxMs)} |`);
	}
	if (r.floor?.join) console.log(`join p95 ratio to the floor: ${ratio(p.join.joinMs.p95, r.floor.join.joinMs.p95)}`);
	for (const k of Object.keys(titles)) {
		const x = p[k];
		if (!x) continue;
		const fl = r.floor?.[k];
		console.log(`\n## ${titles[k](r)}`);
		console.log('| | acked / sent | ack p50 | ack p95 | ack p99 | → stage p50 | → stage p95 | acks/s | server CPU | phones CPU | loop max ms |');
		console.log('|---|---|---|---|---|---|---|---|---|---|---|');
		console.log(`| plenum | ${x.acked} / ${x.sent} | ${f(x.ackMs.p50)} | ${f(x.ackMs.p95)} | ${f(x.ackMs.p99)} | ${f(x.stageMs?.p50)} | ${f(x.stageMs?.p95)} | ${x.perS} | ${f(x.cpuPct)}% | ${f(x.phonesCpuPct)}% | ${f(x.loop?.loopMaxMs)} |`);
		if (fl) console.log(`| floor | ${fl.acked} / ${fl.sent} | ${f(fl.ackMs.p50)} | ${f(fl.ackMs.p95)} | ${f(fl.ackMs.p99)} | — | — | ${fl.perS} | ${f(fl.cpuPct)}% | ${f(fl.phonesCpuPct)}% | — |`);
		if (fl) console.log(`ack p95 ratio to the floor: ${ratio(x.ackMs.p95, fl.ackMs.p95)}`);
		if (x.refused.length) console.log(`refused: ${x.refused.join(', ')}`);
		if (x.stageMissing) console.log(`acks never seen on stage: ${x.stageMissing}`);
		if (k === 'kill') console.log(`server down ${x.downMs} ms (kill → listening again); last ack ${x.recoveryMs} ms after the restart; ${x.retried} phones resent their vote; stage reconnected ${x.stageReconnects}×, moderator ${x.moderatorReconnects}×`);
	}
	const c = r.correctness ?? {};
	if (Object.keys(c).length) {
		console.log('\n## Correctness');
		if (c.vote) console.log(`vote storm: every acknowledged vote in the database and the stage's last tally equal to it: ${c.vote.ok ? 'yes' : 'NO'} ${JSON.stringify({ expected: c.vote.expected, database: c.vote.database, stage: c.vote.stage })}`);
		if (c.qa) console.log(`Q&A: acknowledged upvotes = database = moderator's last list: ${c.qa.ok ? 'yes' : 'NO'} (${c.qa.upvotesInDb} upvotes in the database, ${c.qa.acked} acknowledged)`);
		if (c.cloud) console.log(`word cloud: acknowledged entries = database groups = stage's last cloud: ${c.cloud.ok ? 'yes' : 'NO'}`);
		if (c.kill) console.log(`after SIGKILL: no acknowledged vote lost, none counted twice, stage and moderator equal to the database: ${c.kill.ok ? 'yes' : 'NO'} ${JSON.stringify({ expected: c.kill.expected, database: c.kill.database, stage: c.kill.stage, moderator: c.kill.moderator })}`);
	}
	if (r.offline) console.log(`\noffline phone (${r.offline.offlineS} s offline, vote + question + upvote pending, each sent once): ${r.offline.ok ? 'passed' : 'FAILED'}`);
}
