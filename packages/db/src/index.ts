export { createPool, withTransaction, type Pool, type PoolClient } from './pool.js';
export { migrate, ensureDatabase, MIGRATIONS_DIR } from './migrate.js';
