import type { ParamMatcher } from '@sveltejs/kit';

export const match = ((p): p is 'open' | 'close' | 'reset' | 'reveal' => ['open', 'close', 'reset', 'reveal'].includes(p)) satisfies ParamMatcher;
