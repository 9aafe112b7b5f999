import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function createAdminRouter(_deps: AppDeps): Router {
  return Router();
}
