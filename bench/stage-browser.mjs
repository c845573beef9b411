// The bench's real stage: the stage page in Chromium, 1920×1080, as on the projector. The page's
// bar chart and word cloud write the commit number (docs/api.md) of what they show into the DOM:
// `data-shown-seq` once the bars' numbers are drawn, `data-drawn-seq` once the bars stopped moving
// (Chart.js's 450 ms animation, restarted by every update) or the cloud's layout (at most once a
// second) is on screen. A script in the page notes the time of the frame in which each changes, so
// an acknowledged action is "on the projector" at the first such frame whose number is at or past
// the action's commit number.
import { chromium } from '@playwright/test';
import { chromiumArgs, ensureChromium } from '../scripts/browser.js';

/** In the page: every change of the two attributes, with the time of the next frame (epoch ms, high resolution). */
function observe() {
	const seen = (window.__plenumFrames = []);
	new MutationObserver((changes) => {
		for (const c of changes) {
			const seq = Number(c.target.getAttribute(c.attributeName));
			const what = c.attributeName === 'data-shown-seq' ? 'shown' : 'drawn';
			requestAnimationFrame(() => seen.push({ what, seq, at: performance.timeOrigin + performance.now() }));
		}
	}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-shown-seq', 'data-drawn-seq'] });
}

export async function realStage(url, stageToken) {
	const browser = await chromium.launch({ executablePath: ensureChromium(() => {}), args: chromiumArgs });
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await page.addInitScript(observe);
	await page.goto(`${url}/stage/${stageToken}`);
	await page.waitForSelector('[data-connection="online"], main', { timeout: 20_000 });
	return {
		/** The frames noted since the last call. */
		async frames() {
			return page.evaluate(() => window.__plenumFrames.splice(0));
		},
		close: () => browser.close()
	};
}

/**
 * For each acknowledged action, the first frame of `kind` ('shown' or 'drawn') whose commit number
 * is at or past the action's: from the intended send time to that frame. Actions never drawn are
 * counted apart.
 */
export function toProjector(acked, frames, kind) {
	const ofKind = frames.filter((f) => f.what === kind);
	const ms = [];
	let missing = 0;
	for (const r of acked) {
		const f = ofKind.find((x) => x.seq >= r.seq && x.at >= r.sentAt);
		if (f) ms.push(f.at - r.sentAt);
		else missing++;
	}
	return { ms, missing };
}
