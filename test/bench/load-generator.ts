// A small keep-alive HTTP load generator: N connections each posting requests back to back until a
// fixed count is sent or a time bound passes, whichever comes first. It only ever targets 127.0.0.1.
import { Agent, request } from 'node:http';

export interface LoadSpec {
  /** e.g. http://127.0.0.1:PORT; anything not on 127.0.0.1 is refused. */
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  /** Which bodies to post (see bench-traffic.ts); request i carries body(i). */
  body: BodyRecipe;
  connections: number;
  requests: number;
  /** Hard stop, even when fewer requests were sent. */
  timeLimitMs: number;
}

export interface BodyRecipe {
  kind: 'mailjet-events';
  eventsPerRequest: number;
  /** Index of the first event; events are numbered so every messageId is new. */
  firstEvent: number;
  /** Send one object instead of a one-element array (Mailjet Event API Version 1). */
  single?: boolean;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** Status codes other than 200, and transport errors, with their counts. */
  problems: Record<string, number>;
  durationMs: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
}

export async function runLoad(spec: LoadSpec, bodyFor: (index: number) => string): Promise<LoadResult> {
  const target = new URL(spec.path, spec.baseUrl);
  if (target.hostname !== '127.0.0.1') throw new Error(`load generator targets 127.0.0.1 only, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  const problems: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  const deadline = started + spec.timeLimitMs;

  async function connectionLoop(): Promise<void> {
    while (next < spec.requests && performance.now() < deadline) {
      const index = next++;
      const sentAt = performance.now();
      const outcome = await post(agent, target, spec.headers, bodyFor(index));
      latencies.push(performance.now() - sentAt);
      if (outcome === '200') ok += 1;
      else problems[outcome] = (problems[outcome] ?? 0) + 1;
    }
  }

  await Promise.all(Array.from({ length: spec.connections }, () => connectionLoop()));
  const durationMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const sent = latencies.length;
  return {
    sent,
    ok,
    failed: sent - ok,
    problems,
    durationMs,
    requestsPerSecond: (ok * 1000) / durationMs,
    latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
  };
}

function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
      res.on('error', (error) => resolve(`error ${error.message}`));
    });
    req.on('error', (error) => resolve(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    req.end(body);
  });
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0).toFixed(2));
}
