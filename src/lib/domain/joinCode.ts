/**
 * Join codes: six characters people can read off a projector and type on a phone.
 * The alphabet leaves out look-alikes (0/O, 1/I/L), so any typed code is unambiguous.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
const pattern = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

export function generate(random: (n: number) => Uint8Array = defaultRandom): string {
	const bytes = random(JOIN_CODE_LENGTH * 2);
	let code = '';
	// Rejection sampling keeps every character equally likely.
	const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
	for (const b of bytes) {
		if (b >= limit) continue;
		code += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
		if (code.length === JOIN_CODE_LENGTH) return code;
	}
	return code + generate(random).slice(code.length);
}

/** Upper-cases and drops spaces and dashes, as people type "abc 234" or "ABC-234". */
export function normalise(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isValid(code: string): boolean {
	return pattern.test(code);
}

function defaultRandom(n: number): Uint8Array {
	const b = new Uint8Array(n);
	crypto.getRandomValues(b);
	return b;
}
