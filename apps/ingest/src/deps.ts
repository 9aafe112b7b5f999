import type { Config, Logger } from '@crosscheck/config';
import type { Pool } from '@crosscheck/db';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AnalyzeJob } from '@crosscheck/queue';

/** Everything the HTTP app needs, passed in: no module-level singletons. */
export interface AppDeps {
  config: Config;
  log: Logger;
  pool: Pool;
  redis: Redis;
  analyzeQueue: Queue<AnalyzeJob>;
}
