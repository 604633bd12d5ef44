// "Start a tunnel": runs cloudflared (a quick tunnel, no account) or ngrok for this relay, and shows
// its state, URL and last error; when neither program is installed, how to install one.
import { useState } from 'react';
import type { TunnelProgram, TunnelStatus } from '../../shared/api';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { useStatus } from '../hooks/use-status';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

const PROGRAMS: TunnelProgram[] = ['cloudflared', 'ngrok'];

export function TunnelControls() {
  const { status, replaceStatus } = useStatus();
  const tunnel: TunnelStatus = status?.tunnel ?? { state: 'off', available: [] };
  const [chosen, setChosen] = useState<TunnelProgram | null>(null);
  const start = useConnectorMethod('startTunnel');
  const stop = useConnectorMethod('stopTunnel');
  const program = chosen ?? tunnel.available[0] ?? 'cloudflared';
  const running = tunnel.state === 'running' || tunnel.state === 'starting';

  const onStart = async (): Promise<void> => {
    const fresh = await start.run({ program });
    if (fresh) replaceStatus(fresh);
  };
  const onStop = async (): Promise<void> => {
    const fresh = await stop.run({});
    if (fresh) replaceStatus(fresh);
  };

  return (
    <div className="tunnel">
      <div className="actions">
        {tunnel.available.length > 1 && (
          <label className="choice">
            Tunnel program
            <select value={program} onChange={(e) => setChosen(e.target.value as TunnelProgram)}>
              {PROGRAMS.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </label>
        )}
        <BusyButton busy={start.busy} className={running ? 'button' : 'button button-primary'}
          onClick={() => void onStart()}>Start a tunnel</BusyButton>
        {running && <BusyButton busy={stop.busy} onClick={() => void onStop()}>Stop the tunnel</BusyButton>}
      </div>
      {tunnel.available.length === 0 && (
        <p className="hint">
          No tunnel program was found on this computer. Install <code>cloudflared</code> (free, no account:{' '}
          <code>brew install cloudflared</code>, or the package from developers.cloudflare.com) or <code>ngrok</code>{' '}
          (ngrok.com/download, then <code>ngrok config add-authtoken …</code>), then choose Start a tunnel.
        </p>
      )}
      <p role="status" className="hint">{describeTunnel(tunnel)}</p>
      <ErrorAlert error={start.error ?? stop.error ?? (tunnel.state === 'failed' ? tunnel.lastError : null)} />
    </div>
  );
}

function describeTunnel(tunnel: TunnelStatus): string {
  if (tunnel.state === 'starting') return `Starting ${tunnel.program ?? 'the tunnel'}…`;
  if (tunnel.state === 'running') return `${tunnel.program ?? 'The tunnel'} is running at ${tunnel.url ?? '…'}; it stops with the relay.`;
  return '';
}
