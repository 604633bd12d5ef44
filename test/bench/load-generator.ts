// The load the bench applies, in its own process (load-client.ts): autocannon for N keep-alive
// connections posting a fixed count of requests (closed loop), and loadtest for a fixed rate (open loop)
// where latency is measured. Both are well-kept npm generators. It only ever targets 127.0.0.1.
import autocannon from 'autocannon';
import { loadTest, type LoadTestOptions, type LoadTestResult } from 'loadtest';

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
  /**
   * Open loop: requests per second, whatever the server's pace (loadtest's `requestsPerSecond`: one
   * request every 1/rate s, on a free keep-alive connection or a new one). autocannon's `overallRate`
   * cannot serve here: it is a per-second quota sent back to back, closed-loop within each connection.
   */
  overallRate?: number;
}

export interface BodyRecipe {
  /** Mailjet "open" events, or Segment identify calls in a /v1/batch body (as analytics-node sends). */
  kind: 'mailjet-events' | 'segment-identify';
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
  latencyMs: { p50: number; p99: number; max?: number };
  /** CPU the generator itself used, % of one core: near 100 would mean it, not the server, was the limit. */
  generatorCpuPercent: number;
}

/** How often autocannon checks whether the run is over; its duration is exact to about this. */
const SAMPLE_INTERVAL_MS = 10;

export async function runLoad(spec: LoadSpec, bodyFor: (index: number) => string): Promise<LoadResult> {
  const target = new URL(spec.path, spec.baseUrl);
  if (target.hostname !== '127.0.0.1') throw new Error(`load generator targets 127.0.0.1 only, not ${target.hostname}`);
  return spec.overallRate === undefined ? runClosedLoop(spec, target, bodyFor) : runOpenLoop(spec, spec.overallRate, target, bodyFor);
}

async function runClosedLoop(spec: LoadSpec, target: URL, bodyFor: (index: number) => string): Promise<LoadResult> {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: target.href,
    connections: spec.connections,
    amount: spec.requests,
    duration: Math.ceil(spec.timeLimitMs / 1000),
    // autocannon notices "all requests answered" only on its sample tick (1 s by default), so a fixed
    // count of requests measured whole seconds: 1.1 s of work read as 2.02 s. A 10 ms tick bounds the error.
    sampleInt: SAMPLE_INTERVAL_MS,
    requests: [{ method: 'POST', path: target.pathname, headers: spec.headers, setupRequest: (request) => ({ ...request, body: bodyFor(next++) }) }],
  });
  const cpu = process.cpuUsage(cpuBefore);
  const durationMs = result.duration * 1000;
  const ok = result['2xx'];
  const problems: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) if (!status.startsWith('2')) problems[status] = count;
  if (result.errors > 0) problems.errors = result.errors;
  if (result.timeouts > 0) problems.timeouts = result.timeouts;
  const sent = ok + result.non2xx + result.errors;
  return {
    sent,
    ok,
    failed: sent - ok,
    problems,
    durationMs,
    requestsPerSecond: (ok * 1000) / durationMs,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    generatorCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / durationMs) * 100),
  };
}

async function runOpenLoop(spec: LoadSpec, rate: number, target: URL, bodyFor: (index: number) => string): Promise<LoadResult> {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const { 'content-type': contentType, ...headers } = spec.headers;
  const openLoopOptions: LoadTestOptions = {
    url: target.href,
    method: 'POST',
    headers,
    contentType: contentType ?? 'application/json',
    body: () => bodyFor(next++),
    requestsPerSecond: rate,
    maxRequests: spec.requests,
    maxSeconds: Math.ceil(spec.timeLimitMs / 1000),
    agentKeepAlive: true,
    quiet: true,
  };
  const result = await new Promise<LoadTestResult>((resolve, reject) => {
    // The callback form: the package's own types describe only it.
    loadTest(openLoopOptions, (error: unknown, outcome: LoadTestResult) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(outcome)));
  });
  const cpu = process.cpuUsage(cpuBefore);
  const durationMs = result.totalTimeSeconds * 1000;
  const failed = result.totalErrors;
  const ok = result.totalRequests - failed;
  return {
    sent: result.totalRequests,
    ok,
    failed,
    problems: { ...result.errorCodes },
    durationMs,
    requestsPerSecond: (ok * 1000) / durationMs,
    latencyMs: { p50: result.percentiles[50] ?? Number.NaN, p99: result.percentiles[99] ?? Number.NaN, max: result.maxLatencyMs },
    generatorCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / durationMs) * 100),
  };
}
