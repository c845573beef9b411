import * as polls from '$lib/domain/polls';
import type { ActivityKind } from './activityViews';
import type { AudienceView, CloudGroups, ModeratorView, Role, Snapshot, StageView, WallUpdate } from '$lib/realtime/protocol';
import type { Ctx } from '../context';
import type { Queryable } from '../db/driver';
import * as eventsRepo from '../events/events.repository';
import type { ActivityView } from '$lib/realtime/protocol';
import type { Wall } from '$lib/domain/wall';
import type { Wordcloud } from '$lib/domain/wordcloud';
import { modules } from '../activity/registry';
import * as pollsRepo from '../polls/polls.repository';
import * as votesRepo from '../polls/votes.repository';
import { participantExists } from '../participants/participants.repository';
import { buildMine } from '../qa/qaViews';
import * as wallService from '../wall/wall.service';
import * as cloudRepo from '../wordcloud/wordcloud.repository';

/**
 * What each role may see of a session. This is the only place that decides it, for socket
 * broadcasts and snapshots alike: phones get the active poll and no counts; the stage gets the
 * poll it shows; moderators get everything.
 */

type KindOf = ActivityView & { sessionId: string };
const activityView = ({ sessionId: _, ...rest }: KindOf): ActivityView => rest;
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
 * A full, role-filtered picture for a client that just connected or reconnected. The shared part
 * comes from the views the room was last sent; a phone that never acted costs one more read.
 */
export async function snapshot(ctx: Ctx, sessionId: string, role: Role, participantId: string | null): Promise<Snapshot | null> {
	const v = await ctx.views.views(sessionId);
	if (!v) return null;
	const q = (await ctx.views.qa(sessionId))!;
	const presence = ctx.hub.presenceOf(sessionId);
	const payloads = async (kind: ActivityKind, id: string) => (await ctx.views.activity(kind, id))!;
	if (role === 'moderator') {
		const tallies = await Promise.all(v.polls.map((p) => tallyFor(ctx, p, true)));
		const clouds = await Promise.all(v.clouds.map(async (c) => (await payloads('wordcloud', c.id)).moderator as CloudGroups));
		const walls = await Promise.all(v.walls.map(async (w) => (await payloads('wall', w.id)).moderator as WallUpdate));
		return { view: v.moderator, tallies, myVotes: {}, presence, qa: q.moderator, mine: null, clouds, walls, myActivity: null };
	}
	if (role === 'stage') {
		const tallies = v.stagedPoll ? [await tallyFor(ctx, v.stagedPoll, polls.stageSeesResults(v.stagedPoll))] : [];
		const gated = async (kind: ActivityKind, item: polls.Visible & { id: string }) => {
			const p = await payloads(kind, item.id);
			return polls.stageSeesResults(item) ? p.full : p.dark;
		};
		const clouds = v.stagedCloud ? [(await gated('wordcloud', v.stagedCloud)) as CloudGroups] : [];
		const walls = v.stagedWall ? [(await gated('wall', v.stagedWall)) as WallUpdate] : [];
		return { view: v.stage, tallies, myVotes: {}, presence, qa: q.stage, mine: null, clouds, walls, myActivity: null };
	}
	const poll = v.activePoll ?? null;
	const cloud = v.activeCloud;
	const wall = v.activeWall;
	// Most phones in a join wave have never acted: one read tells, and spares them the rest.
	const known = participantId !== null && (await participantExists(ctx.db, participantId));
	const myVotes = known && poll ? await votesRepo.myVotes(ctx.db, participantId, [poll.id]) : {};
	const mine = participantId ? (known ? await buildMine(ctx.db, sessionId, participantId, q.moderator.labels) : { sessionId, questions: [], votes: {} }) : null;
	const entries = known && cloud ? await cloudRepo.entriesOf(ctx.db, [cloud.id], participantId) : {};
	const myWall = participantId && wall ? (known ? await wallService.mine(ctx.db, wall.id, participantId) : { wallId: wall.id, answers: [], votes: [] }) : null;
	const tallies = [];
	if (poll && polls.audienceSeesResults(poll, poll.id in myVotes)) tallies.push(await tallyFor(ctx, poll, true));
	const clouds: CloudGroups[] = [];
	if (cloud && polls.audienceSeesResults(cloud, cloud.id in entries)) clouds.push((await payloads('wordcloud', cloud.id)).full as CloudGroups);
	const walls: WallUpdate[] = [];
	if (wall && polls.audienceSeesResults(wall, (myWall?.answers.length ?? 0) > 0)) walls.push((await payloads('wall', wall.id)).full as WallUpdate);
	const myActivity = participantId ? { entries, wall: myWall } : null;
	// Phones get no presence count: it is the moderator's business.
	return { view: v.audience, tallies, myVotes, presence: 0, qa: q.audience, mine, clouds, walls, myActivity };
}

async function tallyFor(ctx: Ctx, poll: polls.Poll, withCounts: boolean): Promise<polls.Tally> {
	const t = await ctx.views.tally(poll.id);
	return { pollId: poll.id, version: t?.version ?? 0, seq: t?.seq ?? 0, voters: t?.voters ?? 0, counts: withCounts && t ? t.counts : null };
}
