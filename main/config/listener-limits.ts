// Connection hygiene shared by both listeners (relay and console): deadlines for headers, whole requests
// and idle sockets, and a cap on open connections, so a slow or hoarding client (slowloris) cannot
// hold the process's sockets. It never changes what a well-behaved request receives.
import type { Server } from 'node:http';
import { evictSlowConnections } from './connection-eviction';

export interface ListenerLimits {
  /** All headers must arrive within this, else 408 and close (default 10 s). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this, else 408 and close (default 30 s). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (default 5 s). */
  keepAliveTimeoutMs: number;
  /** A socket that sends or receives nothing for this long is destroyed (default 60 s). */
  idleTimeoutMs: number;
  /** Open connections beyond this evict the oldest slow one; refused on accept only when all are being answered (default 512). */
  maxConnections: number;
  /** How often Node enforces the header and request deadlines (default 1 s; Node's own is 30 s). */
  checkIntervalMs: number;
}

export const DEFAULT_LISTENER_LIMITS: Readonly<ListenerLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  maxConnections: 512,
  checkIntervalMs: 1_000,
};

export function listenerLimitsWith(overrides: Partial<ListenerLimits> = {}): ListenerLimits {
  const limits = { ...DEFAULT_LISTENER_LIMITS, ...overrides };
  // Node refuses a header deadline beyond the request deadline.
  return { ...limits, headersTimeoutMs: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) };
}

/** The Fastify constructor options that carry the limits (Fastify passes `http` to http.createServer). */
export function fastifyTimeouts(limits: ListenerLimits) {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}

/** Fastify has no option for it: set on the Node server before listen. At the cap, slow connections are evicted first. */
export function capConnections(server: Server, limits: ListenerLimits): void {
  evictSlowConnections(server, limits.maxConnections);
}
