import type { Poll } from '$lib/domain/polls';
import { useCasesOf } from '../activity/activity.service';

/** The polls' moderator use cases: the kernel's, held to polls. Votes are in voting.service. */
export const { list, create, update, remove, reorder, transition, reveal, act } = useCasesOf<Poll>('poll');
