// Starts the production server for the end-to-end tests on a fresh embedded database.
import { rmSync } from 'node:fs';

const dir = 'test-results/e2e-data';
rmSync(dir, { recursive: true, force: true });
process.env.PLENUM_DATA_DIR = dir;
process.env.PLENUM_ENV_FILE = ''; // a developer's .env must not reach the tests
await import('../server.js');
