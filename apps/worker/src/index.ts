export { createWorkerRuntime, startWorker, type WorkerRuntime, type WorkerRuntimeDeps, type RunningWorker } from './runtime.js';
export { analyzeSubmissionById, processAnalyzeJob, describeOutcome, type AnalyzeDeps, type AnalyzeOutcome } from './analyze.js';
export { rescoreScope, shouldFlag, type RescoreSummary } from './rescore.js';
export { pairSubmission, type PairingSummary } from './pairing.js';
export { startSweeper, type Sweeper } from './sweeper.js';
export { choosePairHome, candidateAssignmentsFor } from './scoring.js';
export { DEFAULT_TUNING, type WorkerTuning } from './tuning.js';
