// What a Segment Function gets from its runtime (globals, not imports): the Segment recorder, fetch,
// btoa/atob and the error classes that steer retries. Resolved at call time, so nothing is captured early.
// Never imports Node; the handlers receive this object, so tests can pass their own.
import type { SegmentTrack } from '../event-to-track';

/** A Segment Functions error class: `RetryError`, `ValidationError`, `EventNotSupported`, `InvalidEventPayload`. */
export type FunctionErrorClass = new (message: string) => Error;

/** The parts of a fetch Response the functions read (node-fetch 2 in Segment's runtime has them). */
export interface FetchResponse {
  status: number;
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<FetchResponse>;

/** What `Segment.track` takes: a track call without `type` (the method says it). */
export type TrackCall = Omit<SegmentTrack, 'type'>;

export interface FunctionRuntime {
  track(call: TrackCall): void;
  fetch: FetchLike;
  btoa(binary: string): string;
  atob(base64: string): string;
  /** Segment retries the invocation (5xx, 429, network). */
  RetryError: FunctionErrorClass;
  /** Segment drops the message as invalid input ("Message Rejected"). */
  ValidationError: FunctionErrorClass;
  /** Segment counts it as an unsupported event type. */
  EventNotSupported: FunctionErrorClass;
}

interface RuntimeGlobals {
  Segment?: { track?: (call: TrackCall) => unknown };
  fetch?: FetchLike;
  btoa?: (binary: string) => string;
  atob?: (base64: string) => string;
  RetryError?: FunctionErrorClass;
  ValidationError?: FunctionErrorClass;
  EventNotSupported?: FunctionErrorClass;
}

/** Used only where the runtime lacks a class (older runtimes have no RetryError): same name, same meaning. */
function namedErrorClass(name: string): FunctionErrorClass {
  return class extends Error {
    constructor(message: string) {
      super(message);
      this.name = name;
    }
  };
}

function missing(name: string): never {
  throw new Error(`The Segment Functions runtime provides no ${name}; this bundle must run as a Segment Function.`);
}

/** Reads the runtime's globals now (not at load), so a fresh sandbox per invocation is honoured. */
export function resolveFunctionRuntime(): FunctionRuntime {
  const scope = globalThis as RuntimeGlobals;
  const segment = scope.Segment;
  return {
    track: (call) => {
      if (typeof segment?.track !== 'function') missing('Segment.track');
      segment.track(call);
    },
    fetch: (url, init) => (typeof scope.fetch === 'function' ? scope.fetch(url, init) : missing('fetch')),
    btoa: (binary) => (typeof scope.btoa === 'function' ? scope.btoa(binary) : missing('btoa')),
    atob: (base64) => (typeof scope.atob === 'function' ? scope.atob(base64) : missing('atob')),
    RetryError: scope.RetryError ?? namedErrorClass('RetryError'),
    ValidationError: scope.ValidationError ?? namedErrorClass('ValidationError'),
    EventNotSupported: scope.EventNotSupported ?? namedErrorClass('EventNotSupported'),
  };
}
