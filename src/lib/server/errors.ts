import { DomainError, isDomainError } from '$lib/domain/errors';
import { sqlState } from './db/driver';

/**
 * Turns what a request can provoke into a domain error: our own, the database refusing a value
 * (SQLSTATE class 22: bad text or date, say), a taken name (23505), a deadlock between two
 * moderators (40P01), and an oversized body. Anything else is ours to fix
 * and stays unknown (logged, answered as 503).
 */
export function asDomainError(e: unknown): DomainError | null {
	if (isDomainError(e)) return e;
	const state = sqlState(e);
	if (state?.startsWith('22')) return new DomainError('invalid_input', 'A value was not accepted by the database.');
	if (state === '23505') return new DomainError('conflict', 'This already exists (a name or an id is taken).');
	// Two moderators acting on the same rows at once: one of them is asked to try again.
	if (state === '40P01' || state === '40001') return new DomainError('conflict', 'Someone else changed this at the same moment; please try again.');
	if ((e as { status?: unknown })?.status === 413) return new DomainError('too_large', 'The body is too large.');
	return null;
}
