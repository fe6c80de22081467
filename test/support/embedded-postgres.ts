/**
 * Keeps an embedded PostgreSQL running until killed: what .ci/run uses on a machine without one.
 * Usage: tsx support/embedded-postgres.ts <data-dir> <port>
 */
import { startEmbeddedPostgres } from '@sixfold/launcher/embedded-postgres';

const [dataDir = '.data/ci-postgres', port = '54330'] = process.argv.slice(2);
const db = await startEmbeddedPostgres(dataDir, Number(port), (line) => console.log(line));
console.log(`embedded PostgreSQL ready: ${db.url}`);
const stop = () => void db.stop().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
