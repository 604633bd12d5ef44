// Dispatches `mjsc` arguments to a command from the table, handles --help/--version, and turns any
// failure into one stderr line and an exit code. Never touches process globals: see mjsc.ts.
import type { CliCommand, CliIo } from './cli-command';
import { CliInputError, EXIT_OK, describeFailure, exitCodeFor } from './cli-errors';

export interface CliProgram {
  version: string;
  commands: readonly CliCommand[];
}

export function programHelp(program: CliProgram): string {
  const usage = program.commands.flatMap((c) => c.usage).map((line) => `  ${line}`);
  const width = Math.max(...program.commands.map((c) => c.name.length));
  const summaries = program.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `mjsc ${program.version}: the Mailjet Segment Connector on the command line`,
    '',
    'Usage:',
    ...usage,
    '  mjsc --help | --version',
    '',
    'Commands:',
    ...summaries,
    '',
    'Run `mjsc <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo, program: CliProgram): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.writeOut(programHelp(program));
      return EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      io.writeOut(`${program.version}\n`);
      return EXIT_OK;
    }
    const command = program.commands.find((c) => c.name === first);
    if (command === undefined) {
      const known = program.commands.map((c) => c.name).join(', ');
      throw new CliInputError('unknown_command', `unknown command "${first}"; commands: ${known} (see mjsc --help)`);
    }
    return await command.run(rest, io);
  } catch (error) {
    io.writeErr(describeFailure(error));
    return exitCodeFor(error);
  }
}
