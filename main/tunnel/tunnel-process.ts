// Runs one tunnel program as a child process and reports each public URL and error its log names.
// stop() ends it (SIGTERM, then SIGKILL after a grace period) and waits, so no tunnel outlives the relay.
import { spawn as nodeSpawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TunnelOutputReader } from './tunnel-output';

export type SpawnTunnel = (command: string, args: readonly string[], env: NodeJS.ProcessEnv) => ChildProcess;

export interface TunnelProcessOptions {
  command: string;
  args: readonly string[];
  reader: TunnelOutputReader;
  onUrl(url: string): void;
  onError(message: string): void;
  /** Called once, when the process ends (also after stop()). */
  onExit(description: string): void;
  /** The program's environment (cloudflared reads HOME for its config, ngrok its authtoken). */
  env: NodeJS.ProcessEnv;
  spawn?: SpawnTunnel;
  stopGraceMs?: number;
}

export interface TunnelProcess {
  stop(): Promise<void>;
}

const defaultSpawn: SpawnTunnel = (command, args, env) => nodeSpawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });

export function startTunnelProcess(options: TunnelProcessOptions): TunnelProcess {
  const child = (options.spawn ?? defaultSpawn)(options.command, options.args, options.env);
  const exited = new Promise<void>((resolve) => {
    let ended = false;
    const end = (description: string): void => {
      if (ended) return;
      ended = true;
      options.onExit(description);
      resolve();
    };
    // A program that cannot start emits 'error' and no 'exit'.
    child.once('error', (error) => end(`could not run ${options.command}: ${error.message}`));
    child.once('exit', (code, signal) => end(signal !== null ? `stopped by ${signal}` : `exited with code ${code ?? 'unknown'}`));
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue;
    createInterface({ input: stream }).on('line', (line) => {
      const found = options.reader.read(line);
      if (found.url !== undefined) options.onUrl(found.url);
      if (found.error !== undefined) options.onError(found.error);
    });
  }
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), options.stopGraceMs ?? 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
