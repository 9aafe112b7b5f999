import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { buildOpenApiDocument } from '../openapi.js';
import { createReviewAssignmentsRouter } from './review-assignments.js';
import { createReviewPairsRouter } from './review-pairs.js';

/**
 * The review API: assignments and their settings, pairs, verdicts, rings, exports, submissions.
 * The OpenAPI document is public (it describes routes, holds no data) so it is mounted first;
 * every other route authenticates on its own, so unknown paths still fall through to the 404.
 */
export function createReviewRouter(deps: AppDeps): Router {
  const router = Router();
  const document = buildOpenApiDocument(deps.config.publicUrl);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(createReviewAssignmentsRouter(deps));
  router.use(createReviewPairsRouter(deps));
  return router;
}
