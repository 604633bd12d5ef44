// The built-in tunnel's lifecycle: find the program, start it for the relay's port, hand each public URL
// it prints to `useUrl` (prove, set, re-register), keep its state and last error, and stop it with the
// relay. One tunnel at a time; starting again replaces the running one.
import type { TunnelProgram, TunnelStatus } from '../../shared/api';
import { findTunnelProgram, type ProgramEnv } from './program-lookup';
import { TunnelError } from './tunnel-errors';
import { createTunnelReader } from './tunnel-output';
import { startTunnelProcess, type SpawnTunnel, type TunnelProcess } from './tunnel-process';
import { TUNNEL_PROGRAM_NAMES, TUNNEL_PROGRAMS } from './tunnel-programs';
import { SECRET_ENV_VARS } from '../secrets/secret-store';

export interface TunnelSupervisorDeps {
  env: ProgramEnv;
  relayPort(): number;
  /** Proves the URL, sets it as the public URL and moves the callbacks; a rejection becomes lastError. */
  useUrl(url: string): Promise<void>;
  spawn?: SpawnTunnel;
  /** How long start() waits for the program to print its URL (default 60 s). */
  startTimeoutMs?: number;
}

export interface TunnelSupervisor {
  status(): TunnelStatus;
  /** Resolves once the first URL was used; rejects with a TunnelError (or useUrl's error). */
  start(program: TunnelProgram): Promise<void>;
  stop(): Promise<void>;
}

export function createTunnelSupervisor(deps: TunnelSupervisorDeps): TunnelSupervisor {
  let state: Omit<TunnelStatus, 'available'> = { state: 'off' };
  let running: TunnelProcess | undefined;
  let generation = 0;
  const available = (): TunnelProgram[] => TUNNEL_PROGRAM_NAMES.filter((name) => findTunnelProgram(name, deps.env) !== undefined);
  let found = available();

  const stop = async (): Promise<void> => {
    generation += 1;
    const current = running;
    running = undefined;
    await current?.stop();
    state = { ...state, state: 'off' };
    delete state.url;
  };

  return {
    status: () => ({ ...state, available: found }),
    stop,
    async start(program) {
      await stop();
      const mine = generation;
      found = available();
      const spec = TUNNEL_PROGRAMS[program];
      const command = findTunnelProgram(program, deps.env);
      if (command === undefined) {
        const message = `${program} was not found on PATH (nor at ${spec.pathEnv}). ${spec.installHint} Then choose Start a tunnel again, or paste a public URL yourself.`;
        state = { state: 'failed', program, lastError: message };
        throw new TunnelError('tunnel_program_missing', message);
      }
      state = { state: 'starting', program };
      let lastLine = '';
      const first = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new TunnelError('tunnel_timeout', `${program} did not print a public URL within ${Math.round((deps.startTimeoutMs ?? 60_000) / 1000)} s. Check its network access, then start the tunnel again.`)),
          deps.startTimeoutMs ?? 60_000,
        );
        running = startTunnelProcess({
          command,
          args: spec.args(deps.relayPort()),
          reader: createTunnelReader(program),
          env: programEnv(deps.env),
          spawn: deps.spawn,
          onUrl(url) {
            if (mine !== generation) return;
            clearTimeout(timer);
            const changed = state.url !== undefined && state.url !== url;
            state = { state: 'running', program, url };
            resolve(url);
            // A later URL (the program reconnected under a new name): use it too.
            if (changed) void deps.useUrl(url).catch((error: unknown) => recordError(error));
          },
          onError(message) {
            lastLine = message;
          },
          onExit(description) {
            clearTimeout(timer);
            if (mine !== generation) return;
            running = undefined;
            const message = `${program} ${description}${lastLine === '' ? '' : `: ${lastLine}`}. Start the tunnel again; its new URL replaces the old one.`;
            state = { state: 'failed', program, lastError: message };
            reject(new TunnelError('tunnel_failed', message));
          },
        });
      });
      const recordError = (error: unknown): void => {
        if (mine === generation) state = { ...state, lastError: error instanceof Error ? error.message : String(error) };
      };
      let url: string;
      try {
        url = await first;
      } catch (error) {
        if (mine === generation && running !== undefined) await stop().then(() => (state = { state: 'failed', program, lastError: (error as Error).message }));
        throw error;
      }
      try {
        await deps.useUrl(url);
      } catch (error) {
        recordError(error);
        throw error;
      }
    },
  };
}

/** The tunnel program never sees the connector's keys, even when they come from MJSC_* variables. */
function programEnv(env: ProgramEnv): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of Object.values(SECRET_ENV_VARS)) delete merged[name];
  return merged;
}
