import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function createWebhookRouter(_deps: AppDeps): Router {
  return Router();
}
