/** The URL as tried, minus any password: service problems end up in terminals and CI logs. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '']);

/** Where a service URL points: its host, its port (or the service's default) and whether that is this machine. */
export function readServiceAddress(raw: string, defaultPort: number): { host: string; port: number; local: boolean } {
  let host = '';
  let port = defaultPort;
  try {
    const url = new URL(raw);
    host = url.hostname;
    if (url.port !== '') port = Number(url.port);
  } catch {
    // loadConfig refuses such a URL before any service is tried; answer as for the default.
  }
  return { host, port, local: LOCAL_HOSTS.has(host) };
}

export interface ServiceFailure {
  service: 'Postgres' | 'Redis';
  key: 'DATABASE_URL' | 'REDIS_URL';
  url: string;
  reason: string;
  /** The server answered and refused (login, password, permissions): starting it again would not help. */
  answered: boolean;
  /** How to bring the service up on the URL's port, on this host and with Docker; none for another host. */
  startHints: string[];
}

/**
 * One readable problem for a service a command needs: which one, the URL tried, and either how to
 * start it (nothing answered) or what to check in the URL (it answered and refused us).
 */
export function describeServiceFailure(f: ServiceFailure): string {
  if (f.answered) {
    return [
      `${f.service} at ${redactUrl(f.url)} (${f.key}) answered but refused the connection: ${f.reason}`,
      `  ${f.service} is running; check the user, password and database in ${f.key}.`,
    ].join('\n');
  }
  const { host, port } = readServiceAddress(f.url, 0);
  const hints = f.startHints.length > 0
    ? f.startHints.map((hint, i) => `  ${i === 0 ? 'start it with:' : 'or:           '} ${hint}`)
    : [`  check that ${f.service} runs on ${host}:${port} and that this machine can reach it,`];
  return [
    `${f.service} is not reachable at ${redactUrl(f.url)} (${f.key}): ${f.reason}`,
    ...hints,
    `  or point ${f.key} at a running ${f.service}.`,
  ].join('\n');
}
