import type { ParamMatcher } from '@sveltejs/kit';
import { isValid, normalise } from '$lib/domain/joinCode';

/** Matches a join code as people type it (any case, with or without a dash). */
export const match: ParamMatcher = (p) => p.length <= 8 && isValid(normalise(p));
