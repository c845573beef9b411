import type { EventInfo } from '$lib/domain/events';

export interface DemoLinks {
	event: EventInfo;
	organiserToken: string;
	moderatorToken: string;
	stageToken: string;
}

/**
 * What `npm start` prints last, after the server listens: where to open Plenum, how to give it a
 * public address, and on first start the demo event's links. Tokens are stored hashed, so the
 * links can be shown only when they are made; the organiser link is the key to the event.
 */
export function startupBanner(opts: { base: string; originSet: boolean; database: string; demo: DemoLinks | null }): string {
	const { base, demo } = opts;
	const lines = ['', '─'.repeat(72), `Plenum is ready: ${base}`, `  Database: ${opts.database}`];
	if (!opts.originSet) {
		lines.push(
			'  Phones on this network can open the address above. For a public URL (behind a proxy',
			'  or with a domain name), set ORIGIN, e.g. ORIGIN=https://vote.example.org in .env.'
		);
	}
	if (demo) {
		lines.push(
			'',
			`Demo event "${demo.event.name}" (join code ${demo.event.joinCode}). Keep these links now:`,
			`  Organiser: ${base}/admin/${demo.organiserToken}   ← shown only once, the key to the event`,
			`  Audience:  ${base}/${demo.event.joinCode}`,
			`  Moderator: ${base}/moderate/${demo.moderatorToken}`,
			`  Stage:     ${base}/stage/${demo.stageToken}`,
			`  Speaker:   ${base}/speaker/${demo.stageToken}`
		);
	} else {
		lines.push('', `Create an event at ${base}/new. Links of existing events are on their organiser pages.`);
	}
	lines.push('─'.repeat(72), '');
	return lines.join('\n');
}
