import { describe, expect, it } from 'vitest';
import { compile, effectiveTerms } from '$lib/domain/moderation/profanity';
import { baseLists, SUPPORTED_PROFANITY_LANGUAGES } from './profanityLists';

describe('baseLists', () => {
	it('has a non-empty list of strings for every supported language', () => {
		const lists = baseLists();
		expect(Object.keys(lists).sort()).toEqual([...SUPPORTED_PROFANITY_LANGUAGES].sort());
		for (const language of SUPPORTED_PROFANITY_LANGUAGES) {
			expect(lists[language].length, language).toBeGreaterThan(0);
			for (const term of lists[language]) expect(typeof term).toBe('string');
		}
	});

	it('is loaded once and cached', () => {
		expect(baseLists()).toBe(baseLists());
	});

	it('has no entry for a language the package lacks (Irish)', () => {
		expect('ga' in baseLists()).toBe(false);
		expect(effectiveTerms(baseLists(), ['ga'], [])).toEqual([]);
	});

	it('flags real Lithuanian terms and not a clean Lithuanian question', () => {
		const lt = baseLists().lt;
		expect(lt).toContain('šūdas');
		const matcher = compile(effectiveTerms(baseLists(), ['lt'], []));
		expect(matcher.flagged('Tai šūdas')).toBe(true);
		expect(matcher.flagged('TAI SUDAS')).toBe(true);
		expect(matcher.flagged('Kaip miestas finansuos daugiau medžių?')).toBe(false);
	});
});
