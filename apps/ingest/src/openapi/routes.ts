import type { RouteDoc } from './common.js';
import { ACCOUNT_ROUTES } from './account-routes.js';
import { REVIEW_ROUTES } from './review-routes.js';
import { SYSTEM_ROUTES } from './system-routes.js';
import { WEBHOOK_ROUTES } from './webhook-routes.js';
import { GROUP_ROUTES } from './group-routes.js';

export type { RouteDoc } from './common.js';

/** Every route of the app; test/openapi.test.ts fails when the app has a route missing here. */
export const ROUTE_DOCS: readonly RouteDoc[] = [...SYSTEM_ROUTES, ...WEBHOOK_ROUTES, ...ACCOUNT_ROUTES, ...REVIEW_ROUTES, ...GROUP_ROUTES];
