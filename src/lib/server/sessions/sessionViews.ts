import * as polls from '$lib/domain/polls';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';
import * as eventsRepo from '../events/events.repository';
import type { ActivityResults, ActivityView, AudienceView, CloudGroups, ModeratorView, Role, Snapshot, StageView, WallUpdate } from '$lib/realtime/protocol';
import { forRole } from '../activity/gate';
import type { MyWall, Wall } from '$lib/domain/wall';
import type { Wordcloud } from '$lib/domain/wordcloud';
import { moduleOf, modules } from '../activity/registry';
import * as pollsRepo from '../polls/polls.repository';
import { participantExists } from '../participants/participants.repository';
import { buildMine } from '../qa/qaViews';

/**
 * What each role may see of a session. This is the only place that decides it, for socket
 * broadcasts and snapshots alike: phones get the active poll and no counts; the stage gets the
 * poll it shows; moderators get everything.
 */

type KindOf = ActivityView & { sessionId: string };
const activityView = ({ sessionId: _, ...rest }: KindOf): ActivityView => ({ ...rest, title: moduleOf(rest.kind).title(rest) });
type Poll = polls.Poll;

const view = <T extends { sessionId: string }>({ sessionId: _, ...rest }: T): Omit<T, 'sessionId'> => rest;

export async function buildViews(db: Queryable, sessionId: string) {
	const session = await eventsRepo.findSession(db, sessionId);
	if (!session) return null;
	const event = (await eventsRepo.findEvent(db, session.eventId))!;
	const lists = await Promise.all(modules.map(async (m) => (await m.list(db, sessionId)).map((a) => ({ ...a, kind: m.kind }) as KindOf)));
	const all = lists.flat().sort((a, b) => a.position - b.position);
	const byId = new Map(all.map((a) => [a.id, a]));
	const header = {
		sessionId,
		title: session.title,
		room: session.room,
		eventName: event.name,
		joinCode: event.joinCode,
		languages: event.languages
	};
	// Phones never see drafts: a reset activity disappears until it is opened again.
	const activeAny = session.activeActivityId ? byId.get(session.activeActivityId) : undefined;
	const active = activeAny && activeAny.state !== 'draft' ? activeAny : undefined;
	const staged = session.stage.activityId ? byId.get(session.stage.activityId) : undefined;
	const ofKind = <T>(a: KindOf | undefined, kind: string) => (a?.kind === kind ? (a as unknown as T & { sessionId: string }) : undefined);
	const polls = all.filter((a) => a.kind === 'poll') as unknown as Poll[];
	const clouds = all.filter((a) => a.kind === 'wordcloud') as unknown as Wordcloud[];
	const walls = all.filter((a) => a.kind === 'wall') as unknown as Wall[];
	const activePoll = ofKind<Poll>(active, 'poll');
	const activeCloud = ofKind<Wordcloud>(active, 'wordcloud');
	const activeWall = ofKind<Wall>(active, 'wall');
	const stagedPoll = ofKind<Poll>(staged, 'poll');
	const stagedCloud = ofKind<Wordcloud>(staged, 'wordcloud');
	const stagedWall = ofKind<Wall>(staged, 'wall');
	const audience: AudienceView = {
		...header,
		role: 'audience',
		activity: active ? activityView(active) : null,
		poll: activePoll ? view(activePoll) : null,
		cloud: activeCloud ? view(activeCloud) : null,
		wall: activeWall ? view(activeWall) : null
	};
	const stage: StageView = {
		...header,
		role: 'stage',
		stage: session.stage,
		activity: staged ? activityView(staged) : null,
		poll: stagedPoll ? view(stagedPoll) : null,
		cloud: stagedCloud ? view(stagedCloud) : null,
		wall: stagedWall ? view(stagedWall) : null
	};
	const moderator: ModeratorView = {
		...header,
		role: 'moderator',
		stage: session.stage,
		activeActivityId: session.activeActivityId,
		activities: all.map(activityView),
		polls: polls.map(view),
		clouds: clouds.map(view),
		walls: walls.map(view)
	};
	return {
		eventId: event.id,
		audience,
		stage,
		moderator,
		all,
		active,
		staged,
		polls,
		clouds,
		walls,
		activePoll,
		activeCloud,
		activeWall,
		stagedPoll,
		stagedCloud,
		stagedWall
	};
}

