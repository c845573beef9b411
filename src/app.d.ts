declare global {
	namespace App {
		interface Error {
			code?: string;
			message: string;
		}
		interface Locals {
			/** The anonymous participant behind this browser (hash of the httpOnly cookie). */
			participantId: string;
		}
	}
}

export {};
