import { expect, it } from 'vitest';
import { PROMPT_MAX } from '../../src/lib/domain/activity';
import { MAX_OPTIONS, MIN_OPTIONS, QUESTION_MAX } from '../../src/lib/domain/polls';
import { ANSWER_MAX, ANSWER_MAX_FLOOR, ANSWERS_PER_PARTICIPANT_MAX } from '../../src/lib/domain/wall';
import { ENTRIES_PER_PARTICIPANT_MAX, ENTRY_CHARS } from '../../src/lib/domain/wordcloud';
import { LABEL_MAX, STATEMENTS_MAX } from '../../src/lib/activities/scale/domain';
import { describeEachDatabase } from './databases';

/**
 * The limits are defined once, in the domain modules; the schemas and forms import them, and the
 * SQL CHECK constraints (migrations cannot import TypeScript) must say the same: this reads them
 * from the migrated database and compares.
 */
describeEachDatabase('limits', (open) => {
	it('K8 every SQL CHECK on a limit says what the domain constant says', async () => {
		const db = await open();
		const rows = await db.query<{ t: string; def: string }>(`select conrelid::regclass::text as t, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'c'`);
		await db.close();
		const defs = (table: string) =>
			rows
				.filter((r) => r.t === table)
				.map((r) => r.def)
				.join(' ');
		const between = (table: string, expr: string, min: number, max: number) =>
			expect(defs(table), `${table}: ${expr} between ${min} and ${max}`).toContain(`(${expr} >= ${min}) AND (${expr} <= ${max})`);
		between('polls', 'char_length(question)', 1, QUESTION_MAX);
		between('polls', 'jsonb_array_length(options)', MIN_OPTIONS, MAX_OPTIONS);
		between('polls', 'max_choices', 1, MAX_OPTIONS);
		between('wordclouds', 'char_length(prompt)', 1, PROMPT_MAX);
		between('wordclouds', 'max_entries', 1, ENTRIES_PER_PARTICIPANT_MAX);
		between('wordclouds', 'max_chars', ENTRY_CHARS.min, ENTRY_CHARS.max);
		between('wordcloud_entries', 'char_length(text)', 1, ENTRY_CHARS.max);
		between('walls', 'char_length(prompt)', 1, PROMPT_MAX);
		between('walls', 'max_chars', ANSWER_MAX_FLOOR, ANSWER_MAX);
		between('walls', 'max_answers', 1, ANSWERS_PER_PARTICIPANT_MAX);
		between('wall_answers', 'char_length(text)', 1, ANSWER_MAX);
		between('scales', 'jsonb_array_length(statements)', 1, STATEMENTS_MAX);
		between('scale_responses', 'cardinality(ratings)', 1, STATEMENTS_MAX);
		expect(defs('scales')).toContain(`(char_length(low_label) <= ${LABEL_MAX})`);
		expect(defs('scales')).toContain(`(char_length(high_label) <= ${LABEL_MAX})`);
	});
});
