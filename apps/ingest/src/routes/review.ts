import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function createReviewRouter(_deps: AppDeps): Router {
  return Router();
}
