import { z } from 'zod';

/** Events and their sessions: the shapes organisers send. Pure. */

export const supportedLanguages = ['en', 'lt'] as const;

const title = (what: string, max = 200) =>
	z
		.string({ message: `${what} must be text` })
		.trim()
		.min(1, `${what} must not be empty`)
		.max(max, `${what} must be at most ${max} characters`);

const isoDate = z.iso
	.datetime({ offset: true, local: true, message: 'must be an ISO date-time' })
	.transform((s) => new Date(s));

export const eventInput = z.strictObject({
	name: title('name'),
	languages: z.array(z.enum(supportedLanguages)).min(1).max(10).default(['en'])
});

/** Editing an event: only the fields sent change. */
export const eventPatch = z.strictObject({
	name: title('name').optional(),
	languages: z.array(z.enum(supportedLanguages)).min(1).max(10).optional()
});
export type EventInput = z.output<typeof eventInput>;

const sessionFields = {
	title: title('title'),
	room: z.string().trim().max(100, 'room must be at most 100 characters').default(''),
	startsAt: isoDate.nullable().optional(),
	endsAt: isoDate.nullable().optional(),
	position: z.number().int().min(0).max(10_000).optional()
};

const endsAfterStart: [(s: { startsAt?: Date | null; endsAt?: Date | null }) => boolean, { message: string; path: string[] }] = [
	(s) => !s.startsAt || !s.endsAt || s.endsAt >= s.startsAt,
	{ message: 'endsAt must not be before startsAt', path: ['endsAt'] }
];

/** Creating a session; an optional client-chosen id makes a retried create harmless. */
export const sessionInput = z
	.strictObject({ id: z.uuid({ message: 'id must be a UUID' }).optional(), ...sessionFields })
	.refine(...endsAfterStart);

/** Editing a session: only the fields sent change. */
export const sessionPatch = z
	.strictObject({ ...sessionFields, room: sessionFields.room.optional(), title: sessionFields.title.optional() })
	.refine(...endsAfterStart);

/** Whether a session's times, after an edit, still make sense. */
export function timesValid(startsAt: string | null, endsAt: string | null): boolean {
	return !startsAt || !endsAt || new Date(endsAt) >= new Date(startsAt);
}

export type SessionInput = z.output<typeof sessionInput>;

export interface EventInfo {
	id: string;
	name: string;
	joinCode: string;
	languages: string[];
}

export interface SessionInfo {
	id: string;
	eventId: string;
	title: string;
	room: string;
	startsAt: string | null;
	endsAt: string | null;
	position: number;
}
