/**
 * Terms of the base profanity lists (washyourmouthoutwithsoap) that we remove by default: they
 * are ordinary words in questions about cities and climate (año, embankment, dam, nuclear,
 * energy community, fire retardant…) or medical terms. Events can still add any term back as
 * their own edit. Reviewed 2026-11-28 against the 1.0.2 lists.
 */
const DEFAULT_REMOVALS: Record<string, string[]> = {
	en: ['retard', 'retarded', 'pipe', 'mist', 'hell', 'bloody', 'balls', 'prick', 'abortion', 'breasts', 'penis', 'vagina', 'rectum', 'anus', 'sex'],
	es: ['ano', 'campana', 'cono', 'coño', 'espacio', 'extremo', 'negro', 'dique'],
	lt: ['geriausias', 'bendrija', 'pylimas', 'tarpas', 'prizai', 'gerumas', 'gerkite', 'krūtinės', 'abortas'],
	de: ['deich', 'samen', 'abstand', 'schmutz', 'spalt', 'blasen', 'verzögern', 'lust', 'mist', 'bälle', 'abtreibung'],
	fr: ['retard', 'digue', 'bout', 'espacer', 'pipe', 'bride', 'queue', 'râpé', 'avortement'],
	it: ['diga', 'retto', 'ritardare', 'inferno', 'audacia', 'brutalità', 'negro', 'palle', 'aborto'],
	pl: ['jądro', 'rzepak', 'tama', 'zalany', 'odbyt', 'opóźniać', 'piekło', 'piersi', 'papieros', 'odwaga', 'kulki', 'fagoty', 'poronienie']
};

export function defaultEdits(): { language: string; term: string; action: 'remove' }[] {
	return Object.entries(DEFAULT_REMOVALS).flatMap(([language, terms]) => terms.map((term) => ({ language, term, action: 'remove' as const })));
}
