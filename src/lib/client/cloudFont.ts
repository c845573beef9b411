/**
 * The word cloud's type: a bold system sans-serif, so nothing is downloaded and the canvas that
 * measures words (d3-cloud) and the SVG that shows them use the same face.
 */
export const CLOUD_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
export const CLOUD_FONT_WEIGHT = 700;
