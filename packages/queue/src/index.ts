export {
  ANALYZE_QUEUE, RESCORE_QUEUE, analyzeJobId, createProducerConnection, createWorkerConnection, createQueue, createWorker,
  type AnalyzeJob, type RescoreJob,
} from './queue.js';
export { checkRedis, type RedisCheck } from './preflight.js';
export {
  ANALYZE_JOB, REANALYZE_JOB, RESCORE_JOB, ANALYZE_ATTEMPTS, DEFAULT_RESCORE_DEBOUNCE_MS, ADD_TIMEOUT_MS, EnqueueTimeoutError,
  enqueueAnalysis, requeueAnalysis, enqueueAssignmentReanalysis, enqueueRescore,
  type ReanalyzeJob, type AnalyzeQueueJob, type RescoreOptions,
} from './enqueue.js';
