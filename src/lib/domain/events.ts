import { z } from 'zod';
import { plainText } from './text';
import { uuid } from './validate';

/** Events and their sessions: the shapes organisers send. Pure. */

/**
 * The languages spoken in an event's rooms. They choose the content rules (stop words, stemming,
 * profanity lists); the interface itself is translated into fewer (see messages/).
 */
export const supportedLanguages = ['en', 'lt', 'de', 'fr', 'es', 'it', 'pl'] as const;

const title = (what: string, max = 200) => plainText(what, max).min(1, `${what} must not be empty`);

/** Times carry their offset (2026-05-12T09:30:00+03:00 or …Z), so no server time zone is assumed. */
const isoDate = z.iso
	.datetime({ offset: true, message: 'must be an ISO date-time with an offset, e.g. 2026-05-12T09:30:00+03:00' })
	.transform((s) => new Date(s))
	.refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2200, 'must be between the years 2000 and 2200');

export const eventInput = z.strictObject({
	name: title('name'),
	languages: z.array(z.enum(supportedLanguages)).min(1).max(10).default(['en'])
});

/** Editing an event: only the fields sent change. */
export const eventPatch = z.strictObject({
	name: title('name').optional(),
	languages: z.array(z.enum(supportedLanguages)).min(1).max(10).optional()
});
const sessionFields = {
	title: title('title'),
	room: plainText('room', 100).default(''),
	startsAt: isoDate.nullable().optional(),
	endsAt: isoDate.nullable().optional(),
	position: z.number().int().min(0).max(10_000).optional()
};

const endsAfterStart: [(s: { startsAt?: Date | null; endsAt?: Date | null }) => boolean, { message: string; path: string[] }] = [
	(s) => !s.startsAt || !s.endsAt || s.endsAt >= s.startsAt,
	{ message: 'endsAt must not be before startsAt', path: ['endsAt'] }
];

/** Creating a session; an optional client-chosen id makes a retried create harmless. */
export const sessionInput = z.strictObject({ id: uuid.optional(), ...sessionFields }).refine(...endsAfterStart);

/** Editing a session: only the fields sent change. */
export const sessionPatch = z.strictObject({ ...sessionFields, room: plainText('room', 100).optional(), title: sessionFields.title.optional() }).refine(...endsAfterStart);

/** Whether a session's times, after an edit, still make sense. */
export function timesValid(startsAt: string | null, endsAt: string | null): boolean {
	return !startsAt || !endsAt || new Date(endsAt) >= new Date(startsAt);
}

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

/** A `datetime-local` form value read in the browser's time zone (minutes from getTimezoneOffset). */
export function fromLocalInput(value: string, offsetMinutes: number): string | null {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
	const utc = Date.parse(`${value}:00Z`) + offsetMinutes * 60_000;
	return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}

/** The other way: a stored instant as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(iso: string | null, offsetMinutes: number): string {
	if (!iso) return '';
	return new Date(Date.parse(iso) - offsetMinutes * 60_000).toISOString().slice(0, 16);
}
