import * as polls from '$lib/domain/polls';
import type { AudienceView, ModeratorView, PollView, Role, Snapshot, StageView } from '$lib/realtime/protocol';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';
import * as eventsRepo from '../events/events.repository';
import * as pollsRepo from '../polls/polls.repository';
import * as votesRepo from '../polls/votes.repository';
import { buildMine, buildQaViews } from '../qa/qaViews';

/**
 * What each role may see of a session. This is the only place that decides it, for socket
 * broadcasts and snapshots alike: phones get the active poll and no counts; the stage gets the
 * poll it shows; moderators get everything.
 */

const view = ({ sessionId: _, ...rest }: polls.Poll): PollView => rest;

export async function buildViews(db: Queryable, sessionId: string) {
	const session = await eventsRepo.findSession(db, sessionId);
	if (!session) return null;
	const event = (await eventsRepo.findEvent(db, session.eventId))!;
	const all = await pollsRepo.listPolls(db, sessionId);
	const byId = new Map(all.map((p) => [p.id, p]));
	const header = {
		sessionId,
		title: session.title,
		room: session.room,
		eventName: event.name,
		joinCode: event.joinCode,
		languages: event.languages
	};
	const active = session.activePollId ? byId.get(session.activePollId) : undefined;
	const staged = session.stage.pollId ? byId.get(session.stage.pollId) : undefined;
	// Phones never see drafts: a reset poll disappears until it is opened again.
	const audience: AudienceView = { ...header, role: 'audience', poll: active && active.state !== 'draft' ? view(active) : null };
	const stage: StageView = { ...header, role: 'stage', stage: session.stage, poll: staged ? view(staged) : null };
	const moderator: ModeratorView = {
		...header,
		role: 'moderator',
		stage: session.stage,
		activePollId: session.activePollId,
		polls: all.map(view)
	};
	return { audience, stage, moderator, polls: all, active, staged };
}

export async function computeTally(db: Queryable, pollId: string) {
	const poll = await pollsRepo.findPoll(db, pollId);
	if (!poll) return null;
	const t = await pollsRepo.tally(db, pollId);
	return { poll, voters: t.voters, counts: polls.countsFor(poll, t.rows) };
}

/** A full, role-filtered picture for a client that just connected or reconnected. */
export async function snapshot(ctx: Ctx, sessionId: string, role: Role, participantId: string | null): Promise<Snapshot | null> {
	const v = await buildViews(ctx.db, sessionId);
	if (!v) return null;
	const q = (await buildQaViews(ctx.db, sessionId, ctx.hub.nextVersion(`qa:${sessionId}`)))!;
	const presence = ctx.hub.presenceOf(sessionId);
	if (role === 'moderator') {
		const tallies = await Promise.all(v.polls.map((p) => tallyFor(ctx, p, true)));
		return { view: v.moderator, tallies, myVotes: {}, presence, qa: q.moderator, mine: null };
	}
	if (role === 'stage') {
		const tallies = v.staged ? [await tallyFor(ctx, v.staged, polls.stageSeesResults(v.staged))] : [];
		return { view: v.stage, tallies, myVotes: {}, presence, qa: q.stage, mine: null };
	}
	const poll = v.audience.poll ? v.active! : null;
	const myVotes = participantId && poll ? await votesRepo.myVotes(ctx.db, participantId, [poll.id]) : {};
	const tallies = [];
	if (poll && polls.audienceSeesResults(poll, poll.id in myVotes)) {
		tallies.push(await tallyFor(ctx, poll, true));
	}
	// Phones get no presence count: it is the moderator's business.
	const mine = participantId ? await buildMine(ctx.db, sessionId, participantId) : null;
	return { view: v.audience, tallies, myVotes, presence: 0, qa: q.audience, mine };
}

async function tallyFor(ctx: Ctx, poll: polls.Poll, withCounts: boolean): Promise<polls.Tally> {
	const version = ctx.hub.nextVersion(poll.id); // before the read, as in the hub
	const t = await pollsRepo.tally(ctx.db, poll.id);
	return {
		pollId: poll.id,
		version,
		voters: t.voters,
		counts: withCounts ? polls.countsFor(poll, t.rows) : null
	};
}
