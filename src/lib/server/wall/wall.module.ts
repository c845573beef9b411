import * as walls from '$lib/domain/wall';
import type { MyWall } from '$lib/domain/wall';
import * as schema from '$lib/domain/wall.schema';
import { parse } from '$lib/domain/validate';
import type { ActivityModule } from '../activity/module';
import * as repo from './wall.repository';
import { mine, views } from './wallViews';
import { randomId } from '$lib/domain/ids';
import { z } from 'zod';

/** Open-text walls on the activity kernel. Answers, upvotes and their moderation are in wall.service. */
export const wallModule: ActivityModule<walls.Wall, Omit<walls.WallSettings, 'visibility'>> = {
	kind: 'wall',
	noun: 'wall',
	example: { prompt: 'What would make this city better?' },
	exampleAction: { name: 'answer', input: () => ({ id: randomId(), text: 'More shade in summer' }) },
	define(body) {
		const { visibility, ...settings } = parse(schema.wallInput, body);
		return { visibility, settings };
	},
	insert: (tx, a, settings) => repo.insertWall(tx, a.id, settings),
	find: repo.findWall,
	list: repo.listWalls,
	async edit(tx, locked, body) {
		// Decided on the locked row: a wall opened a moment ago keeps its limits.
		const patch = parse(schema.wallPatch, body);
		walls.assertEditable(locked, patch);
		const { visibility, ...settings } = { ...locked, ...patch };
		await repo.updateSettings(tx, locked.id, settings);
		return { visibility };
	},
	clear: repo.clearAnswers,
	event: 'wall',
	async payloads(src, id, version) {
		const v = await views(src.db, id, version);
		return v && { activity: v.wall, full: v.full, dark: v.dark, moderator: v.moderator };
	},
	mine,
	// The socket's `wall:answer`, through `act` too. Loaded late: the service imports the kernel, which imports this.
	actions: {
		answer: {
			input: z.unknown(),
			run: async (ctx, participantId, wall, input, receipt) => (await import('./wall.service')).submit(ctx, participantId, wall.id, input, undefined, receipt)
		}
	},
	// Upvotes alone are not an answer.
	answered: (m) => (m as MyWall).answers.length > 0,
	title: (w) => w.prompt
};
