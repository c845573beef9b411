import type { EventInfo } from '$lib/domain/events';
import { randomId } from '$lib/domain/ids';
import { authenticate } from '../access/access.service';
import type { Ctx } from '../context';
import * as polls from '../polls/polls.service';
import { countEvents } from './events.repository';
import { createEvent, createSession } from './events.service';

/** First start: a demo event with one session and a sample poll, so there is something to try. */
export async function ensureDemo(ctx: Ctx): Promise<null | { organiserToken: string; event: EventInfo; sessionId: string; moderatorToken: string; stageToken: string }> {
	if ((await countEvents(ctx.db)) > 0) return null;
	const { event, organiserToken } = await createEvent(ctx, { name: 'Plenum demo', languages: ['en', 'lt'] });
	const actor = await authenticate(ctx.db, organiserToken);
	const session = await createSession(ctx, actor, { title: 'Opening plenary', room: 'Main hall' });
	await polls.create(ctx, actor, session.id, randomId(), {
		question: 'Which climate measure should our city fund first?',
		options: ['More trees and green roofs', 'Tram and bus lanes', 'Safe bike routes', 'Building renovation'],
		visibility: 'live'
	});
	return { organiserToken, event, sessionId: session.id, moderatorToken: session.moderatorToken, stageToken: session.stageToken };
}
