import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import * as qa from './qa';

const q = (over: Partial<qa.Question> & { id: string }): qa.Question => ({
	sessionId: 's',
	text: over.id,
	originalText: null,
	authorName: null,
	state: 'approved',
	flagged: false,
	highlighted: false,
	starPosition: null,
	mergedInto: null,
	mergedCount: 0,
	upvotes: 0,
	downvotes: 0,
	labelIds: [],
	createdAt: '2026-06-01T10:00:00.000Z',
	...over
});

describe('ranking', () => {
	const list = [
		q({ id: 'a', upvotes: 3, createdAt: '2026-06-01T10:00:00.000Z' }),
		q({ id: 'b', upvotes: 5, downvotes: 1, createdAt: '2026-06-01T10:01:00.000Z' }),
		q({ id: 'c', upvotes: 4, createdAt: '2026-06-01T10:02:00.000Z' }),
		q({ id: 'd', upvotes: 3, createdAt: '2026-06-01T09:59:00.000Z' })
	];
	it('Q8 popular: score (up − down), ties to the older question', () => {
		expect(qa.rank(list, 'popular').map((x) => x.id)).toEqual(['b', 'c', 'd', 'a']);
		expect(qa.score(list[1])).toBe(4);
	});
	it('Q8 recent and oldest order by time, stable by id', () => {
		expect(qa.rank(list, 'recent').map((x) => x.id)).toEqual(['c', 'b', 'a', 'd']);
		expect(qa.rank(list, 'oldest').map((x) => x.id)).toEqual(['d', 'a', 'b', 'c']);
		const twins = [q({ id: 'y' }), q({ id: 'x' })];
		expect(qa.rank(twins, 'oldest').map((x) => x.id)).toEqual(['x', 'y']);
	});
	it('does not change its input', () => {
		const before = list.map((x) => x.id);
		qa.rank(list, 'popular');
		expect(list.map((x) => x.id)).toEqual(before);
	});
	it('the star queue follows the moderators’ order; the speaker sees it before the popular ones', () => {
		const l = [
			q({ id: 'p1', upvotes: 9 }),
			q({ id: 's2', starPosition: 1 }),
			q({ id: 's1', starPosition: 0 }),
			q({ id: 'h', highlighted: true, upvotes: 50 }),
			q({ id: 'pend', state: 'pending', upvotes: 99 }),
			q({ id: 'p2', upvotes: 2 })
		];
		expect(qa.starQueue(l).map((x) => x.id)).toEqual(['s1', 's2']);
		expect(qa.upNext(l, 3).map((x) => x.id)).toEqual(['s1', 's2', 'p1']);
	});
});

describe('visibility and states', () => {
	it('Q5 only approved and answered, unmerged questions are public', () => {
		for (const state of qa.questionStates) {
			expect(qa.isPublic({ state, mergedInto: null })).toBe(state === 'approved' || state === 'answered');
		}
		expect(qa.isPublic({ state: 'approved', mergedInto: 'x' })).toBe(false);
	});
	it('Q5 the public shape drops flags, original text and private labels', () => {
		const p = qa.toPublic(q({ id: 'a', flagged: true, originalText: 'typo', labelIds: ['pub', 'priv'] }), new Set(['pub']));
		expect(p).not.toHaveProperty('flagged');
		expect(p).not.toHaveProperty('originalText');
		expect(p).not.toHaveProperty('sessionId');
		expect(p.labelIds).toEqual(['pub']);
	});
	it('Q6 new questions start approved, or pending with pre-moderation or when flagged', () => {
		expect(qa.initialState({ premoderation: false }, false)).toBe('approved');
		expect(qa.initialState({ premoderation: true }, false)).toBe('pending');
		expect(qa.initialState({ premoderation: false }, true)).toBe('pending');
	});
	it('Q7 identity: anonymous drops names, named requires one, choice keeps what is given', () => {
		expect(qa.authorNameFor('anonymous', 'Ona')).toBeNull();
		expect(qa.authorNameFor('choice', '  ')).toBeNull();
		expect(qa.authorNameFor('choice', ' Ona ')).toBe('Ona');
		expect(() => qa.authorNameFor('named', '')).toThrow(DomainError);
		expect(qa.authorNameFor('named', 'Jonas')).toBe('Jonas');
	});
	it('moderation moves between states; merged questions stay put', () => {
		expect(qa.moderate({ state: 'pending', mergedInto: null }, 'approve')).toBe('approved');
		expect(qa.moderate({ state: 'approved', mergedInto: null }, 'answer')).toBe('answered');
		expect(qa.moderate({ state: 'rejected', mergedInto: null }, 'reopen')).toBe('pending');
		expect(() => qa.moderate({ state: 'archived', mergedInto: 'x' }, 'approve')).toThrow(/merged/);
	});
	it('Q2 pressing the same vote again takes it back; the other replaces it', () => {
		expect(qa.nextVote(null, 1)).toBe(1);
		expect(qa.nextVote(1, 1)).toBeNull();
		expect(qa.nextVote(1, -1)).toBe(-1);
		expect(qa.nextVote(-1, -1)).toBeNull();
	});
});
