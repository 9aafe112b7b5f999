import { hashSecret, takeQuarantinedDeliveries, withTransaction } from '@crosscheck/db';
import type { AppDeps } from './deps.js';
import { ingestDelivery } from './ingest.js';

const RECOVERED = new Set(['accepted', 'status_updated', 'duplicate']);

/**
 * Accepts the quarantined deliveries (unexpired: the last 24 h) whose secret hash matches the
 * classroom's new secret, through the webhook's own ingest path; returns how many were taken in.
 * They are taken out of quarantine in a transaction committed only after every one was ingested:
 * a crash in between leaves them quarantined, and ingesting one twice is a harmless duplicate.
 */
export async function recoverQuarantinedDeliveries(deps: AppDeps, classroomId: number, secret: string): Promise<number> {
  const secretHash = hashSecret(deps.config.secretPepper, secret);
  return withTransaction(deps.pool, async (client) => {
    const kept = await takeQuarantinedDeliveries(client, classroomId, secretHash);
    let recovered = 0;
    for (const delivery of kept) {
      const result = await ingestDelivery(deps, classroomId, delivery.body, { secretVerified: true, note: 'released from quarantine' });
      if (RECOVERED.has(result.outcome)) recovered++;
    }
    return recovered;
  });
}
