import { DomainError, isDomainError, toErrorBody } from '$lib/domain/errors';
import { parse, uuid } from '$lib/domain/validate';
import { PROTOCOL_VERSION, rooms, type Ack, type ClientToServer, type Role, type ServerToClient } from '$lib/realtime/protocol';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { authenticate, type Actor } from '../access/access.service';
import type { Ctx } from '../context';
import { requireSessionOf } from '../events/events.service';
import { participantFromCookieHeader } from '../participants/participantCookie';
import * as pollsService from '../polls/polls.service';
import { castVote } from '../polls/voting.service';
import { snapshot } from '../sessions/sessionViews';
import * as qaService from '../qa/qa.service';
import * as wallService from '../wall/wall.service';
import * as cloudService from '../wordcloud/wordcloud.service';
import { duplicatesOf } from '../qa/duplicates';
import * as kernel from '../activity/activity.service';
import { setStage } from '../activity/activity.service';
import { moderatorCommand, type ModeratorCommand } from '$lib/realtime/commands';
import { asDomainError } from '../errors';
import type { Receipt } from '../db/writeQueue';

interface SocketData {
	sessionId: string;
	role: Role;
	actor: Actor | null;
	participantId: string | null;
}

type PlenumServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type PlenumSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

const handshake = z.object({
	sessionId: uuid,
	token: z.string().max(100).optional(),
	view: z.literal('stage').optional(),
	v: z.number().int().optional()
});

/** Authenticates every socket at the handshake and wires the protocol's handlers to the services. */
export function attachSocketHandlers(io: PlenumServer, ctx: Ctx): void {
	io.use((socket, next) => {
		authenticateSocket(ctx, socket).then(
			(data) => {
				socket.data = data;
				next();
			},
			(e) => {
				const err = new Error(isDomainError(e) ? e.message : 'Could not connect.') as Error & { data?: unknown };
				err.data = isDomainError(e) ? toErrorBody(e) : { code: 'unavailable', message: 'Could not connect.' };
				next(err);
			}
		);
	});

	io.on('connection', (socket) => {
		const { sessionId, role, participantId } = socket.data;
		void socket.join(roomFor(role, sessionId));
		if (participantId) void socket.join(rooms.participant(participantId));
		ctx.hub.watchSession(sessionId);

		socket.on('snapshot', (ack) =>
			respond(ack, async () => {
				ctx.limits.snapshots.take(socket.id, 'requests');
				const snap = await snapshot(ctx, sessionId, role, participantId);
				if (!snap) throw new DomainError('not_found', 'This session no longer exists.');
				for (const id of snap.answered) void socket.join(rooms.voted(id));
				// Updates this socket is still owed are older than the snapshot: they go first.
				await ctx.hub.flushed(socket.id);
				return snap;
			})
		);

		// Actions that store something: the ack carries the number of the commit that stored it (or,
		// for a retry of an earlier action, of the last commit), so the sender knows which update first
		// includes it (every update carries the last commit number read before it).
		const storing = <T>(ack: unknown, fn: (receipt: Receipt) => Promise<T>) => {
			const receipt: Receipt = { seq: 0 };
			respond(
				ack,
				() => fn(receipt),
				() => receipt.seq || ctx.queue.committedSeq
			);
		};

		socket.on('vote', (payload, ack) =>
			storing(ack, async (receipt) => {
				if (role !== 'audience' || !participantId) throw new DomainError('forbidden', 'Only audience members vote.');
				const p = (payload ?? {}) as Partial<{ pollId: unknown; choices: unknown; submissionId: unknown }>;
				return castVote(ctx, participantId, p.pollId, { choices: p.choices, submissionId: p.submissionId }, socket.handshake.address, receipt);
			})
		);

		const audienceOnly = () => {
			if (role !== 'audience' || !participantId) throw new DomainError('forbidden', 'Only audience members do this.');
			return participantId;
		};
		socket.on('qa:ask', (payload, ack) => storing(ack, async (receipt) => qaService.ask(ctx, audienceOnly(), sessionId, payload, socket.handshake.address, receipt)));
		socket.on('qa:vote', (payload, ack) =>
			storing(ack, async (receipt) => {
				const p = (payload ?? {}) as Partial<{ questionId: unknown; value: unknown; submissionId: unknown }>;
				return qaService.vote(ctx, audienceOnly(), p.questionId, { value: p.value, submissionId: p.submissionId }, socket.handshake.address, receipt);
			})
		);
		socket.on('qa:similar', (payload, ack) =>
			respond(ack, async () => {
				ctx.limits.snapshots.take(`similar:${socket.id}`, 'requests');
				return qaService.suggest(ctx, sessionId, (payload as { text?: unknown } | null)?.text);
			})
		);

		socket.on('cloud:submit', (payload, ack) =>
			storing(ack, async (receipt) => {
				const { cloudId, ...entry } = (payload ?? {}) as { cloudId?: unknown } & Record<string, unknown>;
				return cloudService.submit(ctx, audienceOnly(), cloudId, entry, socket.handshake.address, receipt);
			})
		);
		socket.on('wall:answer', (payload, ack) =>
			storing(ack, async (receipt) => {
				const { wallId, ...answer } = (payload ?? {}) as { wallId?: unknown } & Record<string, unknown>;
				return wallService.submit(ctx, audienceOnly(), wallId, answer, socket.handshake.address, receipt);
			})
		);
		socket.on('wall:vote', (payload, ack) =>
			storing(ack, async (receipt) => {
				const { answerId, ...vote } = (payload ?? {}) as { answerId?: unknown } & Record<string, unknown>;
				return wallService.vote(ctx, audienceOnly(), answerId, vote, socket.handshake.address, receipt);
			})
		);

		socket.on('act', (payload, ack) =>
			storing(ack, async (receipt) => {
				const p = (payload ?? {}) as Partial<{ activityId: unknown; action: unknown; payload: unknown }>;
				return kernel.act(ctx, audienceOnly(), p.activityId, p.action, p.payload, socket.handshake.address, receipt);
			})
		);

		socket.on('command', (cmd, ack) =>
			respond(ack, async () => {
				if (role !== 'moderator' || !socket.data.actor) throw new DomainError('forbidden', 'Moderator access is required.');
				ctx.limits.commands.take(socket.data.actor.grant.id, 'actions');
				return runCommand(ctx, socket.data.actor, sessionId, parse(moderatorCommand, cmd));
			})
		);
	});
}

