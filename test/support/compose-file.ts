import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: string | { context?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | null> | string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
  ports?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** Parses the compose file as Docker does: YAML 1.1 merge keys (`<<: *anchor`) resolved. */
export function readComposeFile(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * Compose's variable interpolation for the forms our file uses: `${X}`, `${X:-default}`,
 * `${X-default}`, `${X:?message}`, and `$$` for a literal dollar.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name, op, arg) => {
    if (match === '$$') return '$';
    const v = env[name as string];
    const unset = op?.startsWith(':') ? v === undefined || v === '' : v === undefined;
    if (op === ':?' || op === '?') {
      if (unset) throw new Error(`${name}: ${arg as string}`);
      return v as string;
    }
    if (op === ':-' || op === '-') return unset ? (arg as string) : (v as string);
    return v ?? '';
  });
}

/** A service's environment as the container sees it, given the variables of the deploying shell. */
export function resolveEnvironment(service: ComposeService, shellEnv: Record<string, string | undefined>): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line) => {
        const eq = line.indexOf('=');
        return eq < 0 ? [line, shellEnv[line] ?? ''] : [line.slice(0, eq), line.slice(eq + 1)];
      })
    : Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v, shellEnv)]));
}

/** The command as an argv array (compose accepts a string too, split on spaces). */
export function commandOf(service: ComposeService): string[] {
  const c = service.command ?? [];
  return Array.isArray(c) ? c : c.split(/\s+/).filter(Boolean);
}
