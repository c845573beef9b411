import * as kernel from '$lib/server/activity/activity.service';
import { expect, it } from 'vitest';
import { randomId } from '../../src/lib/domain/ids';
import { rooms } from '../../src/lib/realtime/protocol';
import { authenticate } from '../../src/lib/server/access/access.service';
import { createEvent, createSession, findByCode, organiserOverview, updateSession } from '../../src/lib/server/events/events.service';
import * as pollsService from '../../src/lib/server/polls/polls.service';
import { castVote } from '../../src/lib/server/polls/voting.service';
import { describeEachDatabase } from './databases';
import { openPoll, participant, worldPerTest } from './harness';

describeEachDatabase('moderation and access', (open) => {
	const w = worldPerTest(open);

	it('A2 a moderator link covers its own session only; an organiser covers every session of its event only', async () => {
		const other = await createSession(w.ctx, w.organiser, { title: 'Challenge 2' });
		const poll = await openPoll(w);
		await expect(pollsService.list(w.ctx, w.moderator, other.id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(pollsService.transition(w.ctx, await authenticate(w.db, other.moderatorToken), poll.id, 'close')).rejects.toMatchObject({
			code: 'forbidden'
		});
		const stageActor = await authenticate(w.db, other.stageToken);
		await expect(pollsService.list(w.ctx, stageActor, other.id)).rejects.toMatchObject({ code: 'forbidden' });
		expect(await pollsService.list(w.ctx, w.organiser, other.id)).toEqual([]);

		const { organiserToken } = await createEvent(w.ctx, { name: 'Another event' });
		const stranger = await authenticate(w.db, organiserToken);
		await expect(pollsService.transition(w.ctx, stranger, poll.id, 'close')).rejects.toMatchObject({ code: 'forbidden' });
		await expect(authenticate(w.db, 'A'.repeat(43))).rejects.toMatchObject({ code: 'forbidden' });
		await expect(authenticate(w.db, null)).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('A3 tokens are stored only as hashes', async () => {
		const { organiserToken } = await createEvent(w.ctx, { name: 'Hash check' });
		const rows = await w.db.query<{ token_hash: string }>('select token_hash from access_grants');
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) {
			expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
			expect(r.token_hash).not.toContain(organiserToken);
		}
		const overview = await organiserOverview(w.ctx, w.organiser);
		const dump = JSON.stringify(await w.db.query('select * from access_grants'));
		expect(dump).not.toContain(overview.sessions[0].moderatorToken);
		expect(dump).not.toContain(overview.sessions[0].stageToken);
	});

	it('P7 editing: wording may change with votes, options may not; reorder and delete work and are logged', async () => {
		const a = await openPoll(w, { question: 'First' });
		const b = await openPoll(w, { question: 'Second' });
		await castVote(w.ctx, participant(), a.id, { choices: ['a'], submissionId: randomId() });
		const edited = await pollsService.update(w.ctx, w.moderator, a.id, { question: 'First, fixed', options: ['Trees!', 'Trams', 'Bikes'] });
		expect(edited.question).toBe('First, fixed');
		expect(edited.options[0]).toEqual({ id: 'a', label: 'Trees!' });
		await expect(pollsService.update(w.ctx, w.moderator, a.id, { question: 'X', options: ['A', 'B'] })).rejects.toMatchObject({
			code: 'conflict'
		});
		const reordered = await pollsService.reorder(w.ctx, w.moderator, w.sessionId, [b.id, a.id]);
		expect(reordered.map((p) => p.question)).toEqual(['Second', 'First, fixed']);
		await pollsService.remove(w.ctx, w.moderator, b.id);
		expect((await pollsService.list(w.ctx, w.moderator, w.sessionId)).map((p) => p.id)).toEqual([a.id]);
		const log = await w.db.query<{ action: string }>('select action from moderation_log where session_id = $1 order by id', [w.sessionId]);
		expect(log.map((l) => l.action)).toEqual(['poll.create', 'poll.open', 'poll.create', 'poll.open', 'poll.update', 'poll.reorder', 'poll.delete']);
	});

	it('P9 a retried poll create is harmless; a poll id from another session is a conflict', async () => {
		const id = randomId();
		const input = { question: 'Once?', options: ['Yes', 'No'] };
		await pollsService.create(w.ctx, w.moderator, w.sessionId, id, input);
		await pollsService.create(w.ctx, w.moderator, w.sessionId, id, input);
		expect(await pollsService.list(w.ctx, w.moderator, w.sessionId)).toHaveLength(1);
		const other = await createSession(w.ctx, w.organiser, { title: 'Other' });
		await expect(pollsService.create(w.ctx, w.organiser, other.id, id, input)).rejects.toMatchObject({ code: 'conflict' });
	});

	it('S1 stage choice is validated, stored and broadcast to every role; the active poll follows opening', async () => {
		const poll = await openPoll(w);
		await kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'results', pollId: poll.id });
		await expect(kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'results', pollId: null })).rejects.toMatchObject({
			code: 'invalid_input'
		});
		await expect(kernel.setStage(w.ctx, w.moderator, w.sessionId, { mode: 'question', pollId: randomId() })).rejects.toMatchObject({
			code: 'not_found'
		});
		await w.ctx.hub.sessionChanged(w.sessionId);
		const stageViews = w.out.to(rooms.stage(w.sessionId), 'state') as { stage: unknown; poll: { id: string } | null }[];
		expect(stageViews.at(-1)).toMatchObject({ stage: { mode: 'results', activityId: poll.id }, poll: { id: poll.id }, activity: { kind: 'poll', id: poll.id } });
		const audienceViews = w.out.to(rooms.audience(w.sessionId), 'state') as { poll: { id: string; state: string } | null }[];
		expect(audienceViews.at(-1)!.poll).toMatchObject({ id: poll.id, state: 'open' });
		// Audience views never carry other polls or the stage choice.
		expect(JSON.stringify(audienceViews.at(-1))).not.toContain('"polls"');
	});

	it('E1 sessions: edits merge, times are checked against stored values, join codes are case-insensitive', async () => {
		await updateSession(w.ctx, w.organiser, w.sessionId, { startsAt: '2026-06-01T10:00:00Z', endsAt: '2026-06-01T11:00:00Z' });
		const renamed = await updateSession(w.ctx, w.organiser, w.sessionId, { title: 'Plenary, day 1' });
		expect(renamed).toMatchObject({ title: 'Plenary, day 1', startsAt: '2026-06-01T10:00:00.000Z' });
		await expect(updateSession(w.ctx, w.organiser, w.sessionId, { endsAt: '2026-06-01T09:00:00Z' })).rejects.toMatchObject({
			code: 'invalid_input'
		});
		await expect(updateSession(w.ctx, w.moderator, w.sessionId, { title: 'Hijack' })).rejects.toMatchObject({ code: 'forbidden' });
		const { event } = await organiserOverview(w.ctx, w.organiser);
		const found = await findByCode(w.ctx, ` ${event.joinCode.toLowerCase().slice(0, 3)}-${event.joinCode.toLowerCase().slice(3)} `);
		expect(found.event.id).toBe(event.id);
		await expect(findByCode(w.ctx, 'OOOOOO')).rejects.toMatchObject({ code: 'invalid_input' });
	});

	it('R3 a poll made hidden starts unrevealed; only hidden polls can be revealed', async () => {
		const poll = await openPoll(w, { visibility: 'live' });
		await expect(pollsService.reveal(w.ctx, w.moderator, poll.id)).rejects.toMatchObject({ code: 'conflict' });
		const hidden = await pollsService.update(w.ctx, w.moderator, poll.id, { question: 'Q', options: ['A', 'B', 'C'], visibility: 'hidden' });
		expect(hidden).toMatchObject({ visibility: 'hidden', revealed: false });
		expect((await pollsService.reveal(w.ctx, w.moderator, poll.id)).revealed).toBe(true);
		// Switching to live and back to hidden does not carry the reveal over.
		await pollsService.update(w.ctx, w.moderator, poll.id, { question: 'Q', options: ['A', 'B', 'C'], visibility: 'live' });
		const again = await pollsService.update(w.ctx, w.moderator, poll.id, { question: 'Q', options: ['A', 'B', 'C'], visibility: 'hidden' });
		expect(again.revealed).toBe(false);
	});

	it('E2 a title-only edit keeps the room; control characters and impossible dates are a 400, not a database error', async () => {
		await updateSession(w.ctx, w.organiser, w.sessionId, { room: 'Hall B' });
		expect(await updateSession(w.ctx, w.organiser, w.sessionId, { title: 'Renamed' })).toMatchObject({ title: 'Renamed', room: 'Hall B' });
		await expect(updateSession(w.ctx, w.organiser, w.sessionId, { title: 'Bad\u0000title' })).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(updateSession(w.ctx, w.organiser, w.sessionId, { startsAt: '0000-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'invalid_input' });
		await expect(pollsService.create(w.ctx, w.moderator, w.sessionId, randomId(), { question: 'Nul\u0000?', options: ['A', 'B'] })).rejects.toMatchObject({
			code: 'invalid_input'
		});
	});

	it('V7 ids are read case-insensitively: an upper-case poll id is the same poll', async () => {
		const poll = await openPoll(w);
		const me = participant();
		const first = await castVote(w.ctx, me, poll.id.toUpperCase(), { choices: ['a'], submissionId: randomId().toUpperCase() });
		expect(first.pollId).toBe(poll.id);
		await pollsService.transition(w.ctx, w.moderator, poll.id, 'close');
		await expect(castVote(w.ctx, me, poll.id.toUpperCase(), { choices: ['b'], submissionId: randomId() })).rejects.toMatchObject({
			code: 'poll_not_open'
		});
	});
});
