import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, loadConfig, type Logger } from '@crosscheck/config';
import { runPreflight } from '../preflight.js';
import { prepareDatabase } from './migrate.js';

/** The two long-running processes, as compose runs them too; paths are the built apps beside this one. */
const PROCESSES = [
  { name: 'ingest', script: fileURLToPath(new URL('../../../ingest/dist/main.js', import.meta.url)) },
  { name: 'worker', script: fileURLToPath(new URL('../../../worker/dist/main.js', import.meta.url)) },
] as const;

const FORCE_KILL_MS = 30_000;

/**
 * `crosscheck start` (what `npm start` runs): check Postgres and Redis, create and migrate
 * the database, then run ingest and worker as child processes until a signal or until one dies.
 */
export async function run(_argv: string[]): Promise<number> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'start' });
  const problems = await runPreflight({ databaseUrl: config.databaseUrl, redisUrl: config.redisUrl });
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    return 1;
  }
  const unbuilt = PROCESSES.filter((p) => !existsSync(p.script));
  if (unbuilt.length > 0) {
    console.error(`not built: ${unbuilt.map((p) => p.script).join(', ')}; run \`npm run build\` (tsc -b) first`);
    return 1;
  }
  await prepareDatabase(config.databaseUrl, log);
  return superviseChildren(log);
}

/**
 * Runs ingest and worker side by side. A signal is passed on to both and we exit once both
 * have drained (0 when both exit cleanly); a child that dies on its own takes the other down
 * and we exit non-zero, so a supervisor (systemd, a shell loop, CI) sees the failure.
 */
function superviseChildren(log: Logger): Promise<number> {
  return new Promise((resolve) => {
    const children = new Map<string, ChildProcess>();
    let stopping = false;
    let exitCode = 0;

    const stopAll = (signal: NodeJS.Signals) => {
      for (const child of children.values()) child.kill(signal);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping ingest and worker');
      stopAll(signal);
      forceAfterTimeout();
    };
    // Each child has its own drain timeout; this only catches one that hangs past it.
    const forceAfterTimeout = () => setTimeout(() => stopAll('SIGKILL'), FORCE_KILL_MS).unref();
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);

    for (const { name, script } of PROCESSES) {
      const child = spawn(process.execPath, [script], { stdio: 'inherit', env: process.env });
      children.set(name, child);
      child.on('error', (err) => log.error({ err, process: name }, 'could not start process'));
      child.on('exit', (code, signal) => {
        children.delete(name);
        const clean = code === 0;
        if (!stopping) {
          log.error({ process: name, code, signal }, 'process died; stopping the other');
          stopping = true;
          exitCode = clean ? 1 : (code ?? 1);
          stopAll('SIGTERM');
          forceAfterTimeout();
        } else if (!clean) {
          log.warn({ process: name, code, signal }, 'process did not exit cleanly');
          exitCode = exitCode || (code ?? 1);
        }
        if (children.size === 0) {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          resolve(exitCode);
        }
      });
    }
    log.info({ processes: PROCESSES.map((p) => p.name) }, 'crosscheck started');
  });
}
