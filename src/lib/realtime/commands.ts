import { uuid } from '$lib/domain/validate';
import { z } from 'zod';

/**
 * Moderator commands over the socket: the one definition. The server validates with it; the type
 * clients send is derived from it (protocol.ts imports the type only, so phones never load zod).
 * Every command has a `type`; inputs are validated again by the service or module that runs them.
 */
const lifecycle = ['open', 'close', 'reset', 'reveal'] as const;

export const moderatorCommand = z.discriminatedUnion('type', [
	// Any activity, of any registered kind.
	z.strictObject({ type: z.literal('activity.create'), kind: z.string().max(40), id: uuid, input: z.unknown() }),
	z.strictObject({ type: z.literal('activity.update'), id: uuid, input: z.unknown() }),
	z.strictObject({ type: z.enum(['activity.delete', ...lifecycle.map((a) => `activity.${a}` as const)]), id: uuid }),
	z.strictObject({ type: z.literal('activity.reorder'), ids: z.array(uuid).max(500) }),
	z.strictObject({ type: z.literal('stage.set'), mode: z.string().max(20), activityId: uuid.nullable().optional(), pollId: uuid.nullable().optional() }),
	// The first formats' own commands, kept for the consoles and scripts that send them.
	z.strictObject({ type: z.literal('poll.create'), pollId: uuid, input: z.unknown() }),
	z.strictObject({ type: z.literal('poll.update'), pollId: uuid, input: z.unknown() }),
	z.strictObject({ type: z.literal('poll.delete'), pollId: uuid }),
	z.strictObject({ type: z.literal('poll.reorder'), ids: z.array(uuid).max(500) }),
	z.strictObject({ type: z.enum(lifecycle.map((a) => `poll.${a}` as const)), pollId: uuid }),
	z.strictObject({ type: z.literal('cloud.create'), cloudId: uuid, input: z.unknown() }),
	z.strictObject({ type: z.enum(lifecycle.map((a) => `cloud.${a}` as const)), cloudId: uuid }),
	z.strictObject({ type: z.literal('cloud.group'), cloudId: uuid, input: z.unknown() }),
	z.strictObject({ type: z.literal('wall.create'), wallId: uuid, input: z.unknown() }),
	z.strictObject({ type: z.literal('wall.update'), wallId: uuid, input: z.unknown() }),
	z.strictObject({ type: z.enum(lifecycle.map((a) => `wall.${a}` as const)), wallId: uuid }),
	z.strictObject({ type: z.literal('answer.moderate'), answerId: uuid, input: z.unknown() }),
	// Q&A and the session.
	z.strictObject({ type: z.literal('question.moderate'), questionId: uuid, input: z.unknown() }),
	z.strictObject({ type: z.literal('question.stars'), ids: z.array(uuid).max(500) }),
	z.strictObject({ type: z.literal('question.duplicates'), questionId: uuid }),
	z.strictObject({ type: z.literal('qa.settings'), input: z.unknown() }),
	z.strictObject({ type: z.literal('label.save'), input: z.unknown() }),
	z.strictObject({ type: z.literal('label.delete'), labelId: uuid }),
	z.strictObject({ type: z.literal('profanity.edit'), input: z.unknown() }),
	z.strictObject({ type: z.literal('profanity.list') }),
	z.strictObject({ type: z.literal('log.list') })
]);

export type ModeratorCommand = z.output<typeof moderatorCommand>;
