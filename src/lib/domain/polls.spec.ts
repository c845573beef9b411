import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { pollInput, voteInput } from './polls.schema';
import {
	assertEditable,
	audienceRoomSeesResults,
	audienceSeesResults,
	checkChoices,
	countsFor,
	define,
	MAX_OPTIONS,
	OPTION_MAX,
	optionIds,
	percent,
	QUESTION_MAX,
	stageSeesResults,
	transition,
	type Poll,
	type PollState,
	type Visibility
} from './polls';

function poll(overrides: Partial<Poll> = {}): Poll {
	return {
		id: '6f1c2f8e-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
		sessionId: '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a',
		question: 'Lunch?',
		options: [
			{ id: 'a', label: 'Soup' },
			{ id: 'b', label: 'Salad' },
			{ id: 'c', label: 'Pasta' }
		],
		multiple: false,
		maxChoices: 1,
		visibility: 'live',
		state: 'open',
		revealed: false,
		position: 0,
		...overrides
	};
}

const labels = (n: number) => Array.from({ length: n }, (_, i) => `Option ${i + 1}`);

/** Runs fn and returns the DomainError it throws (fails the test if it throws nothing or something else). */
function domainErrorOf(fn: () => unknown): DomainError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(DomainError);
		return e as DomainError;
	}
	expect.fail('expected a DomainError');
}

function issuesOf(input: unknown) {
	const r = pollInput.safeParse(input);
	expect(r.success).toBe(false);
	return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('pollInput', () => {
	it('P1 accepts a minimal poll and fills the defaults', () => {
		expect(pollInput.parse({ question: 'Lunch?', options: ['Soup', 'Salad'] })).toEqual({
			question: 'Lunch?',
			options: ['Soup', 'Salad'],
			multiple: false,
			visibility: 'live'
		});
	});

	it('P1 trims the question and the option labels', () => {
		const p = pollInput.parse({ question: '  Lunch?  ', options: [' Soup ', '\tSalad\n'] });
		expect(p.question).toBe('Lunch?');
		expect(p.options).toEqual(['Soup', 'Salad']);
	});

	it.each([0, 1])('P1 rejects %i option(s)', (n) => {
		const issues = issuesOf({ question: 'Q', options: labels(n) });
		expect(issues).toContainEqual({ path: 'options', message: 'a poll needs at least 2 options' });
	});

	it.each([2, MAX_OPTIONS])('P1 accepts %i options', (n) => {
		expect(pollInput.parse({ question: 'Q', options: labels(n) }).options).toHaveLength(n);
	});

	it('P1 rejects more than 12 options', () => {
		const issues = issuesOf({ question: 'Q', options: labels(MAX_OPTIONS + 1) });
		expect(issues).toContainEqual({ path: 'options', message: 'a poll has at most 12 options' });
	});

	it.each(['', '   ', '\n\t'])('P1 rejects an empty question (%j)', (question) => {
		expect(issuesOf({ question, options: ['A', 'B'] })).toContainEqual({ path: 'question', message: 'question must not be empty' });
	});

	it('P1 limits the question to 300 characters (after trimming)', () => {
		expect(pollInput.parse({ question: 'q'.repeat(QUESTION_MAX), options: ['A', 'B'] }).question).toHaveLength(QUESTION_MAX);
		expect(pollInput.parse({ question: ` ${'q'.repeat(QUESTION_MAX)} `, options: ['A', 'B'] }).question).toHaveLength(QUESTION_MAX);
		expect(issuesOf({ question: 'q'.repeat(QUESTION_MAX + 1), options: ['A', 'B'] })).toContainEqual({
			path: 'question',
			message: 'question must be at most 300 characters'
		});
	});

	it('P1 rejects a question that is not text', () => {
		expect(issuesOf({ question: 42, options: ['A', 'B'] })).toContainEqual({ path: 'question', message: 'question must be text' });
	});

	it('P1 rejects empty and too long option labels, naming the option', () => {
		expect(issuesOf({ question: 'Q', options: ['A', '  '] })).toContainEqual({ path: 'options.1', message: 'option must not be empty' });
		expect(issuesOf({ question: 'Q', options: ['o'.repeat(OPTION_MAX + 1), 'B'] })).toContainEqual({
			path: 'options.0',
			message: 'option must be at most 120 characters'
		});
		expect(pollInput.parse({ question: 'Q', options: ['o'.repeat(OPTION_MAX), 'B'] }).options[0]).toHaveLength(OPTION_MAX);
	});

	it('P1 rejects options that are not a list', () => {
		expect(issuesOf({ question: 'Q', options: 'A, B' })).toContainEqual({ path: 'options', message: 'options must be a list' });
	});

	it('P2 rejects duplicate options, ignoring case and surrounding spaces', () => {
		expect(issuesOf({ question: 'Q', options: ['Yes', 'No', 'yes'] })).toEqual([{ path: 'options.2', message: 'options must differ' }]);
		expect(issuesOf({ question: 'Q', options: ['Yes', ' YES '] })).toEqual([{ path: 'options.1', message: 'options must differ' }]);
	});

	it('P2 reports every repeated option, not only the first', () => {
		const issues = issuesOf({ question: 'Q', options: ['A', 'B', 'a', 'b'] });
		expect(issues.map((i) => i.path)).toEqual(['options.2', 'options.3']);
	});

	it('P4 rejects maxChoices above the number of options', () => {
		expect(issuesOf({ question: 'Q', options: ['A', 'B', 'C'], multiple: true, maxChoices: 4 })).toEqual([
			{ path: 'maxChoices', message: 'maxChoices exceeds the number of options' }
		]);
		expect(pollInput.parse({ question: 'Q', options: ['A', 'B', 'C'], multiple: true, maxChoices: 3 }).maxChoices).toBe(3);
	});

	it.each([0, -1, 1.5, 13, '2'])('P4 rejects maxChoices %j', (maxChoices) => {
		expect(issuesOf({ question: 'Q', options: labels(12), multiple: true, maxChoices }).map((i) => i.path)).toContain('maxChoices');
	});

	it('P1 rejects unknown keys (strict object)', () => {
		const r = pollInput.safeParse({ question: 'Q', options: ['A', 'B'], id: 'x', state: 'open' });
		expect(r.success).toBe(false);
		expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['id', 'state'] });
	});

	it('P1 rejects an unknown visibility and a non-boolean multiple', () => {
		expect(issuesOf({ question: 'Q', options: ['A', 'B'], visibility: 'secret' }).map((i) => i.path)).toEqual(['visibility']);
		expect(issuesOf({ question: 'Q', options: ['A', 'B'], multiple: 'yes' }).map((i) => i.path)).toEqual(['multiple']);
	});

	it('P1 accepts each visibility', () => {
		for (const visibility of ['live', 'after_vote', 'hidden'] as const) {
			expect(pollInput.parse({ question: 'Q', options: ['A', 'B'], visibility }).visibility).toBe(visibility);
		}
	});
});

