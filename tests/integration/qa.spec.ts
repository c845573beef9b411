import { expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import { rooms, type AudienceQa, type ModeratorQa, type MyQa, type StageQa } from '../../src/lib/realtime/protocol';
import * as qaService from '../../src/lib/server/qa/qa.service';
import { duplicatesOf } from '../../src/lib/server/qa/duplicates';
import { buildQaViews } from '../../src/lib/server/qa/qaViews';
import { describeEachDatabase } from './databases';
import { participant, worldPerTest, type World } from './harness';

async function asked(w: World, text: string, who = participant(), name?: string) {
	return qaService.ask(w.ctx, who, w.sessionId, { id: randomId(), text, name });
}

function lift(w: World) {
	// Load tests ask and vote far faster than a person: lift the per-phone limits.
	w.ctx.limits.questions = { take() {} } as never;
}

describeEachDatabase('Q&A', (open) => {
	const w = worldPerTest(open);

	it('Q1 500 concurrent upvotes on one question give an exact count', async () => {
		const q = await asked(w, 'How will the city pay for more trees?');
		const voters = Array.from({ length: 500 }, () => participant());
		const results = await Promise.all(voters.map((p) => qaService.vote(w.ctx, p, q.id, { value: 1, submissionId: randomId() })));
		expect(results.every((r) => r.value === 1)).toBe(true);
		const views = await buildQaViews(w.db, w.sessionId);
		expect(views!.moderator.questions.find((x) => x.id === q.id)!.upvotes).toBe(500);
		const rows = await w.db.query<{ n: number }>('select count(*)::int as n from question_votes where question_id = $1', [q.id]);
		expect(rows[0].n).toBe(500);
	});

	it('Q1 one commit of upvotes on many questions, changes and a hidden question: each vote gets its own outcome, counters stay exact', async () => {
		await qaService.updateSettings(w.ctx, w.moderator, w.sessionId, { enabled: true, premoderation: false, identity: 'choice', downvotes: true, maxLength: 280 });
		const qs = await Promise.all(['Trees on every street?', 'Night trams?', 'Bike lanes downtown?'].map((t) => asked(w, t)));
		const hidden = await asked(w, 'Can we archive this one?');
		await qaService.moderateQuestion(w.ctx, w.moderator, hidden.id, { action: 'reject' });
		const turner = participant();
		await qaService.vote(w.ctx, turner, qs[0].id, { value: 1, submissionId: randomId() });
		const voters = Array.from({ length: 90 }, () => participant());
		const settled = await Promise.allSettled([
			...voters.map((p, i) => qaService.vote(w.ctx, p, qs[i % 3].id, { value: i % 10 === 0 ? -1 : 1, submissionId: randomId() })),
			qaService.vote(w.ctx, turner, qs[0].id, { value: -1, submissionId: randomId() }),
			qaService.vote(w.ctx, participant(), hidden.id, { value: 1, submissionId: randomId() })
		]);
		expect(settled.slice(0, 91).every((r) => r.status === 'fulfilled')).toBe(true);
		expect(settled[91]).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } });
		const rows = await w.db.query<{ question_id: string; up: number; down: number }>(
			`select question_id, count(*) filter (where value = 1)::int as up, count(*) filter (where value = -1)::int as down from question_votes group by question_id`
		);
		const views = (await buildQaViews(w.db, w.sessionId))!.moderator.questions;
		for (const q of [...qs, hidden]) {
			const v = views.find((x) => x.id === q.id)!;
			const r = rows.find((x) => x.question_id === q.id) ?? { up: 0, down: 0 };
			expect([v.upvotes, v.downvotes]).toEqual([r.up, r.down]);
		}
		// 30 phones per question, every tenth a downvote (3 on the first question, 3 on the others), plus the turner's down on the first.
		expect(views.find((x) => x.id === qs[0].id)).toMatchObject({ upvotes: 27, downvotes: 4 });
		expect(views.find((x) => x.id === hidden.id)).toMatchObject({ upvotes: 0, downvotes: 0 });
	});

	it('Q2 setting an upvote is idempotent under retries, and taking it back works once', async () => {
		const q = await asked(w, 'Will the tram run at night?');
		const me = participant();
		const up = { value: 1 as const, submissionId: randomId() };
		await Promise.all(Array.from({ length: 5 }, () => qaService.vote(w.ctx, me, q.id, up)));
		await qaService.vote(w.ctx, me, q.id, up);
		const count = async () => (await buildQaViews(w.db, w.sessionId))!.moderator.questions.find((x) => x.id === q.id)!.upvotes;
		expect(await count()).toBe(1);
		const off = { value: 0 as const, submissionId: randomId() };
		await Promise.all([qaService.vote(w.ctx, me, q.id, off), qaService.vote(w.ctx, me, q.id, off)]);
		expect(await count()).toBe(0);
		await expect(qaService.vote(w.ctx, me, q.id, { value: -1, submissionId: randomId() })).rejects.toMatchObject({ code: 'invalid_input' });
	});

	it('Q3 a merge moves votes to the kept question, counting each participant once', async () => {
		const keep = await asked(w, 'How do we fund green roofs?');
		const dup = await asked(w, 'Who pays for the green roofs?');
		const both = participant();
		const onlyDup = participant();
		const onlyKeep = participant();
		for (const [p, q] of [
			[both, keep],
			[both, dup],
			[onlyDup, dup],
			[onlyKeep, keep]
		] as const) {
			await qaService.vote(w.ctx, p, q.id, { value: 1, submissionId: randomId() });
		}
		await qaService.moderateQuestion(w.ctx, w.moderator, dup.id, { action: 'merge', into: keep.id });
		const views = (await buildQaViews(w.db, w.sessionId))!;
		const kept = views.moderator.questions.find((x) => x.id === keep.id)!;
		expect(kept.upvotes).toBe(3);
		expect(kept.mergedCount).toBe(1);
		const merged = views.moderator.questions.find((x) => x.id === dup.id)!;
		expect(merged).toMatchObject({ mergedInto: keep.id, state: 'archived', upvotes: 0 });
		expect(views.audience.questions.map((x) => x.id)).toEqual([keep.id]);
		// Merging into itself or twice is refused.
		await expect(qaService.moderateQuestion(w.ctx, w.moderator, keep.id, { action: 'merge', into: keep.id })).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(qaService.moderateQuestion(w.ctx, w.moderator, dup.id, { action: 'merge', into: keep.id })).rejects.toMatchObject({ code: 'conflict' });
	});

	it('Q4 similarity suggestions find reworded duplicates (pg_trgm), for phones and moderators', async () => {
		const a = await asked(w, 'How will the city finance the new tram line to the airport?');
		await asked(w, 'What about bicycle parking at the station?');
		const suggestions = await qaService.suggest(w.ctx, w.sessionId, 'how is the city financing the tram line to the airport');
		expect(suggestions[0]?.id).toBe(a.id);
		expect(suggestions.map((s) => s.text)).not.toContain('What about bicycle parking at the station?');
		const b = await asked(w, 'Who finances the airport tram line of the city?');
		const dups = await duplicatesOf(w.ctx, w.moderator, b.id);
		expect(dups.map((d) => d.id)).toContain(a.id);
	});

	it('Q5 pre-moderation: pending questions reach only moderators and their author; rejected never reach phones or stage', async () => {
		lift(w);
		await qaService.updateSettings(w.ctx, w.moderator, w.sessionId, { enabled: true, premoderation: true, identity: 'choice', downvotes: false, maxLength: 300 });
		const author = participant();
		const pending = await asked(w, 'Is the pending question secret?', author, 'Ona');
		expect(pending).toMatchObject({ state: 'pending', authorName: 'Ona' });
		const doomed = await asked(w, 'This one will be rejected', author);
		await qaService.moderateQuestion(w.ctx, w.moderator, doomed.id, { action: 'reject' });
		await w.ctx.hub.flushQa();
		const toAudience = JSON.stringify(w.out.to(rooms.audience(w.sessionId), 'qa'));
		const toStage = JSON.stringify(w.out.to(rooms.stage(w.sessionId), 'qa'));
		for (const sent of [toAudience, toStage]) {
			expect(sent).not.toContain('secret');
			expect(sent).not.toContain('rejected');
		}
		const toMods = w.out.to(rooms.moderators(w.sessionId), 'qa') as ModeratorQa[];
		expect(
			toMods
				.at(-1)!
				.questions.map((q) => q.state)
				.sort()
		).toEqual(['pending', 'rejected']);
		const mine = w.out.to(rooms.participant(author), 'qa:mine') as MyQa[];
		expect(
			mine
				.at(-1)!
				.questions.map((q) => q.state)
				.sort()
		).toEqual(['pending', 'rejected']);

		await qaService.moderateQuestion(w.ctx, w.moderator, pending.id, { action: 'approve' });
		await qaService.moderateQuestion(w.ctx, w.moderator, pending.id, { action: 'highlight', on: true });
		await w.ctx.hub.idle();
		const stageNow = (w.out.to(rooms.stage(w.sessionId), 'qa') as StageQa[]).at(-1)!;
		expect(stageNow.highlighted?.text).toBe('Is the pending question secret?');
		const audienceNow = (w.out.to(rooms.audience(w.sessionId), 'qa') as AudienceQa[]).at(-1)!;
		expect(audienceNow.questions.map((q) => q.id)).toEqual([pending.id]);
		expect(JSON.stringify(audienceNow)).not.toContain('participantId');
	});

	it('Q6 the profanity filter holds a question back even without pre-moderation; blocked phones cannot ask', async () => {
		lift(w);
		const rude = await asked(w, 'Kodėl miestas toks š.ū.d.a.s?');
		expect(rude.state).toBe('pending');
		expect(rude).not.toHaveProperty('flagged'); // the author is not told why
		const stored = await w.db.query<{ flagged: boolean }>('select flagged from questions where id = $1', [rude.id]);
		expect(stored[0].flagged).toBe(true);
		const clean = await asked(w, 'Kaip miestas finansuos daugiau medžių?');
		expect(clean.state).toBe('approved');
		const troll = participant();
		const q = await asked(w, 'First question from a troll', troll);
		await qaService.moderateQuestion(w.ctx, w.moderator, q.id, { action: 'block' });
		await expect(asked(w, 'Second question from a troll', troll)).rejects.toMatchObject({ code: 'forbidden' });
		const log = await qaService.moderationLogCsv(w.ctx, w.moderator, w.sessionId);
		expect(log.split('\r\n')[0]).toBe('"time","actor","action","question","before","after","details"');
		expect(log).toContain('"question.block"');
	});

	it('Q7 limits: question length per session, identity rules, one highlight, at most 20 labels, asks are idempotent', async () => {
		await qaService.updateSettings(w.ctx, w.moderator, w.sessionId, { enabled: true, premoderation: false, identity: 'named', downvotes: true, maxLength: 40 });
		await expect(asked(w, 'x'.repeat(41), participant(), 'Jonas')).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(asked(w, 'No name given')).rejects.toMatchObject({ code: 'invalid_input' });
		const me = participant();
		const id = randomId();
		const first = await qaService.ask(w.ctx, me, w.sessionId, { id, text: 'Once only?', name: 'Jonas' });
		const again = await qaService.ask(w.ctx, me, w.sessionId, { id, text: 'Once only?', name: 'Jonas' });
		expect(again.id).toBe(first.id);
		await expect(qaService.ask(w.ctx, participant(), w.sessionId, { id, text: 'Hijack', name: 'X' })).rejects.toMatchObject({ code: 'conflict' });
		const other = await asked(w, 'Second one', participant(), 'Rūta');
		await qaService.moderateQuestion(w.ctx, w.moderator, first.id, { action: 'highlight', on: true });
		await qaService.moderateQuestion(w.ctx, w.moderator, other.id, { action: 'highlight', on: true });
		const rows = await w.db.query<{ id: string }>('select id from questions where highlighted');
		expect(rows.map((r) => r.id)).toEqual([other.id]);
		for (let i = 0; i < 20; i++) await qaService.saveLabel(w.ctx, w.moderator, w.sessionId, { id: randomId(), name: `Label ${i}` });
		await expect(qaService.saveLabel(w.ctx, w.moderator, w.sessionId, { id: randomId(), name: 'One too many' })).rejects.toMatchObject({ code: 'conflict' });
		await qaService.updateSettings(w.ctx, w.moderator, w.sessionId, { enabled: false, premoderation: false, identity: 'anonymous', downvotes: false, maxLength: 300 });
		await expect(asked(w, 'Closed?')).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('Q7 two moderators highlighting at once leave exactly one highlight; unhighlighting touches only that question', async () => {
		const a = await asked(w, 'Question A for the highlight race');
		const b = await asked(w, 'Question B for the highlight race');
		const results = await Promise.allSettled([
			qaService.moderateQuestion(w.ctx, w.moderator, a.id, { action: 'highlight', on: true }),
			qaService.moderateQuestion(w.ctx, w.organiser, b.id, { action: 'highlight', on: true })
		]);
		expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
		const lit = await w.db.query<{ id: string }>('select id from questions where highlighted');
		expect(lit).toHaveLength(1);
		const other = lit[0].id === a.id ? b.id : a.id;
		await qaService.moderateQuestion(w.ctx, w.moderator, other, { action: 'highlight', on: false });
		expect(await w.db.query('select id from questions where highlighted')).toEqual(lit);
	});

	it('Q7 the star queue stays a clean sequence, even when a moderator reorders from a stale list', async () => {
		const qs = [];
		for (const t of ['Star one', 'Star two', 'Star three']) qs.push(await asked(w, `${t} question`));
		await Promise.all(qs.map((q) => qaService.moderateQuestion(w.ctx, w.moderator, q.id, { action: 'star', on: true })));
		await qaService.reorderStars(w.ctx, w.moderator, w.sessionId, [qs[2].id, qs[0].id]); // stale: misses qs[1]
		const rows = await w.db.query<{ id: string; star_position: number }>('select id, star_position from questions where star_position is not null order by star_position');
		expect(rows.map((r) => r.star_position)).toEqual([0, 1, 2]);
		expect(rows.map((r) => r.id)).toEqual([qs[2].id, qs[0].id, qs[1].id]);
	});

	it('A2 event-wide lists belong to the organiser: a session moderator may add a label but not rename, delete or edit profanity', async () => {
		const label = { id: randomId(), name: 'Mobility', public: true };
		await qaService.saveLabel(w.ctx, w.moderator, w.sessionId, label);
		await expect(qaService.saveLabel(w.ctx, w.moderator, w.sessionId, { ...label, name: 'Renamed' })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(qaService.deleteLabel(w.ctx, w.moderator, w.sessionId, label.id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(qaService.editProfanity(w.ctx, w.moderator, w.sessionId, { language: 'en', term: 'drat', action: 'add' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await qaService.saveLabel(w.ctx, w.organiser, w.sessionId, { ...label, name: 'Transport' });
		await expect(qaService.saveLabel(w.ctx, w.organiser, w.sessionId, { id: randomId(), name: 'Transport' })).rejects.toMatchObject({
			code: 'conflict'
		});
		await qaService.editProfanity(w.ctx, w.organiser, w.sessionId, { language: 'en', term: 'drat', action: 'add' });
		expect((await asked(w, 'Oh drat, the tram is late')).state).toBe('pending');
	});
});
