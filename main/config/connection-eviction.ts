// Slow connections make room for new ones: when the listener is at its connection cap, a new connection
// evicts the oldest one that has no whole request being answered (idle, or still trickling its headers
// or body), instead of being refused. So slowloris clients, even from the same address as everyone
// behind a tunnel, cannot lock legitimate senders out. A connection being answered is never evicted.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Beyond the cap, connections are refused at accept only when all of them are being answered. */
const HARD_CAP_FACTOR = 2;

export function evictSlowConnections(server: Server, maxConnections: number): void {
  // Oldest first (a Map keeps insertion order); `answering` counts whole requests being answered.
  const open = new Map<Socket, { answering: number }>();
  server.maxConnections = maxConnections * HARD_CAP_FACTOR;
  server.on('connection', (socket: Socket) => {
    open.set(socket, { answering: 0 });
    socket.once('close', () => open.delete(socket));
    if (open.size <= maxConnections) return;
    for (const [candidate, state] of open) {
      if (candidate === socket || state.answering > 0) continue;
      candidate.destroy();
      open.delete(candidate);
      if (open.size <= maxConnections) return;
    }
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const state = open.get(request.socket);
    if (state === undefined) return;
    const done = (): void => {
      state.answering = Math.max(0, state.answering - 1);
    };
    const whole = (): void => {
      if (response.writableFinished || response.destroyed) return;
      state.answering += 1;
      response.once('close', done);
    };
    // Whole once its body has arrived; until then it is as evictable as a slow header.
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody || request.complete) whole();
    else request.once('end', whole);
  });
}
