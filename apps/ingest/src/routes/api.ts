import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { createAccountsRouter } from './accounts.js';
import { createReviewRouter } from './review.js';
import { createGroupsRouter } from './groups.js';

/**
 * The review API under /api. Authentication (Bearer token -> teacher) is applied by each
 * router through the shared middleware in ../auth.ts; openapi.json is public.
 */
export function createApiRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(createAccountsRouter(deps));
  router.use(createReviewRouter(deps));
  router.use(createGroupsRouter(deps));
  return router;
}
