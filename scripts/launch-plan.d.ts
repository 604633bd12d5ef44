// Types for launch-plan.js (plain JS so `npm start` needs no build step of its own).
export type LaunchPlan =
  | { kind: 'electron'; command: string; args: string[] }
  | { kind: 'relay'; message: string; command: string; args: string[] };

export interface LaunchFacts {
  /** What require('electron') returned, or null when it threw (binary skipped at install). */
  electronBinary: string | null;
  binaryExists: boolean;
  platform: string;
  env: Record<string, string | undefined>;
  /** Arguments after `npm start --`. */
  args: string[];
  /** process.execPath, to run bin/mjsc.js. */
  nodePath: string;
}

export function planLaunch(facts: LaunchFacts): LaunchPlan;
