import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AudienceQa, AudienceView, CloudGroups, Snapshot, WallUpdate } from '$lib/realtime/protocol';

/** A stand-in for the socket.io client: the test fires server pushes and answers the snapshot request. */
class FakeSocket {
	connected = true;
	active = true;
	snapshot: Snapshot | null = null;
	private handlers = new Map<string, ((...args: unknown[]) => void)[]>();
	on(event: string, fn: (...args: unknown[]) => void) {
		this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
		return this;
	}
	fire(event: string, ...args: unknown[]) {
		for (const fn of this.handlers.get(event) ?? []) fn(...args);
	}
	timeout() {
		return { emitWithAck: async (event: string) => (event === 'snapshot' ? { ok: true, data: this.snapshot } : { ok: false, error: { code: 'unavailable', message: '' } }) };
	}
	disconnect() {}
}

let socket: FakeSocket;
vi.mock('./connection', () => ({ connect: () => socket }));
const { LiveSession } = await import('./liveSession.svelte');

const view: AudienceView = {
	role: 'audience',
	sessionId: 's1',
	title: 'T',
	room: '',
	eventName: 'E',
	joinCode: 'ABC123',
	languages: ['en'],
	activity: null,
	poll: null,
	cloud: null,
	wall: null
};
const qa = (version: number, text: string): AudienceQa => ({
	sessionId: 's1',
	version,
	settings: { enabled: true, identity: 'anonymous', downvotes: false, maxLength: 300 },
	questions: [{ text } as AudienceQa['questions'][number]],
	labels: []
});
const cloud = (cloudId: string, version: number, entries: number): CloudGroups => ({ cloudId, version, entries, words: [] });
const wall = (wallId: string, version: number, text: string): WallUpdate => ({ wallId, version, answers: [{ text } as never] });
const snapshot = (over: Partial<Snapshot> = {}): Snapshot => ({
	view,
	qa: null,
	mine: null,
	tallies: [],
	myVotes: {},
	presence: 0,
	clouds: [],
	walls: [],
	myActivity: null,
	results: [],
	answers: {},
	answered: [],
	...over
});

function started(initial = snapshot()) {
	socket = new FakeSocket();
	const live = new LiveSession<AudienceView>(initial as Snapshot & { view: AudienceView });
	live.start({ sessionId: 's1' });
	return live;
}

describe('LiveSession versions', () => {
	beforeEach(() => void (socket = new FakeSocket()));

	it('drops a tally older than the one held, and takes a newer one', () => {
		const live = started(snapshot({ tallies: [{ pollId: 'p', version: 3, voters: 3, counts: { a: 3 } }] }));
		socket.fire('tally', { pollId: 'p', version: 2, voters: 2, counts: { a: 2 } });
		expect(live.tallies.p.voters).toBe(3);
		socket.fire('tally', { pollId: 'p', version: 4, voters: 4, counts: { a: 4 } });
		expect(live.tallies.p.voters).toBe(4);
	});

	it('drops a Q&A view older than the one held, and takes a newer one', () => {
		const live = started(snapshot({ qa: qa(5, 'five') }));
		socket.fire('qa', qa(4, 'four'));
		expect(live.qa?.version).toBe(5);
		socket.fire('qa', qa(6, 'six'));
		expect((live.qa as AudienceQa).questions[0].text).toBe('six');
	});

	it('keeps word-cloud and wall updates per activity: an older one is dropped, a newer one replaces, others stay', () => {
		const live = started(snapshot({ clouds: [cloud('c1', 2, 20), cloud('c2', 9, 90)], walls: [wall('w1', 3, 'three')] }));
		socket.fire('cloud', cloud('c1', 1, 10));
		socket.fire('wall', wall('w1', 2, 'two'));
		expect(live.clouds.c1.entries).toBe(20);
		expect(live.walls.w1.answers?.[0].text).toBe('three');
		socket.fire('cloud', cloud('c1', 3, 30));
		socket.fire('wall', wall('w1', 4, 'four'));
		socket.fire('wall', wall('w2', 1, 'other wall'));
		expect(live.clouds.c1.entries).toBe(30);
		expect(live.clouds.c2.entries).toBe(90);
		expect(live.walls.w1.answers?.[0].text).toBe('four');
		expect(live.walls.w2.answers?.[0].text).toBe('other wall');
	});

	it('on reconnect, keeps a push that overtook the snapshot, takes the snapshot where it is newer, and drops what it no longer has', async () => {
		const live = started(snapshot({ qa: qa(1, 'one'), clouds: [cloud('c1', 1, 1)], walls: [wall('w1', 1, 'one'), wall('gone', 1, 'x')] }));
		socket.fire('qa', qa(8, 'pushed'));
		socket.fire('wall', wall('w1', 8, 'pushed'));
		socket.snapshot = snapshot({ qa: qa(7, 'snapshot'), clouds: [cloud('c1', 5, 5)], walls: [wall('w1', 7, 'snapshot')] });
		socket.fire('connect');
		await vi.waitFor(() => expect(live.status).toBe('online'));
		expect((live.qa as AudienceQa).questions[0].text).toBe('pushed');
		expect(live.walls.w1.answers?.[0].text).toBe('pushed');
		expect(live.clouds.c1.entries).toBe(5);
		expect(Object.keys(live.walls)).toEqual(['w1']);
	});

	it("holds a phone's own entries and wall answers by activity id", () => {
		const live = started(snapshot({ myActivity: { entries: { c1: [{ id: 'e1', text: 'Solar' }] }, wall: { wallId: 'w1', answers: [], votes: ['a1'] } } }));
		expect(live.myEntries.c1.map((e) => e.text)).toEqual(['Solar']);
		socket.fire('wall:mine', { wallId: 'w2', answers: [], votes: ['a9'] });
		expect(live.myWalls.w1.votes).toEqual(['a1']);
		expect(live.myWalls.w2.votes).toEqual(['a9']);
	});
});
