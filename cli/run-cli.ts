import { CommanderError } from 'commander';
import { EXIT, exitCodeOf } from './exit-codes';
import { Output, secretsIn } from './output';
import { buildProgram } from './program';

/**
 * Runs one command line and answers the exit code. Commander has already printed its own
 * errors and help; any other failure becomes one line on stderr, never a stack trace.
 */
export async function runCli(argv: string[]): Promise<number> {
  const out = new Output(process.stdout, process.stderr, secretsIn(argv, process.env));
  try {
    await buildProgram(out).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      out.error(`error: ${(error instanceof Error ? error.message : String(error))
        .replace(/\s+/g, ' ')}`);
    }
    return exitCodeOf(error);
  }
}
