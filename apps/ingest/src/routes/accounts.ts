import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function createAccountsRouter(_deps: AppDeps): Router {
  return Router();
}
