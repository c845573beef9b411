import * as wc from '$lib/domain/wordcloud';
import { wordcloudInput, wordcloudPatch } from '$lib/domain/wordcloud.schema';
import { parse } from '$lib/domain/validate';
import type { ActivityModule } from '../activity/module';
import { cloudPayloads } from './cloudViews';
import * as repo from './wordcloud.repository';
import { randomId } from '$lib/domain/ids';
import { z } from 'zod';

/** Word clouds on the activity kernel. Entries and group moderation are in wordcloud.service. */
export const wordcloudModule: ActivityModule<wc.Wordcloud, Omit<wc.WordcloudSettings, 'visibility'>> = {
	kind: 'wordcloud',
	noun: 'word cloud',
	example: { prompt: 'One word for your city in 2040' },
	exampleAction: { name: 'entry', input: () => ({ id: randomId(), text: 'Green roofs' }) },
	define(body) {
		const { visibility, ...settings } = parse(wordcloudInput, body);
		return { visibility, settings };
	},
	insert: (tx, a, settings) => repo.insertCloud(tx, a.id, settings),
	find: (db, id) => repo.findCloud(db, id),
	list: repo.listClouds,
	async edit(tx, locked, body) {
		const patch = parse(wordcloudPatch, body);
		wc.assertEditable(locked, patch);
		const { visibility, ...settings } = { ...locked, ...patch };
		await repo.updateCloud(tx, locked.id, settings);
		return { visibility };
	},
	clear: repo.clearEntries,
	event: 'cloud',
	async payloads(src, id, version) {
		const cloud = await repo.findCloud(src.db, id);
		return cloud && { activity: cloud, ...(await cloudPayloads(src.db, cloud, version)) };
	},
	mine: async (db, id, participantId) => (await repo.entriesOf(db, [id], participantId))[id] ?? null,
	// The socket's `cloud:submit`, through `act` too. Loaded late: the service imports the kernel, which imports this.
	actions: {
		entry: {
			input: z.unknown(),
			run: async (ctx, participantId, cloud, input, receipt) => (await import('./wordcloud.service')).submit(ctx, participantId, cloud.id, input, undefined, receipt)
		}
	},
	title: (c) => c.prompt,
	changed(ctx, id, how) {
		if (how === 'deleted') ctx.lookups.forget(`wordcloud:${id}`);
	}
};
