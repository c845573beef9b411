import { describe, expect, it } from 'vitest';
import { compile, effectiveTerms } from '$lib/domain/moderation/profanity';
import { defaultEdits } from './profanityDefaults';
import { baseLists } from './profanityLists';

/** Ordinary conference questions, per language, that the raw word lists used to flag. */
const clean: Record<string, string[]> = {
	en: ['Is fire retardant paint safe for timber schools?', 'Will the mist cooling stations run all summer?', 'How long is the district heating pipe network?'],
	es: ['¿Qué pasará el próximo año con el tranvía?', '¿Cuánto espacio verde habrá en el centro?'],
	lt: ['Kokia energetinė bendrija yra geriausias pavyzdys?', 'Ar pylimas apsaugos nuo potvynio?'],
	de: ['Wann beginnt der Deichbau an der Küste?', 'Wie groß ist der Abstand zwischen den Bäumen?'],
	fr: ['Quel est le retard du chantier de la digue ?', 'Au bout de combien de temps la digue sera-t-elle prête ?'],
	it: ['Quando sarà pronta la diga sul fiume?', 'Il ritardare dei lavori costa quanto?'],
	pl: ['Czy elektrownia jądrowa jest w planie?', 'Czy tama ochroni zalany teren?', 'Ile odbytych konsultacji było w tym roku?']
};

describe('default removals', () => {
	for (const [language, questions] of Object.entries(clean)) {
		it(`Q6 clean ${language} climate questions are not flagged with the event's language list`, () => {
			const matcher = compile(effectiveTerms(baseLists(), [language], defaultEdits()));
			for (const q of questions) expect(matcher.matches(q), q).toEqual([]);
		});
	}

	it('Q6 real profanity is still flagged after the removals', () => {
		const matcher = compile(effectiveTerms(baseLists(), ['en', 'pl', 'de'], defaultEdits()));
		for (const q of ['this is shit', 'kurwa mać', 'du Arschloch']) expect(matcher.flagged(q), q).toBe(true);
	});
});
