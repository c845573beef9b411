import { DomainError } from '$lib/domain/errors';
import { scaleModule } from '$lib/activities/scale/server';
import { pollModule } from '../polls/poll.module';
import { wallModule } from '../wall/wall.module';
import { wordcloudModule } from '../wordcloud/wordcloud.module';
import type { AnyModule } from './module';

/** Every format the server knows. Adding one is adding it here; the kernel names none of them. */
export const modules: readonly AnyModule[] = [pollModule, wordcloudModule, wallModule, scaleModule];

const byKind = new Map(modules.map((m) => [m.kind, m]));

export function moduleOf(kind: string): AnyModule {
	const m = byKind.get(kind);
	if (!m) throw new DomainError('not_found', `No such kind of activity: ${kind}.`);
	return m;
}
