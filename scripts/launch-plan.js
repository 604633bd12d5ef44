// Decides what `npm start` runs: the Electron app when it can start here, else the headless relay.
// Pure: it looks only at what it is given, so the decision is testable without Electron or a display.

/**
 * @param {{ electronBinary: string | null, binaryExists: boolean, platform: string, env: Record<string, string | undefined>, args: string[], nodePath: string }} input
 * @returns {import('./launch-plan').LaunchPlan}
 */
export function planLaunch({ electronBinary, binaryExists, platform, env, args, nodePath }) {
  const reasons = [];
  if (electronBinary === null) reasons.push('no Electron binary: it was skipped at install');
  else if (!binaryExists) reasons.push(`no Electron binary at ${electronBinary}`);
  // macOS and Windows always have a window server; Linux needs X11 or Wayland.
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) reasons.push('no display');

  if (reasons.length === 0 && electronBinary !== null) {
    return { kind: 'electron', command: electronBinary, args: ['.', ...args] };
  }
  return {
    kind: 'relay',
    message: `Electron cannot start here (${reasons.join('; ')}) — running the headless relay instead: mjsc relay`,
    command: nodePath,
    args: ['bin/mjsc.js', 'relay', ...args],
  };
}
