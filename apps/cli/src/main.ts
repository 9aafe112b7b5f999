import { pathToFileURL } from 'node:url';

/** Each command lives in commands/<name>.ts and exports run(argv): Promise<number> (the exit code). */
const COMMANDS: Record<string, string> = {
  start: 'migrate the database and run ingest and worker together (the quick start)',
  migrate: 'create the database if missing and apply migrations',
  classroom: 'classroom create --name NAME --secret SECRET: register a classroom, its owner and an API token',
  replay: 'replay --url URL DIR: post every webhook body in DIR',
  import: 'import DIR --out OUTDIR --classroom NAME --secret S --group-depth N: turn source folders into webhook bodies',
  compare: 'compare DIR [--group-depth N] [--starter FILE]: score every pair of files, CSV to stdout',
};

function usage(): string {
  return ['usage: crosscheck <command> [options]', '', ...Object.entries(COMMANDS).map(([n, d]) => `  ${n.padEnd(10)} ${d}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    console.error(`crosscheck: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = (await import(new URL(`./commands/${name}.js`, import.meta.url).href)) as { run(argv: string[]): Promise<number> };
  return mod.run(rest);
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'not a folder',
  EISDIR: 'a folder, not a file',
  EACCES: 'permission denied',
};

/** A command's failure in a line: a file-system error by its path, not node's syscall wording. */
export function describeFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.path && e.code && FILE_ERRORS[e.code]) return `${FILE_ERRORS[e.code]}: ${e.path}`;
  return err instanceof Error ? err.message : String(err);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || process.argv[1]?.endsWith('crosscheck.js') || process.argv[1]?.endsWith('crosscheck')) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      console.error(`crosscheck: ${describeFailure(err)}`);
      process.exitCode = 1;
    },
  );
}
