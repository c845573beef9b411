/**
 * Saving a word cloud as a file: the SVG on screen made standalone (its size, background, font
 * and colours written into it, so it looks the same in any viewer), or a PNG drawn from it.
 * Browser only.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The cloud's box: its viewBox, or its size on screen when it has none. */
function box(svg: SVGSVGElement): { x: number; y: number; width: number; height: number } {
	const vb = svg.viewBox.baseVal;
	if (vb && vb.width > 0 && vb.height > 0) return { x: vb.x, y: vb.y, width: vb.width, height: vb.height };
	const r = svg.getBoundingClientRect();
	return { x: 0, y: 0, width: Math.round(r.width), height: Math.round(r.height) };
}

/** Background: the `data-background` the cloud sets, else the element's computed background, else white. */
function background(svg: SVGSVGElement): string {
	const own = svg.dataset.background;
	if (own) return own;
	const computed = getComputedStyle(svg).backgroundColor;
	return computed && computed !== 'rgba(0, 0, 0, 0)' && computed !== 'transparent' ? computed : '#ffffff';
}

/** A standalone SVG document (as text) of what `svg` shows, at its layout size. */
function svgMarkup(svg: SVGSVGElement): string {
	const { x, y, width, height } = box(svg);
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
	copy.setAttribute('width', String(width));
	copy.setAttribute('height', String(height));
	copy.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
	for (const attr of ['class', 'style', 'data-background', 'data-placed']) copy.removeAttribute(attr);
	// Inline what the page's CSS supplied; drop classes and styles (animations mean nothing outside).
	const shown = svg.querySelectorAll('text');
	copy.querySelectorAll('text').forEach((text, i) => {
		const style = getComputedStyle(shown[i] ?? text);
		text.setAttribute('font-family', style.fontFamily);
		text.setAttribute('font-weight', style.fontWeight);
		if (!text.getAttribute('fill')) text.setAttribute('fill', style.fill);
		text.removeAttribute('class');
		text.removeAttribute('style');
	});
	for (const el of copy.querySelectorAll('[class], [style]')) {
		el.removeAttribute('class');
		el.removeAttribute('style');
	}
	const rect = document.createElementNS(SVG_NS, 'rect');
	for (const [k, v] of Object.entries({ x, y, width, height, fill: background(svg) })) rect.setAttribute(k, String(v));
	copy.insertBefore(rect, copy.firstChild);
	const label = svg.getAttribute('aria-label');
	if (label) {
		const title = document.createElementNS(SVG_NS, 'title');
		title.textContent = label;
		copy.insertBefore(title, copy.firstChild);
	}
	return new XMLSerializer().serializeToString(copy);
}

/** Saves the cloud as an SVG file. */
export function downloadSvg(svg: SVGSVGElement, filename: string): void {
	download(new Blob([svgMarkup(svg)], { type: 'image/svg+xml;charset=utf-8' }), filename);
}

/** The cloud as a PNG, `scale` pixels per layout pixel (2 gives a sharp image on a projector or in slides). */
async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
	const { width, height } = box(svg);
	const image = new Image();
	// A data URL rather than a blob URL: some browsers taint the canvas for blob-URL SVG images.
	image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgMarkup(svg))}`;
	await image.decode();
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * scale);
	canvas.height = Math.round(height * scale);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2D canvas');
	ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
	return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Saves the cloud as a PNG file. */
export async function downloadPng(svg: SVGSVGElement, filename: string, scale = 2): Promise<void> {
	download(await pngBlob(svg, scale), filename);
}

function download(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Some browsers start reading the file after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
