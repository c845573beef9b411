/**
 * CSV for exports that organisers open in a spreadsheet. Every field is quoted; a value that a
 * spreadsheet would run as a formula (= + - @, tab, carriage return) gets a leading apostrophe,
 * because audience text is untrusted (CSV injection).
 */
export function csv(header: string[], rows: (string | number | boolean | null)[][]): string {
	return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(v: string | number | boolean | null): string {
	if (v === null) return '';
	let s = String(v);
	if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return `"${s.replace(/"/g, '""')}"`;
}
