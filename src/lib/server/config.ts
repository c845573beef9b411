import { z } from 'zod';
import { reachableUrl } from './startup/reachableUrl';

/**
 * All server configuration, read once from the environment. Invalid values stop the server at
 * start-up with a message naming the variable. Documented in .env.example.
 */
const schema = z.object({
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	/** The public base URL for links and QR codes (what phones type). */
	ORIGIN: z.url().optional(),
	/** Set to use PostgreSQL (or Supabase) instead of the embedded database. */
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
		.optional(),
	PLENUM_DATA_DIR: z.string().min(1).default('./data'),
	TALLY_INTERVAL_MS: z.coerce.number().int().min(20).max(10_000).default(250),
	/** Create a demo event on first start (default on). */
	PLENUM_DEMO: z.enum(['0', '1']).default('1')
});

export type Config = z.infer<typeof schema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
		throw new Error(`Invalid configuration:\n${lines}\nSee .env.example.`);
	}
	return result.data;
}

/** The base URL for links and QR codes: ORIGIN, else an address phones on the same network can open. */
export function publicUrl(config: Config): string {
	return (config.ORIGIN ?? reachableUrl(config.HOST, config.PORT)).replace(/\/$/, '');
}
