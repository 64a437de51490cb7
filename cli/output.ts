/**
 * Where the CLI writes. Every write goes through here so that a secret (the bearer token) is
 * masked wherever it would appear: in the API's answers, in errors, in commander's messages.
 */
export class Output {
  constructor(
    private readonly stdout: NodeJS.WritableStream,
    private readonly stderr: NodeJS.WritableStream,
    private readonly secrets: string[],
  ) {}

  /** One line (or block) of human output on stdout. */
  line(text = ''): void {
    this.stdout.write(`${this.mask(text)}\n`);
  }

  /** A body exactly as the API sent it, one per line. */
  json(text: string): void {
    this.stdout.write(`${this.mask(text.trimEnd())}\n`);
  }

  /** A diagnostic or an error on stderr, never on stdout where scripts read results. */
  error(text: string): void {
    this.stderr.write(`${this.mask(text.trimEnd())}\n`);
  }

  /** For commander: its help on stdout, its errors on stderr, both masked. */
  writeOut = (text: string): void => void this.stdout.write(this.mask(text));
  writeErr = (text: string): void => void this.stderr.write(this.mask(text));

  private mask(text: string): string {
    return this.secrets.reduce((masked, secret) => masked.split(secret).join('***'), text);
  }
}

/**
 * The token as given on the command line or in SAGACTL_TOKEN, read before commander parses
 * anything so that even its errors are masked. Short values are left alone: masking every
 * "a" in the output would hide more than it protects.
 */
export function secretsIn(argv: string[], env: NodeJS.ProcessEnv): string[] {
  const found = [env.SAGACTL_TOKEN ?? ''];
  argv.forEach((arg, index) => {
    if (arg === '--token') found.push(argv[index + 1] ?? '');
    if (arg.startsWith('--token=')) found.push(arg.slice('--token='.length));
  });
  return [...new Set(found.filter((secret) => secret.trim().length >= 4))];
}
