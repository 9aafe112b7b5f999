import type { AppDeps } from './deps.js';

/**
 * Accepts the quarantined deliveries (last 24 h) whose secret hash matches the classroom's new
 * secret, through the webhook's own ingest path; returns how many were accepted.
 * Provisional until the webhook ingest (apps/ingest/src/ingest.ts) exports ingestDelivery.
 */
export async function recoverQuarantinedDeliveries(_deps: AppDeps, _classroomId: number, _secret: string): Promise<number> {
  return 0;
}
