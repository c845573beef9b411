import { DomainError, isDomainError } from '$lib/domain/errors';
import { sqlState } from './db/driver';

/**
 * Turns what a request can provoke into a domain error: our own, the database refusing a value
 * (SQLSTATE class 22: bad text or date, say) and an oversized body. Anything else is ours to fix
 * and stays unknown (logged, answered as 503).
 */
export function asDomainError(e: unknown): DomainError | null {
	if (isDomainError(e)) return e;
	if (sqlState(e)?.startsWith('22')) return new DomainError('invalid_input', 'A value was not accepted by the database.');
	if ((e as { status?: unknown })?.status === 413) return new DomainError('too_large', 'The body is too large.');
	return null;
}
