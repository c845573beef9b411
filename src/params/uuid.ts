import type { ParamMatcher } from '@sveltejs/kit';

/** Canonical lower-case UUIDs only (what we generate): one id never names two rooms or cache keys. */

export const match: ParamMatcher = (p) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(p);
