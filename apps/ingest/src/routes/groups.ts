import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function createGroupsRouter(_deps: AppDeps): Router {
  return Router();
}