async function authenticateSocket(ctx: Ctx, socket: PlenumSocket): Promise<SocketData> {
	const auth = parse(handshake, socket.handshake.auth);
	if (auth.v !== undefined && auth.v !== PROTOCOL_VERSION) throw new DomainError('outdated', 'This page is out of date: reload it.');
	if (auth.token) {
		const actor = await authenticate(ctx.db, auth.token);
		await requireSessionOf(ctx, actor, auth.sessionId, ['moderator', 'stage']);
		const role: Role = actor.grant.role === 'stage' || auth.view === 'stage' ? 'stage' : 'moderator';
		return { sessionId: auth.sessionId, role, actor, participantId: null };
	}
	const participantId = participantFromCookieHeader(socket.handshake.headers.cookie);
	return { sessionId: auth.sessionId, role: 'audience', actor: null, participantId };
}

function roomFor(role: Role, sessionId: string): string {
	if (role === 'moderator') return rooms.moderators(sessionId);
	if (role === 'stage') return rooms.stage(sessionId);
	return rooms.audience(sessionId);
}

async function runCommand(ctx: Ctx, actor: Actor, sessionId: string, cmd: ModeratorCommand): Promise<unknown> {
	switch (cmd.type) {
		case 'activity.create':
			return kernel.create(ctx, actor, cmd.kind, sessionId, cmd.id, cmd.input);
		case 'activity.update':
			return kernel.update(ctx, actor, cmd.id, cmd.input);
		case 'activity.delete':
			return kernel.remove(ctx, actor, cmd.id);
		case 'activity.reorder':
			return kernel.reorder(ctx, actor, sessionId, cmd.ids);
		case 'activity.open':
		case 'activity.close':
		case 'activity.reset':
		case 'activity.reveal':
			return kernel.lifecycle(ctx, actor, cmd.id, cmd.type.slice('activity.'.length) as 'open' | 'close' | 'reset' | 'reveal');
		case 'poll.create':
			return pollsService.create(ctx, actor, sessionId, cmd.pollId, cmd.input);
		case 'poll.update':
			return pollsService.update(ctx, actor, cmd.pollId, cmd.input);
		case 'poll.delete':
			return pollsService.remove(ctx, actor, cmd.pollId);
		case 'poll.reorder':
			return pollsService.reorder(ctx, actor, sessionId, cmd.ids);
		case 'poll.open':
		case 'poll.close':
		case 'poll.reset':
		case 'poll.reveal':
			return pollsService.act(ctx, actor, cmd.pollId, cmd.type.slice('poll.'.length) as 'open' | 'close' | 'reset' | 'reveal');
		case 'stage.set':
			return setStage(ctx, actor, sessionId, { mode: cmd.mode, activityId: cmd.activityId ?? cmd.pollId ?? null });
		case 'cloud.create':
			return cloudService.create(ctx, actor, sessionId, cmd.cloudId, cmd.input);
		case 'cloud.open':
		case 'cloud.close':
		case 'cloud.reset':
		case 'cloud.reveal':
			return cloudService.act(ctx, actor, cmd.cloudId, cmd.type.slice('cloud.'.length) as 'open' | 'close' | 'reset' | 'reveal');
		case 'cloud.group':
			return cloudService.groupAction(ctx, actor, cmd.cloudId, cmd.input);
		case 'wall.create':
			return wallService.create(ctx, actor, sessionId, cmd.wallId, cmd.input);
		case 'wall.update':
			return wallService.update(ctx, actor, cmd.wallId, cmd.input);
		case 'wall.open':
		case 'wall.close':
		case 'wall.reset':
		case 'wall.reveal':
			return wallService.act(ctx, actor, cmd.wallId, cmd.type.slice('wall.'.length) as 'open' | 'close' | 'reset' | 'reveal');
		case 'answer.moderate':
			return wallService.moderate(ctx, actor, cmd.answerId, cmd.input);
		case 'question.moderate':
			return qaService.moderateQuestion(ctx, actor, cmd.questionId, cmd.input);
		case 'question.stars':
			return qaService.reorderStars(ctx, actor, sessionId, cmd.ids);
		case 'question.duplicates':
			return duplicatesOf(ctx, actor, cmd.questionId);
		case 'qa.settings':
			return qaService.updateSettings(ctx, actor, sessionId, cmd.input);
		case 'label.save':
			return qaService.saveLabel(ctx, actor, sessionId, cmd.input);
		case 'label.delete':
			return qaService.deleteLabel(ctx, actor, sessionId, cmd.labelId);
		case 'profanity.edit':
			return qaService.editProfanity(ctx, actor, sessionId, cmd.input);
		case 'profanity.list':
			return qaService.profanityEdits(ctx, actor, sessionId);
		case 'log.list':
			return qaService.moderationLog(ctx, actor, sessionId);
	}
}

/** Runs a handler and acknowledges with data (and, for stored actions, their commit number) or a 4xx-style error. Messages without an ack are dropped. */
function respond<T>(ack: unknown, fn: () => Promise<T>, seq?: () => number): void {
	if (typeof ack !== 'function') return;
	const reply = ack as (res: Ack<T>) => void;
	fn().then(
		(data) => reply(seq ? { ok: true, data, seq: seq() } : { ok: true, data }),
		(e) => {
			const known = asDomainError(e);
			if (known) return reply({ ok: false, error: toErrorBody(known) });
			console.error('socket handler failed', e);
			reply({ ok: false, error: { code: 'unavailable', message: 'The server could not complete this; please retry.' } });
		}
	);
}
