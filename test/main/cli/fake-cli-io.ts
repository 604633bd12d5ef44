// An in-memory CliIo: stdin text, files by path, and captured stdout/stderr.
import type { CliIo } from '../../../main/cli/cli-command';

export interface FakeCliIo extends CliIo {
  stdout(): string;
  stderr(): string;
}

export function fakeCliIo(options: { stdin?: string; files?: Record<string, string> } = {}): FakeCliIo {
  let out = '';
  let err = '';
  return {
    readStdin: async () => options.stdin ?? '',
    readFile: async (path) => {
      const text = options.files?.[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    writeOut: (text) => {
      out += text;
    },
    writeErr: (text) => {
      err += text;
    },
    env: {},
    waitForStop: () => new Promise<string>(() => undefined),
    stdout: () => out,
    stderr: () => err,
  };
}
