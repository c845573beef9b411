import { stageData } from '$lib/server/pages';
import type { PageServerLoad } from './$types';

/** The speaker's confidence monitor: the stage's view of the session. */
export const load: PageServerLoad = (event) => stageData(event);
