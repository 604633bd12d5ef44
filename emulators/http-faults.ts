// Fault injection shared by both emulators: the next N matching requests fail, stall or lose their connection.
// Rules are always bounded by a count, so a forgotten rule can never wedge a test run.
import type { ServerResponse } from 'node:http';
import { sendBody, type RecordedRequest } from './emulator-http.js';

// A pattern like "POST /v3/REST/contactslist/*/managecontact" (method optional; `*` is one path
// segment, `**` the rest), a RegExp tested on the path, or a predicate on the recorded request.
export type RouteMatch = string | RegExp | ((request: RecordedRequest) => boolean);

export type Fault =
  | { status: number; retryAfter?: number | string; count?: number }
  | { delayMs: number; count?: number }
  | { reset: true; count?: number };

interface FaultRule {
  matches: (request: RecordedRequest) => boolean;
  fault: Fault;
  remaining: number;
}

function compilePattern(pattern: string): (request: RecordedRequest) => boolean {
  const [first, ...rest] = pattern.trim().split(/\s+/);
  const method = rest.length > 0 ? first?.toUpperCase() : undefined;
  const path = rest.length > 0 ? rest.join(' ') : (first ?? '');
  const source = path
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
    .join('/');
  const regex = new RegExp(`^${source}$`, 'i');
  return (request) => (method === undefined || request.method === method) && regex.test(request.path);
}

function compileMatch(match: RouteMatch): (request: RecordedRequest) => boolean {
  if (typeof match === 'function') return match;
  if (match instanceof RegExp) return (request) => match.test(request.path);
  return compilePattern(match);
}

export function describeFault(fault: Fault): string {
  if ('status' in fault) return `status ${fault.status}${fault.retryAfter === undefined ? '' : ` retry-after ${fault.retryAfter}`}`;
  if ('delayMs' in fault) return `delay ${fault.delayMs}ms`;
  return 'connection reset';
}

export class FaultPlan {
  private rules: FaultRule[] = [];

  inject(match: RouteMatch, fault: Fault): void {
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`fault count must be a positive integer, got ${count}`);
    this.rules.push({ matches: compileMatch(match), fault, remaining: count });
  }

  clear(): void {
    this.rules = [];
  }

  /** Consumes one use of the first rule matching this request. */
  take(request: RecordedRequest): Fault | undefined {
    const rule = this.rules.find((candidate) => candidate.remaining > 0 && candidate.matches(request));
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
    return rule.fault;
  }
}

/**
 * Applies a fault. Answers 'answered' when the request is finished (error status or reset) and
 * 'continue' after a delay, when the emulator should answer normally.
 */
export async function applyFault(
  fault: Fault,
  request: RecordedRequest,
  res: ServerResponse,
  errorBody: (status: number) => string,
): Promise<'answered' | 'continue'> {
  request.fault = describeFault(fault);
  if ('delayMs' in fault) {
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    return 'continue';
  }
  if ('reset' in fault) {
    // A TCP RST, not a clean close: what a crashed proxy or dropped connection looks like to the client.
    res.socket?.resetAndDestroy();
    return 'answered';
  }
  const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
  sendBody(res, fault.status, errorBody(fault.status), headers);
  return 'answered';
}
