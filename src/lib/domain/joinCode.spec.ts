import { describe, expect, it } from 'vitest';
import { generate, isValid, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalise } from './joinCode';

/** A random source that hands out the given byte sequences, one per call, and records the sizes asked for. */
function scripted(...calls: number[][]) {
	const asked: number[] = [];
	const random = (n: number) => {
		asked.push(n);
		const next = calls.shift();
		if (!next) throw new Error('random source exhausted');
		return Uint8Array.from(next);
	};
	return { random, asked };
}

describe('join code alphabet', () => {
	it('leaves out the look-alikes 0 O 1 I L', () => {
		for (const c of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(c);
	});

	it('is upper-case letters and digits 2-9, each once', () => {
		expect(JOIN_CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
		expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
		expect(JOIN_CODE_ALPHABET).toHaveLength(26 - 3 + 8);
	});
});

describe('generate', () => {
	it('makes valid six-character codes', () => {
		expect(JOIN_CODE_LENGTH).toBe(6);
		for (let i = 0; i < 500; i++) {
			const code = generate();
			expect(code).toHaveLength(6);
			expect(isValid(code)).toBe(true);
		}
	});

	it('maps bytes onto the alphabet with a deterministic source', () => {
		const { random, asked } = scripted([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(generate(random)).toBe('ABCDEF');
		expect(asked).toEqual([12]);
	});

	it('wraps bytes modulo the alphabet size', () => {
		const n = JOIN_CODE_ALPHABET.length;
		const { random } = scripted([n, n + 1, 2 * n + 2, 30, 7 * n + 30, 0, 0, 0, 0, 0, 0, 0]);
		expect(generate(random)).toBe('ABC99A');
	});

	it('rejects bytes at or above the largest multiple of the alphabet size, so all characters are equally likely', () => {
		const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
		const { random } = scripted([255, limit, 0, limit - 1, 1, 2, 3, 4, 0, 0, 0, 0]);
		expect(generate(random)).toBe(`A${JOIN_CODE_ALPHABET[(limit - 1) % JOIN_CODE_ALPHABET.length]}BCDE`);
	});

	it('draws more bytes when too many were rejected, still returning six characters', () => {
		const { random, asked } = scripted([0, 1, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
		const code = generate(random);
		expect(code).toBe('ABEFGH');
		expect(isValid(code)).toBe(true);
		expect(asked).toEqual([12, 12]);
	});
});

describe('normalise', () => {
	it.each([
		['abc234', 'ABC234'],
		['abc 234', 'ABC234'],
		['ABC-234', 'ABC234'],
		['  aBc - 2 3 4  ', 'ABC234'],
		['abc\t234\n', 'ABC234']
	])('turns %j into %j', (input, out) => {
		expect(normalise(input)).toBe(out);
		expect(isValid(normalise(input))).toBe(true);
	});

	it('does not fix look-alikes: a typed O stays invalid', () => {
		expect(normalise('abo234')).toBe('ABO234');
		expect(isValid(normalise('abo234'))).toBe(false);
	});
});

describe('isValid', () => {
	it('accepts six alphabet characters', () => {
		expect(isValid('ABC234')).toBe(true);
		expect(isValid('ZZZ999')).toBe(true);
	});

	it.each(['ABC0EF', 'ABCOEF', 'ABC1EF', 'ABCIEF', 'ABCLEF'])('rejects the look-alike in %s', (code) => {
		expect(isValid(code)).toBe(false);
	});

	it.each(['', 'ABC23', 'ABC2345', 'abc234', 'ABC 23', 'ABC-23', 'ABC23!', 'ABC234\n'])('rejects %j', (code) => {
		expect(isValid(code)).toBe(false);
	});
});