describe('define', () => {
	it('P3 gives options positional ids a..l', () => {
		const d = define(pollInput.parse({ question: 'Q', options: labels(MAX_OPTIONS) }));
		expect(d.options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']);
		expect(d.options[0]).toEqual({ id: 'a', label: 'Option 1' });
		expect(optionIds(3)).toEqual(['a', 'b', 'c']);
	});

	it('P4 single-select polls always take one choice, whatever maxChoices says', () => {
		expect(define(pollInput.parse({ question: 'Q', options: ['A', 'B', 'C'] })).maxChoices).toBe(1);
		const d = define(pollInput.parse({ question: 'Q', options: ['A', 'B', 'C'], maxChoices: 3 }));
		expect(d).toMatchObject({ multiple: false, maxChoices: 1 });
	});

	it('P4 multi-select polls default maxChoices to the number of options', () => {
		expect(define(pollInput.parse({ question: 'Q', options: ['A', 'B', 'C', 'D'], multiple: true })).maxChoices).toBe(4);
		expect(define(pollInput.parse({ question: 'Q', options: ['A', 'B', 'C', 'D'], multiple: true, maxChoices: 2 })).maxChoices).toBe(2);
	});

	it('keeps the question and visibility as given', () => {
		expect(define(pollInput.parse({ question: ' Q ', options: ['A', 'B'], visibility: 'hidden' }))).toEqual({
			question: 'Q',
			options: [
				{ id: 'a', label: 'A' },
				{ id: 'b', label: 'B' }
			],
			multiple: false,
			maxChoices: 1,
			visibility: 'hidden'
		});
	});
});

describe('transition', () => {
	it('P6 draft → open → closed', () => {
		expect(transition('draft', 'open')).toBe('open');
		expect(transition('open', 'close')).toBe('closed');
	});

	it('P6 a closed poll can be reopened', () => {
		expect(transition('closed', 'open')).toBe('open');
	});

	it('P6 opening an open poll or closing a closed poll changes nothing', () => {
		expect(transition('open', 'open')).toBe('open');
		expect(transition('closed', 'close')).toBe('closed');
	});

	it('P6 a draft poll cannot be closed (conflict, 409)', () => {
		const e = domainErrorOf(() => transition('draft', 'close'));
		expect(e.code).toBe('conflict');
		expect(e.status).toBe(409);
	});

	it.each(['draft', 'open', 'closed'] as PollState[])('P5 reset brings a %s poll back to draft', (state) => {
		expect(transition(state, 'reset')).toBe('draft');
	});
});

describe('assertEditable', () => {
	const current = poll();
	const reworded = define(pollInput.parse({ question: 'Dinner?', options: ['Soup!', 'Salad!', 'Pasta!'] }));
	const fewer = define(pollInput.parse({ question: 'Lunch?', options: ['Soup', 'Salad'] }));
	const multi = define(pollInput.parse({ question: 'Lunch?', options: ['Soup', 'Salad', 'Pasta'], multiple: true }));

	it('P7 without votes anything may change', () => {
		expect(() => assertEditable(current, fewer, 0)).not.toThrow();
		expect(() => assertEditable(current, multi, 0)).not.toThrow();
	});

	it('P7 with votes the wording may still change', () => {
		expect(() => assertEditable(current, reworded, 5)).not.toThrow();
	});

	it('P7 with votes the number of options may not change', () => {
		const e = domainErrorOf(() => assertEditable(current, fewer, 1));
		expect(e.code).toBe('conflict');
		expect(e.message).toMatch(/reset/);
	});

	it('P7 with votes single/multiple choice may not change', () => {
		expect(domainErrorOf(() => assertEditable(current, multi, 1)).code).toBe('conflict');
	});
});

describe('checkChoices', () => {
	const single = poll();
	const multi = poll({ multiple: true, maxChoices: 2 });

	it('V5 returns the choices of a valid vote', () => {
		expect(checkChoices(single, ['b'])).toEqual(['b']);
		expect(checkChoices(multi, ['c', 'a'])).toEqual(['c', 'a']);
	});

	it.each(['draft', 'closed'] as PollState[])('V4 a %s poll rejects votes with poll_not_open (409)', (state) => {
		const e = domainErrorOf(() => checkChoices(poll({ state }), ['a']));
		expect(e.code).toBe('poll_not_open');
		expect(e.status).toBe(409);
	});

	it('V4 the state is checked before the choices', () => {
		expect(domainErrorOf(() => checkChoices(poll({ state: 'closed' }), [])).code).toBe('poll_not_open');
	});

	it('V5 rejects the same option twice', () => {
		const e = domainErrorOf(() => checkChoices(multi, ['a', 'a']));
		expect(e.code).toBe('invalid_input');
		expect(e.status).toBe(400);
		expect(e.message).toBe('Each option can be chosen once.');
	});

	it('V5 rejects an empty vote', () => {
		expect(domainErrorOf(() => checkChoices(single, []))).toMatchObject({ code: 'invalid_input', message: 'Choose at least one option.' });
	});

	it('V5 rejects more choices than maxChoices', () => {
		expect(domainErrorOf(() => checkChoices(multi, ['a', 'b', 'c']))).toMatchObject({
			code: 'invalid_input',
			message: 'Choose at most 2 options.'
		});
	});

	it('V5 rejects an unknown option id', () => {
		expect(domainErrorOf(() => checkChoices(single, ['z']))).toMatchObject({ code: 'invalid_input', message: 'Unknown option "z".' });
		expect(domainErrorOf(() => checkChoices(multi, ['a', 'A'])).message).toBe('Unknown option "A".');
	});

	it('V5 a single-select poll takes one choice', () => {
		expect(domainErrorOf(() => checkChoices(single, ['a', 'b']))).toMatchObject({
			code: 'invalid_input',
			message: 'This poll takes one choice.'
		});
	});
});

describe('voteInput', () => {
	const submissionId = '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b';

	it('V3 requires a UUID submission id', () => {
		expect(voteInput.parse({ choices: ['a'], submissionId })).toEqual({ choices: ['a'], submissionId });
		const r = voteInput.safeParse({ choices: ['a'], submissionId: 'retry-1' });
		expect(r.error?.issues[0]).toMatchObject({ path: ['submissionId'], message: 'must be a UUID' });
	});

	it('V5 limits the shape of choices and rejects unknown keys', () => {
		expect(voteInput.safeParse({ choices: 'a', submissionId }).success).toBe(false);
		expect(voteInput.safeParse({ choices: Array(13).fill('a'), submissionId }).success).toBe(false);
		expect(voteInput.safeParse({ choices: ['a'], submissionId, pollId: 'x' }).success).toBe(false);
	});
});

describe('visibility', () => {
	type Row = [Visibility, PollState, boolean, boolean, boolean];
	// [visibility, state, revealed, hasVoted, phone sees counts]
	// Drafts never have votes or a reveal in normal use (reset clears both), so only that combination is listed.
	const phone: Row[] = [
		['live', 'draft', false, false, false],
		['live', 'open', false, false, true],
		['live', 'open', false, true, true],
		['live', 'open', true, false, true],
		['live', 'closed', false, false, true],
		['live', 'closed', true, true, true],
		['after_vote', 'draft', false, false, false],
		['after_vote', 'open', false, false, false],
		['after_vote', 'open', true, false, false],
		['after_vote', 'open', false, true, true],
		['after_vote', 'closed', false, false, true],
		['after_vote', 'closed', false, true, true],
		['hidden', 'draft', false, false, false],
		['hidden', 'open', false, false, false],
		['hidden', 'open', false, true, false],
		['hidden', 'open', true, false, true],
		['hidden', 'closed', false, false, false],
		['hidden', 'closed', false, true, false],
		['hidden', 'closed', true, false, true],
		['hidden', 'closed', true, true, true]
	];

	it.each(phone)('R1-R3 %s poll, %s, revealed=%s, voted=%s: phone sees counts = %s', (visibility, state, revealed, hasVoted, sees) => {
		expect(audienceSeesResults(poll({ visibility, state, revealed }), hasVoted)).toBe(sees);
	});

	it('R1 a live poll shows counts to every phone once it is open', () => {
		expect(audienceRoomSeesResults(poll({ visibility: 'live', state: 'draft' }))).toBe(false);
		expect(audienceRoomSeesResults(poll({ visibility: 'live', state: 'open' }))).toBe(true);
		expect(audienceRoomSeesResults(poll({ visibility: 'live', state: 'closed' }))).toBe(true);
	});

	it('R2 an after-vote poll reaches the whole audience room only once closed', () => {
		expect(audienceRoomSeesResults(poll({ visibility: 'after_vote', state: 'open' }))).toBe(false);
		expect(audienceRoomSeesResults(poll({ visibility: 'after_vote', state: 'closed' }))).toBe(true);
	});

	it('R3 a hidden poll reaches the audience room only once revealed, even when closed', () => {
		expect(audienceRoomSeesResults(poll({ visibility: 'hidden', state: 'closed' }))).toBe(false);
		expect(audienceRoomSeesResults(poll({ visibility: 'hidden', state: 'open', revealed: true }))).toBe(true);
	});

	it('R1-R3 the room rule is the phone rule for a phone that has not voted', () => {
		for (const [visibility, state, revealed] of phone) {
			const p = poll({ visibility, state, revealed });
			expect(audienceRoomSeesResults(p)).toBe(audienceSeesResults(p, false));
		}
	});

	const stage: [Visibility, PollState, boolean, boolean][] = [
		['live', 'draft', false, true],
		['live', 'open', false, true],
		['live', 'closed', false, true],
		['after_vote', 'open', false, true],
		['after_vote', 'closed', false, true],
		['hidden', 'draft', false, false],
		['hidden', 'open', false, false],
		['hidden', 'closed', false, false],
		['hidden', 'open', true, true],
		['hidden', 'closed', true, true]
	];

	it.each(stage)('R4 %s poll, %s, revealed=%s: stage sees counts = %s', (visibility, state, revealed, sees) => {
		expect(stageSeesResults(poll({ visibility, state, revealed }))).toBe(sees);
	});

	it('R4 the stage sees after-vote counts before the audience room does', () => {
		const p = poll({ visibility: 'after_vote', state: 'open' });
		expect(stageSeesResults(p)).toBe(true);
		expect(audienceRoomSeesResults(p)).toBe(false);
	});
});

describe('countsFor and percent', () => {
	it('P8 fills options nobody chose with zero', () => {
		expect(countsFor(poll(), [{ optionId: 'b', n: 4 }])).toEqual({ a: 0, b: 4, c: 0 });
		expect(countsFor(poll(), [])).toEqual({ a: 0, b: 0, c: 0 });
	});

	it('P8 ignores counts for options the poll does not have', () => {
		expect(
			countsFor(poll(), [
				{ optionId: 'a', n: 1 },
				{ optionId: 'z', n: 9 }
			])
		).toEqual({ a: 1, b: 0, c: 0 });
	});

	it('P8 percentages are whole numbers of the voters', () => {
		expect(percent(1, 3)).toBe(33);
		expect(percent(2, 3)).toBe(67);
		expect(percent(3, 3)).toBe(100);
		expect(percent(1, 8)).toBe(13);
	});

	it('P8 no voters means 0 %, not NaN', () => {
		expect(percent(0, 0)).toBe(0);
	});

	it('P8 multi-select percentages are per voter, so they may add up to more than 100', () => {
		const p = poll({ multiple: true, maxChoices: 3 });
		const counts = countsFor(p, [
			{ optionId: 'a', n: 2 },
			{ optionId: 'b', n: 2 }
		]);
		expect(Object.values(counts).reduce((s, n) => s + percent(n, 2), 0)).toBe(200);
	});
});
