/** A small argv parser: `--key value`, `--key=value`, `--flag`, and positionals. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[], flags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) { options[arg.slice(2, eq)] = arg.slice(eq + 1); continue; }
      const key = arg.slice(2);
      if (flags.includes(key)) { options[key] = true; continue; }
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${key} needs a value`);
      options[key] = value;
      i++;
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options };
}

export function requireOption(args: ParsedArgs, key: string): string {
  const v = args.options[key];
  if (typeof v !== 'string' || v === '') throw new Error(`--${key} is required`);
  return v;
}
