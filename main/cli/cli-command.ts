// What every `mjsc` subcommand is: a name, its help, and a run function over injected I/O, so the
// dispatcher and tests never touch process globals. A command never calls process.exit itself.

/** The process as a command sees it; mjsc.ts wires the real one, tests pass fakes. */
export interface CliIo {
  /** The whole of standard input, as UTF-8 text. */
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  writeOut(text: string): void;
  writeErr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves with the signal name on the first SIGINT/SIGTERM; long-running commands (relay) await it. */
  waitForStop(): Promise<string>;
  /** Whether stderr is a terminal (a progress bar may redraw a line there); default false. */
  stderrIsTTY?: boolean;
}

export interface CliCommand {
  /** The word after `mjsc`, e.g. "map" or "relay". */
  name: string;
  /** One line for `mjsc --help`. */
  summary: string;
  /** Usage lines for `mjsc --help`, e.g. "mjsc map event [FILE|-] [--preset default|segment-spec]". */
  usage: readonly string[];
  /** Full help for `mjsc <name> --help`. */
  help: string;
  /** Runs with the arguments after the command name; resolves with the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
