import type { CliCommand } from '../../../main/cli/cli-command';
import { programHelp, runCli } from '../../../main/cli/cli-dispatch';
import { COMMANDS } from '../../../main/cli/command-table';
import { fakeCliIo } from './fake-cli-io';

describe('runCli', () => {
  const program = { version: '1.2.3', commands: COMMANDS };

  it.each([['--version'], ['-v']])('prints the version for %s', async (flag) => {
    const io = fakeCliIo();
    expect(await runCli([flag], io, program)).toBe(0);
    expect(io.stdout()).toBe('1.2.3\n');
  });

  it.each([[['--help']], [['-h']], [[]]])('prints usage for every command for %j', async (argv) => {
    const io = fakeCliIo();
    expect(await runCli(argv, io, program)).toBe(0);
    expect(io.stdout()).toContain('mjsc map identify [FILE|-] [--flatten documented|deep]');
    expect(io.stdout()).toContain('mjsc map event [FILE|-] [--preset default|segment-spec]');
    expect(io.stdout()).toContain('mjsc --help | --version');
  });

  it.each([[['map', '--help']], [['map', 'event', '--help']], [['map']]])('prints the map help for %j', async (argv) => {
    const io = fakeCliIo();
    expect(await runCli(argv, io, program)).toBe(0);
    expect(io.stdout()).toMatch(/Nothing is sent anywhere/);
  });

  it('runs a command added to the table, as `mjsc relay` will be', async () => {
    const relay: CliCommand = {
      name: 'relay',
      summary: 'Run the relay',
      usage: ['mjsc relay [--port 8787]'],
      help: 'relay help',
      run: async (args, io) => {
        io.writeOut(`relay ${args.join(' ')}\n`);
        return 0;
      },
    };
    const withRelay = { version: '1', commands: [...COMMANDS.filter((command) => command.name !== 'relay'), relay] };
    const io = fakeCliIo();
    expect(await runCli(['relay', '--port', '0'], io, withRelay)).toBe(0);
    expect(io.stdout()).toBe('relay --port 0\n');
    expect(programHelp(withRelay)).toContain('mjsc relay [--port 8787]');
  });

  it('reports an unexpected failure on one line with exit 1', async () => {
    const broken: CliCommand = {
      name: 'broken',
      summary: 'fails',
      usage: [],
      help: '',
      run: async () => {
        throw new Error('disk on fire\nsecond line');
      },
    };
    const io = fakeCliIo();
    expect(await runCli(['broken'], io, { version: '1', commands: [broken] })).toBe(1);
    expect(io.stderr()).toBe('mjsc: disk on fire second line\n');
  });
});
