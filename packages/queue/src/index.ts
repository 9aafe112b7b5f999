export {
  ANALYZE_QUEUE, RESCORE_QUEUE, analyzeJobId, createProducerConnection, createWorkerConnection, createQueue, createWorker,
  type AnalyzeJob, type RescoreJob,
} from './queue.js';
export { checkRedis, type RedisCheck } from './preflight.js';
