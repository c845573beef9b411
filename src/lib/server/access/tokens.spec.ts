import { describe, expect, it } from 'vitest';
import { uuid } from '$lib/domain/validate';
import { deriveToken, hashToken, newToken, PARTICIPANT_COOKIE_PATTERN, participantIdFor, TOKEN_PATTERN } from './tokens';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newToken', () => {
	it('is 256 random bits as base64url (43 characters, no padding)', () => {
		const t = newToken();
		expect(t).toHaveLength(43);
		expect(t).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(Buffer.from(t, 'base64url')).toHaveLength(32);
	});

	it('matches TOKEN_PATTERN', () => {
		for (let i = 0; i < 100; i++) expect(newToken()).toMatch(TOKEN_PATTERN);
	});

	it('is different every time', () => {
		const tokens = new Set(Array.from({ length: 1000 }, newToken));
		expect(tokens.size).toBe(1000);
	});
});

describe('hashToken', () => {
	it('is the hex SHA-256 of the token', () => {
		expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('is deterministic and differs per token', () => {
		const t = newToken();
		expect(hashToken(t)).toBe(hashToken(t));
		expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(t)).not.toBe(hashToken(newToken()));
	});
});

describe('deriveToken', () => {
	const organiser = newToken();
	const s1 = '6f1c2f8e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
	const s2 = '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a';

	it('is stable for the same organiser, session and role', () => {
		expect(deriveToken(organiser, s1, 'moderator')).toBe(deriveToken(organiser, s1, 'moderator'));
	});

	it('matches TOKEN_PATTERN, so derived links authenticate like any token', () => {
		expect(deriveToken(organiser, s1, 'moderator')).toMatch(TOKEN_PATTERN);
		expect(deriveToken(organiser, s1, 'stage')).toMatch(TOKEN_PATTERN);
	});

	it('differs per role, per session and per organiser token', () => {
		const all = [
			deriveToken(organiser, s1, 'moderator'),
			deriveToken(organiser, s1, 'stage'),
			deriveToken(organiser, s2, 'moderator'),
			deriveToken(organiser, s2, 'stage'),
			deriveToken(newToken(), s1, 'moderator'),
			organiser
		];
		expect(new Set(all).size).toBe(all.length);
	});
});

describe('participantIdFor', () => {
	it('is UUID v4 shaped and accepted as a uuid', () => {
		const id = participantIdFor('some-cookie-secret-value');
		expect(id).toMatch(UUID_V4);
		expect(uuid.safeParse(id).success).toBe(true);
	});

	it('is stable for a secret and differs between secrets', () => {
		const secret = newToken();
		expect(participantIdFor(secret)).toBe(participantIdFor(secret));
		expect(participantIdFor(secret)).not.toBe(participantIdFor(newToken()));
	});

	it('does not reveal the secret or its plain hash', () => {
		const secret = newToken();
		const id = participantIdFor(secret);
		expect(id).not.toContain(secret);
		expect(id.replace(/-/g, '')).not.toBe(hashToken(secret).slice(0, 32));
	});
});

describe('patterns', () => {
	it('TOKEN_PATTERN rejects short, long and non-base64url tokens', () => {
		expect(TOKEN_PATTERN.test('a'.repeat(39))).toBe(false);
		expect(TOKEN_PATTERN.test('a'.repeat(40))).toBe(true);
		expect(TOKEN_PATTERN.test('a'.repeat(65))).toBe(false);
		expect(TOKEN_PATTERN.test(`${'a'.repeat(42)}=`)).toBe(false);
		expect(TOKEN_PATTERN.test(`${'a'.repeat(42)}+`)).toBe(false);
	});

	it('PARTICIPANT_COOKIE_PATTERN accepts the cookie secrets the server issues (24 random bytes)', () => {
		expect(Buffer.alloc(24, 0xfb).toString('base64url')).toMatch(PARTICIPANT_COOKIE_PATTERN);
		expect(PARTICIPANT_COOKIE_PATTERN.test('short')).toBe(false);
	});
});
