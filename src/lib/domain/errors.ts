/**
 * Domain errors carry a stable code that routes and socket handlers map to a 4xx status.
 * Messages are plain English for API users; the UI translates by code.
 */
type ErrorCode = 'invalid_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'poll_not_open' | 'rate_limited' | 'too_large' | 'unavailable';

const statusByCode: Record<ErrorCode, number> = {
	invalid_input: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	poll_not_open: 409,
	rate_limited: 429,
	too_large: 413,
	unavailable: 503
};

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly issues?: { path: string; message: string }[];

	constructor(code: ErrorCode, message: string, issues?: { path: string; message: string }[]) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.issues = issues;
	}

	get status(): number {
		return statusByCode[this.code];
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return e instanceof DomainError;
}

/** The wire shape of an error, the same over HTTP and socket acks. */
export interface ErrorBody {
	code: ErrorCode;
	message: string;
	issues?: { path: string; message: string }[];
}

export function toErrorBody(e: DomainError): ErrorBody {
	return e.issues ? { code: e.code, message: e.message, issues: e.issues } : { code: e.code, message: e.message };
}
