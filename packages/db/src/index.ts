export { createPool, withTransaction, type Pool, type PoolClient } from './pool.js';
export { migrate, ensureDatabase, MIGRATIONS_DIR } from './migrate.js';
export { hashSecret, digestsEqual, generateToken } from './hashing.js';
// SQL by area; each file owns its queries and row mapping.
export * from './classrooms.js';
export * from './submissions.js';
export * from './deliveries.js';
export * from './quarantine.js';
export * from './accounts.js';
export * from './classroom-settings.js';
export * from './students.js';
export * from './analysis.js';
export * from './fingerprints.js';
export * from './pairs.js';
export * from './review.js';
export * from './groups.js';
export { checkPostgres, type PostgresCheck } from './preflight.js';
