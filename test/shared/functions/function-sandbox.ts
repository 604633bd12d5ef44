// Builds the Segment Function bundles into a temp dir and runs one bundle's TEXT the way Segment's
// runtime shim does (segmentio/functions-library buildpack/boreal): a fresh vm context holding only the
// runtime's globals, the code wrapped in a function that takes the handler's default as a parameter.
// No require, process, Buffer, TextEncoder or import: a bundle that needs one fails here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildFunctions, type BuiltFunction } from '../../../scripts/build-functions';

export class RetryError extends Error {
  override name = 'RetryError';
}
export class ValidationError extends Error {
  override name = 'ValidationError';
}
export class EventNotSupported extends Error {
  override name = 'EventNotSupported';
}
export class InvalidEventPayload extends Error {
  override name = 'InvalidEventPayload';
}

export type Handler = (input: unknown, settings: unknown) => Promise<unknown>;

export interface LoadedFunction {
  handler: Handler;
  /** Every call the function made to Segment.track, as plain data. */
  tracked: Array<Record<string, unknown>>;
  logs: string[];
}

export interface BuiltBundles {
  bundles: BuiltFunction[];
  text(name: string): string;
  remove(): void;
}

export async function buildBundles(): Promise<BuiltBundles> {
  const outDir = mkdtempSync(join(tmpdir(), 'mjsc-functions-'));
  const bundles = await buildFunctions({ outDir });
  return {
    bundles,
    text(name) {
      const bundle = bundles.find((candidate) => candidate.name === name);
      if (bundle === undefined) throw new Error(`no bundle named ${name}`);
      return readFileSync(bundle.file, 'utf8');
    },
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

function notDefined(name: string): Handler {
  return async () => {
    throw new EventNotSupported(`${name} not defined by the bundle`);
  };
}

/** Loads the bundle text into its own context; `fetch` is Node's, so calls reach the emulators on 127.0.0.1. */
export function loadFunction(code: string, handlerName: 'onRequest' | 'onIdentify'): LoadedFunction {
  const tracked: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  const record = (...parts: unknown[]): void => void logs.push(parts.map(String).join(' '));
  const context = vm.createContext({
    fetch: globalThis.fetch,
    btoa: globalThis.btoa,
    atob: globalThis.atob,
    URL,
    console: { log: record, info: record, warn: record, error: record },
    // JSON round trip: what leaves the function is data, as it would be on Segment's side.
    Segment: { track: (call: unknown) => void tracked.push(JSON.parse(JSON.stringify(call)) as Record<string, unknown>) },
    RetryError,
    ValidationError,
    EventNotSupported,
    InvalidEventPayload,
  });
  const wrapper = `(function (__exports, ${handlerName}) {\n__exports.${handlerName} = ${handlerName};\n${code};\n__exports.${handlerName} = ${handlerName};\n});`;
  const load = vm.runInContext(wrapper, context, { filename: `${handlerName}.js` }) as (exports: Record<string, Handler>, fallback: Handler) => void;
  const exports: Record<string, Handler> = {};
  load.call(context, exports, notDefined(handlerName));
  const handler = exports[handlerName];
  if (handler === undefined) throw new Error(`the bundle defines no ${handlerName}`);
  return { handler, tracked, logs };
}

const FIRST_PARAMETER = { onRequest: 'request', onIdentify: 'event' } as const;

/** Segment stores the bundle as one script: nothing it could not resolve, and the handler at top level. */
export function expectSelfContainedScript(code: string, handlerName: 'onRequest' | 'onIdentify'): void {
  expect(code).not.toMatch(/\brequire\s*\(/);
  expect(code).not.toMatch(/^\s*import[\s{*]/m);
  expect(code).not.toMatch(/\bimport\s*\(/);
  expect(code).not.toMatch(/\bprocess\.|\bBuffer\./);
  expect(Buffer.byteLength(code)).toBeLessThan(300 * 1024);
  expect(code).toMatch(new RegExp(`^async function ${handlerName}\\(${FIRST_PARAMETER[handlerName]}, settings\\) \\{$`, 'm'));
}

/** What Segment passes a source function: synchronous text()/json() and a Headers instance. */
export function sourceRequest(body: string, headers: Record<string, string> = {}): unknown {
  return {
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    url: new URL('https://fn.segmentapis.com/?b=test'),
    text: () => body,
    json: () => JSON.parse(body) as unknown,
  };
}
