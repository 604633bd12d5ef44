// A Segment Tracking API stand-in on 127.0.0.1: /v1/batch and the single-call endpoints, with real limits.
// It imports nothing from main/; it records what Segment would have accepted, rejected or deduplicated.
import { randomUUID } from 'node:crypto';
import { listenOnLoopback, sendBody, type RecordedRequest } from '../emulator-http.js';
import { FaultPlan, applyFault, type Fault, type RouteMatch } from '../http-faults.js';
import {
  TrackingApiError,
  basicWriteKey,
  byteSize,
  callTypes,
  maxBatchBytes,
  maxBatchEvents,
  maxEventBytes,
  parseJsonObject,
  rejectionReason,
  type CallType,
} from './message-checks.js';

export interface SegmentEmulatorOptions {
  port?: number;
  writeKeys?: string[];
}

export interface ReceivedMessage {
  messageId: string;
  type: CallType;
  writeKey: string;
  message: Record<string, unknown>;
  /** True when the sender gave no messageId and the emulator made one up, as Segment does. */
  generatedMessageId: boolean;
}

export interface RejectedMessage {
  reason: string;
  message: unknown;
}

export interface SegmentEmulator {
  readonly url: string;
  readonly writeKeys: readonly string[];
  /** Every accepted message, duplicates included, in arrival order. */
  readonly received: readonly ReceivedMessage[];
  /** Messages answered 200 that Segment would drop later (no identity, track without event, ...). */
  readonly rejected: readonly RejectedMessage[];
  readonly requests: readonly RecordedRequest[];
  uniqueMessageIds(): Set<string>;
  /** Message ids received more than once. */
  duplicateMessageIds(): string[];
  inject(match: RouteMatch, fault: Fault): void;
  clearFaults(): void;
  /** Forgets received, rejected and recorded requests. */
  clear(): void;
  stop(): Promise<void>;
}

const pathTypes: Record<string, CallType | 'batch'> = Object.fromEntries([
  ...callTypes.map((type) => [`/v1/${type}`, type]),
  ['/v1/batch', 'batch'],
  ['/v1/import', 'batch'],
]);

export async function startSegmentEmulator(options: SegmentEmulatorOptions = {}): Promise<SegmentEmulator> {
  const writeKeys = options.writeKeys ?? ['segment-emulator-write-key'];
  const received: ReceivedMessage[] = [];
  const rejected: RejectedMessage[] = [];
  const requests: RecordedRequest[] = [];
  const faults = new FaultPlan();

  function accept(request: RecordedRequest): void {
    const kind = pathTypes[request.path.replace(/\/$/, '').toLowerCase()];
    if (kind === undefined) throw new TrackingApiError(404, `No such endpoint: ${request.path}`);
    if (request.method !== 'POST') throw new TrackingApiError(405, 'Use POST');
    const limit = kind === 'batch' ? maxBatchBytes : maxEventBytes;
    if (Buffer.byteLength(request.body) > limit) throw new TrackingApiError(400, `Request larger than ${limit / 1024} KB`);
    const body = parseJsonObject(request.body);
    const bodyKey = typeof body.writeKey === 'string' ? body.writeKey : undefined;
    const writeKey = [basicWriteKey(request.headers.authorization), bodyKey].find((key) => key !== undefined && writeKeys.includes(key));
    if (writeKey === undefined) throw new TrackingApiError(401, 'Invalid write key');
    const items: { message: unknown; type: unknown }[] = [];
    if (kind === 'batch') {
      if (!Array.isArray(body.batch)) throw new TrackingApiError(400, 'batch must be an array');
      if (body.batch.length > maxBatchEvents) throw new TrackingApiError(400, `More than ${maxBatchEvents} events in one batch`);
      for (const message of body.batch as unknown[]) {
        // One oversize event fails the whole batch, before anything in it is accepted.
        if (byteSize(message) > maxEventBytes) throw new TrackingApiError(400, `Event larger than ${maxEventBytes / 1024} KB`);
        items.push({ message, type: typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined });
      }
    } else {
      items.push({ message: body, type: kind });
    }
    for (const { message, type } of items) {
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        rejected.push({ reason: 'not an object', message });
        continue;
      }
      const fields = message as Record<string, unknown>;
      const reason = rejectionReason(fields, type);
      if (reason !== undefined) {
        rejected.push({ reason, message });
        continue;
      }
      const given = typeof fields.messageId === 'string' && fields.messageId !== '' ? fields.messageId : undefined;
      received.push({ messageId: given ?? `emu-${randomUUID()}`, type: type as CallType, writeKey, message: fields, generatedMessageId: given === undefined });
    }
  }

  const server = await listenOnLoopback(
    requests,
    async (request, res) => {
      const fault = faults.take(request);
      const faultBody = (status: number): string => JSON.stringify({ success: false, message: status === 429 ? 'Too Many Requests' : 'Internal Server Error' });
      if (fault !== undefined && (await applyFault(fault, request, res, faultBody)) === 'answered') return;
      try {
        accept(request);
        sendBody(res, 200, JSON.stringify({ success: true }));
      } catch (error) {
        if (!(error instanceof TrackingApiError)) throw error;
        sendBody(res, error.status, JSON.stringify({ success: false, message: error.message }));
      }
    },
    options.port ?? 0,
  );

  return {
    url: server.url,
    writeKeys,
    received,
    rejected,
    requests,
    uniqueMessageIds: () => new Set(received.map((message) => message.messageId)),
    duplicateMessageIds: () => {
      const seen = new Set<string>();
      const duplicates = new Set<string>();
      for (const { messageId } of received) (seen.has(messageId) ? duplicates : seen).add(messageId);
      return [...duplicates];
    },
    inject: (match, fault) => faults.inject(match, fault),
    clearFaults: () => faults.clear(),
    clear: () => {
      received.splice(0, received.length);
      rejected.splice(0, rejected.length);
      requests.splice(0, requests.length);
    },
    stop: () => server.stop(),
  };
}
