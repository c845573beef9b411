import { describe, expect, it } from 'vitest';
import { startupBanner, type DemoLinks } from './banner';

const demo: DemoLinks = {
	event: { id: 'e1', name: 'Plenum demo', joinCode: 'ABC123', languages: ['en'] },
	organiserToken: 'org-token',
	moderatorToken: 'mod-token',
	stageToken: 'stage-token'
};

describe('start-up banner', () => {
	it('first start: every demo link, the organiser link marked as shown once, in that order', () => {
		const text = startupBanner({ base: 'http://192.168.1.5:3000', originSet: false, database: 'embedded', demo });
		const at = (s: string) => text.indexOf(s);
		expect(at('Organiser: http://192.168.1.5:3000/admin/org-token')).toBeGreaterThan(0);
		expect(text).toMatch(/Organiser: .*shown only once/);
		const order = [
			'Organiser:',
			'Audience:  http://192.168.1.5:3000/ABC123',
			'Moderator: http://192.168.1.5:3000/moderate/mod-token',
			'Stage:     http://192.168.1.5:3000/stage/stage-token',
			'Speaker:   http://192.168.1.5:3000/speaker/stage-token'
		].map(at);
		expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]))).toBe(true);
		expect(text).toContain('set ORIGIN');
	});
	it('later starts say where to create an event; with ORIGIN there is no hint to set it', () => {
		const text = startupBanner({ base: 'https://vote.example.org', originSet: true, database: 'PostgreSQL', demo: null });
		expect(text).toContain('https://vote.example.org/new');
		expect(text).not.toContain('Organiser:');
		expect(text).not.toContain('set ORIGIN');
	});
});
