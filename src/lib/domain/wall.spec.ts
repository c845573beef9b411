import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import * as walls from './wall';
import { answerInput, answerModerationInput, answerVoteInput, wallInput, wallPatch } from './wall.schema';

const a = (id: string, upvotes: number, createdAt: string): walls.PublicAnswer => ({ id, text: id, upvotes, createdAt });

const wall = (over: Partial<walls.Wall> = {}): walls.Wall => ({
	id: 'w',
	sessionId: 's',
	prompt: 'What would make this city better?',
	maxChars: 280,
	maxAnswers: 3,
	moderation: false,
	upvotes: true,
	sort: 'newest',
	visibility: 'live',
	state: 'open',
	revealed: false,
	position: 0,
	...over
});

describe('order', () => {
	const list = [a('b', 2, '2026-06-01T10:00:00.000Z'), a('c', 5, '2026-06-01T10:01:00.000Z'), a('a', 2, '2026-06-01T10:00:00.000Z'), a('d', 2, '2026-06-01T10:02:00.000Z')];

	it('OT6 newest: time descending, ties by id', () => {
		expect(walls.order(list, 'newest').map((x) => x.id)).toEqual(['d', 'c', 'a', 'b']);
	});

	it('OT6 top: upvotes descending, then newest', () => {
		expect(walls.order(list, 'top').map((x) => x.id)).toEqual(['c', 'd', 'a', 'b']);
	});

	it('OT6 ids compare by code unit like PostgreSQL uuids, not by locale (which skips "-")', () => {
		const t = '2026-06-01T10:00:00.000Z';
		expect(walls.order([a('0a-1', 0, t), a('0-a2', 0, t)], 'newest').map((x) => x.id)).toEqual(['0-a2', '0a-1']);
	});

	it('sorts a copy', () => {
		const before = list.map((x) => x.id);
		walls.order(list, 'top');
		expect(list.map((x) => x.id)).toEqual(before);
	});
});

describe('answers', () => {
	it('OT4 start pending when the wall is moderated or the answer is flagged', () => {
		expect(walls.initialState(false, false)).toBe('approved');
		expect(walls.initialState(true, false)).toBe('pending');
		expect(walls.initialState(false, true)).toBe('pending');
		expect(walls.initialState(true, true)).toBe('pending');
	});

	it('OT6 the public face of an answer is an allow-list', () => {
		const moderated = { ...a('x', 1, '2026-06-01T10:00:00.000Z'), state: 'pending', flagged: true, participantId: 'p' } as walls.ModeratorAnswer;
		expect(walls.toPublic(moderated)).toEqual({ id: 'x', text: 'x', upvotes: 1, createdAt: '2026-06-01T10:00:00.000Z' });
	});

	it('OT3 whitespace, line breaks included, collapses to single spaces; the rest stays as typed', () => {
		expect(walls.clean('  More\n\n trees   and\tshade <b>now</b> ')).toBe('More trees and shade <b>now</b>');
	});
});

describe('settings', () => {
	it('OT7 limits and visibility change only while the wall is a draft; the rest any time', () => {
		expect(() => walls.assertEditable(wall(), { maxAnswers: 5 })).toThrow(DomainError);
		expect(() => walls.assertEditable(wall({ state: 'closed' }), { visibility: 'hidden' })).toThrow(/visibility/);
		expect(() => walls.assertEditable(wall({ state: 'draft' }), { maxAnswers: 5, maxChars: 100, visibility: 'hidden' })).not.toThrow();
		// Sending the current value (a whole settings form) is no change.
		expect(() => walls.assertEditable(wall(), { maxAnswers: 3, prompt: 'New wording', sort: 'top', moderation: true, upvotes: false })).not.toThrow();
	});

	it('OT8 a wall takes a prompt and defaults the rest; unknown fields and out-of-range limits are refused', () => {
		expect(wallInput.parse({ prompt: '  Your idea?  ' })).toEqual({
			prompt: 'Your idea?',
			maxChars: 280,
			maxAnswers: 3,
			moderation: false,
			upvotes: true,
			sort: 'newest',
			visibility: 'live'
		});
		const bads = [
			{},
			{ prompt: '' },
			{ prompt: 'x'.repeat(301) },
			{ prompt: 'x', maxChars: 19 },
			{ prompt: 'x', maxChars: 281 },
			{ prompt: 'x', maxAnswers: 0 },
			{ prompt: 'x', maxAnswers: 11 },
			{ prompt: 'x', sort: 'random' },
			{ prompt: 'x', extra: 1 }
		];
		for (const bad of bads) {
			expect(wallInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
		}
	});

	it('OT8 a patch changes at least one known setting', () => {
		expect(wallPatch.parse({ sort: 'top' })).toEqual({ sort: 'top' });
		expect(wallPatch.safeParse({}).success).toBe(false);
		expect(wallPatch.safeParse({ state: 'open' }).success).toBe(false);
	});
});

describe('phone input', () => {
	const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

	it('OT8 an answer is 1–280 characters of text without control characters, with a uuid', () => {
		expect(answerInput.parse({ id: id.toUpperCase(), text: ' Trams ' })).toEqual({ id, text: 'Trams' });
		const bads = [
			{ id, text: '' },
			{ id, text: '   ' },
			{ id, text: 'x'.repeat(281) },
			{ id, text: 42 },
			{ id, text: 'a\u0000b' },
			{ id: 'nope', text: 'x' },
			{ id, text: 'x', more: 1 }
		];
		for (const bad of bads) {
			expect(answerInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
		}
	});

	it('OT5 an upvote sets 1 or 0 with a submission id; moderation sets a known state', () => {
		expect(answerVoteInput.parse({ value: 0, submissionId: id })).toEqual({ value: 0, submissionId: id });
		expect(answerVoteInput.safeParse({ value: -1, submissionId: id }).success).toBe(false);
		expect(answerVoteInput.safeParse({ value: 1 }).success).toBe(false);
		expect(answerModerationInput.parse({ state: 'hidden' })).toEqual({ state: 'hidden' });
		expect(answerModerationInput.safeParse({ state: 'rejected' }).success).toBe(false);
	});
});