export async function computeTally(db: Queryable, pollId: string) {
	const poll = await pollsRepo.findPoll(db, pollId);
	if (!poll) return null;
	const t = await pollsRepo.tally(db, pollId);
	return { poll, voters: t.voters, counts: polls.countsFor(poll, t.rows) };
}

/**
 * Where the first formats' results and answers go in a snapshot (their clients read these fields);
 * every later format's go in `results` and `answers`.
 */
const places: Record<string, { results: (s: Snapshot, p: unknown) => void; mine: (s: Snapshot, id: string, given: unknown) => void }> = {
	tally: {
		results: (s, p) => s.tallies.push(p as polls.Tally),
		mine: (s, id, given) => given !== null && (s.myVotes[id] = given as string[])
	},
	cloud: {
		results: (s, p) => s.clouds.push(p as CloudGroups),
		mine: (s, id, given) => given !== null && (s.myActivity!.entries[id] = given as { id: string; text: string }[])
	},
	wall: {
		results: (s, p) => s.walls.push(p as WallUpdate),
		mine: (s, id, given) => (s.myActivity!.wall = (given as MyWall | null) ?? { wallId: id, answers: [], votes: [] })
	},
	activity: {
		results: (s, p) => s.results.push(p as ActivityResults),
		mine: (s, id, given) => given !== null && (s.answers[id] = given)
	}
};

/**
 * A full, role-filtered picture for a client that just connected or reconnected. The shared part
 * comes from the views and results the room was last sent; what this client may see of them is the
 * gate's decision. A phone that never acted costs one more read.
 */
export async function snapshot(ctx: Ctx, sessionId: string, role: Role, participantId: string | null): Promise<Snapshot | null> {
	const v = await ctx.views.views(sessionId);
	if (!v) return null;
	const q = (await ctx.views.qa(sessionId))!;
	const view = role === 'moderator' ? v.moderator : role === 'stage' ? v.stage : v.audience;
	const s: Snapshot = {
		view,
		qa: role === 'moderator' ? q.moderator : role === 'stage' ? q.stage : q.audience,
		mine: null,
		tallies: [],
		myVotes: {},
		// Phones get no presence count: it is the moderator's business.
		presence: role === 'audience' ? 0 : ctx.hub.presenceOf(sessionId),
		clouds: [],
		walls: [],
		myActivity: role === 'audience' && participantId ? { entries: {}, wall: null } : null,
		results: [],
		answers: {},
		answered: []
	};
	const shown = role === 'moderator' ? v.all : [role === 'stage' ? v.staged : v.active].filter((a) => a !== undefined);
	// Most phones in a join wave have never acted: one read tells, and spares them the rest.
	const known = role === 'audience' && participantId !== null && (await participantExists(ctx.db, participantId));
	if (role === 'audience' && participantId) {
		s.mine = known ? await buildMine(ctx.db, sessionId, participantId, q.moderator.labels) : { sessionId, questions: [], votes: {} };
	}
	for (const a of shown) {
		const r = await ctx.views.activity(a.kind, a.id);
		if (!r) continue;
		let answered = false;
		if (role === 'audience' && participantId) {
			const m = moduleOf(a.kind);
			const given = known ? await m.mine(ctx.db, a.id, participantId) : null;
			answered = given !== null && (m.answered?.(given) ?? true);
			if (answered) s.answered.push(a.id);
			places[r.event].mine(s, a.id, given);
		}
		const payload = forRole(role, r.payloads, answered);
		if (payload) places[r.event].results(s, payload);
	}
	return s;
}
