import { Command, Option } from 'commander';
import { DEFAULT_URL } from './cli-context';
import { groupsCommand, lagCommand } from './commands/consumer-groups';
import { deadLettersCommand } from './commands/dead-letters';
import { replayCommand } from './commands/replay';
import { resetCommand } from './commands/reset';
import { sagaCommand } from './commands/saga';
import { tailCommand } from './commands/tail';
import { topicsCommand } from './commands/topics';
import { EXIT_CODES_HELP } from './exit-codes';
import { Output } from './output';

const EPILOGUE = `
Environment:
  SAGACTL_URL    the admin API's address when --url is not given
  SAGACTL_TOKEN  the bearer token when --token is not given; prefer it to --token, which
                 other users of this machine can see in the process list

${EXIT_CODES_HELP}

Errors go to stderr as one line; with --json, stdout holds the API's JSON only.`;

/**
 * sagactl: the admin API from a shell. Every command reads or changes through the API, never
 * Kafka or a database directly, so it sees what the API sees and its changes are audited.
 */
export function buildProgram(out: Output): Command {
  const program = new Command('sagactl')
    .description('Operate the outbox saga platform through its admin API')
    .addOption(new Option('--url <url>', 'the admin API').env('SAGACTL_URL').default(DEFAULT_URL))
    .addOption(new Option('--token <token>', 'bearer token: the admin token, or the ' +
      'read-only one for reads').env('SAGACTL_TOKEN'))
    .option('--json', 'print the API\'s JSON body as it is, for scripts')
    .addHelpText('after', EPILOGUE);
  for (const command of [topicsCommand(out), tailCommand(out), groupsCommand(out),
    lagCommand(out), resetCommand(out), deadLettersCommand(out), sagaCommand(out),
    replayCommand(out)]) {
    program.addCommand(command);
  }
  configure(program, out);
  return program;
}

/**
 * Every command, nested ones too: errors thrown rather than exiting, output masked, and the
 * global options listed in each command's help.
 */
function configure(command: Command, out: Output): void {
  command.exitOverride().configureOutput({ writeOut: out.writeOut, writeErr: out.writeErr })
    .configureHelp({ showGlobalOptions: true });
  command.commands.forEach((sub) => configure(sub, out));
}
