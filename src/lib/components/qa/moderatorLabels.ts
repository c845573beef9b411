import type { StateFilter } from '$lib/client/qaModerator.svelte';
import type { QuestionState } from '$lib/domain/qa';
import { m } from '$lib/paraglide/messages.js';

/** A question's state as a badge says it (singular). */
export function stateName(s: QuestionState): string {
	switch (s) {
		case 'pending':
			return m.mod_qa_state_pending();
		case 'approved':
			return m.mod_qa_state_approved();
		case 'answered':
			return m.mod_qa_state_answered();
		case 'rejected':
			return m.mod_qa_state_rejected();
		case 'archived':
			return m.mod_qa_state_archived();
	}
}

/** A state filter as its button says it (plural). */
export function filterName(f: StateFilter): string {
	switch (f) {
		case 'all':
			return m.mod_qa_filter_all();
		case 'pending':
			return m.mod_qa_filter_pending();
		case 'approved':
			return m.mod_qa_filter_approved();
		case 'answered':
			return m.mod_qa_filter_answered();
		case 'rejected':
			return m.mod_qa_filter_rejected();
		case 'archived':
			return m.mod_qa_filter_archived();
	}
}
