import { CONNECTOR_METHODS, type ConnectorMethod } from '../../shared/api';
import { ArgumentError, isConnectorMethod, validateArgument } from '../../shared/api-validators';

type Good = [ConnectorMethod, unknown, unknown];
type Bad = [ConnectorMethod, unknown, string, RegExp];

// [method, argument, what the service receives]
const GOOD: Good[] = [
  ['getStatus', {}, {}],
  ['getStatus', undefined, {}],
  ['saveCredentials', { mailjetApiKey: ' abc123 ', mailjetSecretKey: 'def456' }, { mailjetApiKey: 'abc123', mailjetSecretKey: 'def456' }],
  ['saveCredentials', { segmentWriteKey: 'wk' }, { segmentWriteKey: 'wk' }],
  ['saveCredentials', {}, {}],
  ['listContactLists', {}, {}],
  ['enableReceive', { listId: 42 }, { listId: 42 }],
  ['enableReceive', { listId: '42' }, { listId: 42 }],
  ['enableReceive', { createListName: ' Segment Master List ' }, { createListName: 'Segment Master List' }],
  ['disableReceive', null, {}],
  ['enableSend', {}, {}],
  ['enableSend', { events: ['open', 'click', 'open'], onConflict: 'replace' }, { events: ['open', 'click'], onConflict: 'replace' }],
  ['disableSend', { restorePrevious: false }, { restorePrevious: false }],
  ['disableSend', {}, {}],
  ['setEventSelection', { events: [] }, { events: [] }],
  ['setEventSelection', { events: ['sent', 'unsub'] }, { events: ['sent', 'unsub'] }],
  ['setOptions', { namingPreset: 'segment-spec', flattenMode: 'deep' }, { namingPreset: 'segment-spec', flattenMode: 'deep' }],
  ['setOptions', { publicUrl: 'https://abc.ngrok.app/' }, { publicUrl: 'https://abc.ngrok.app' }],
  ['setOptions', { publicUrl: null }, { publicUrl: null }],
  ['getConnectionInfo', {}, {}],
  ['rotateSecret', { which: 'relayKey' }, { which: 'relayKey' }],
  ['rotateSecret', { which: 'eventsSecret' }, { which: 'eventsSecret' }],
  ['getActivity', {}, {}],
  ['getActivity', { direction: 'send', status: 'rejected', limit: 50 }, { direction: 'send', status: 'rejected', limit: 50 }],
  ['retryFailed', {}, {}],
  ['retryFailed', { ids: ['a1', 'b2'] }, { ids: ['a1', 'b2'] }],
  ['previewIdentify', { payload: '{"traits":{}}' }, { payload: '{"traits":{}}' }],
  ['previewEvent', { payload: '[]' }, { payload: '[]' }],
  ['sendTestEvent', { eventType: 'bounce' }, { eventType: 'bounce' }],
  ['startTunnel', { program: 'cloudflared' }, { program: 'cloudflared' }],
  ['stopTunnel', undefined, {}],
  ['getActivity', { status: 'refused', search: ' ada@example.com ', eventType: 'open', since: '2026-12-01T00:00:00Z', before: 'i12r' }, { status: 'refused', search: 'ada@example.com', eventType: 'open', since: '2026-12-01T00:00:00Z', before: 'i12r' }],
  ['getItem', { id: '42' }, { id: '42' }],
  ['replayItems', { ids: ['42'], asNewMessage: true }, { ids: ['42'], asNewMessage: true }],
  ['discardItems', {}, {}],
  ['discardItems', { ids: ['7'] }, { ids: ['7'] }],
  ['uploadBackfillChunk', { name: 'a.jsonl', offset: 0, data: 'eyJhIjoxfQ==' }, { name: 'a.jsonl', offset: 0, data: 'eyJhIjoxfQ==' }],
  ['startBackfill', { files: ['/tmp/a.jsonl.gz'], listId: 12, dryRun: true }, { files: ['/tmp/a.jsonl.gz'], listId: 12, dryRun: true }],
  ['startBackfill', { uploads: ['u1'] }, { uploads: ['u1'] }],
  ['getBackfill', {}, {}],
  ['cancelBackfill', { id: '3' }, { id: '3' }],
];

// [method, argument, bad field ("" = the argument), what the message must say]
const BAD: Bad[] = [
  ['getStatus', { verbose: true }, '', /unexpected field\(s\) verbose; expected no fields/],
  ['getStatus', 'now', '', /must be an object/],
  ['saveCredentials', { mailjetApiKey: '' }, 'mailjetApiKey', /must not be empty; leave the field out/],
  ['saveCredentials', { mailjetSecretKey: 12345 }, 'mailjetSecretKey', /must be text/],
  ['saveCredentials', { segmentWriteKey: 'two words' }, 'segmentWriteKey', /must not contain spaces/],
  ['saveCredentials', { mailjetApiKey: 'k', apiKey: 'x' }, '', /unexpected field\(s\) apiKey/],
  ['listContactLists', [], '', /must be an object/],
  ['enableReceive', {}, '', /exactly one of listId .* or createListName/],
  ['enableReceive', { listId: 1, createListName: 'x' }, '', /exactly one of listId/],
  ['enableReceive', { listId: -3 }, 'listId', /positive integer/],
  ['enableReceive', { listId: 1.5 }, 'listId', /positive integer/],
  ['enableReceive', { listId: 'abc' }, 'listId', /positive integer/],
  ['enableReceive', { createListName: '   ' }, 'createListName', /must not be empty/],
  ['disableReceive', { now: 1 }, '', /unexpected field/],
  ['enableSend', { events: [] }, 'events', /at least one event type/],
  ['enableSend', { events: ['opened'] }, 'events.0', /one of sent, open, click, bounce, spam, blocked, unsub/],
  ['enableSend', { onConflict: 'overwrite' }, 'onConflict', /one of ask, keep, replace/],
  ['disableSend', { restorePrevious: 'yes' }, 'restorePrevious', /true or false/],
  ['setEventSelection', {}, 'events', /is required: a list of event types/],
  ['setEventSelection', { events: 'open' }, 'events', /must be a list of event types/],
  ['setOptions', { namingPreset: 'fancy' }, 'namingPreset', /one of default, segment-spec/],
  ['setOptions', { flattenMode: 'flat' }, 'flattenMode', /one of documented, deep/],
  ['setOptions', { publicUrl: 'ftp://example.com' }, 'publicUrl', /http\(s\) URL/],
  ['setOptions', { publicUrl: 'https://user:pw@example.com' }, 'publicUrl', /without credentials/],
  ['setOptions', { publicUrl: 'not a url' }, 'publicUrl', /http\(s\) URL/],
  ['getConnectionInfo', { reveal: true }, '', /unexpected field/],
  ['rotateSecret', {}, 'which', /is required: the secret to rotate, one of relayKey, eventsSecret/],
  ['rotateSecret', { which: 'writeKey' }, 'which', /must be the secret to rotate/],
  ['getActivity', { limit: 0 }, 'limit', /whole number from 1 to 1000/],
  ['getActivity', { limit: 2.5 }, 'limit', /whole number from 1 to 1000/],
  ['getActivity', { status: 'done' }, 'status', /one of pending, in_flight, delivered, failed, skipped, rejected/],
  ['getActivity', { direction: 'both' }, 'direction', /one of receive, send/],
  ['retryFailed', { ids: 'all' }, 'ids', /list of item ids/],
  ['retryFailed', { ids: ['a', ''] }, 'ids.1', /must not be empty/],
  ['previewIdentify', {}, 'payload', /is required: the JSON text to preview/],
  ['previewIdentify', { payload: { traits: {} } }, 'payload', /must be the JSON text/],
  ['previewIdentify', { payload: 'x'.repeat(1024 * 1024 + 1) }, 'payload', /too large to preview \(at most 1 MiB\)/],
  ['previewEvent', { payload: '' }, 'payload', /must not be empty/],
  ['sendTestEvent', { eventType: 'delivered' }, 'eventType', /one of sent, open/],
  ['sendTestEvent', {}, 'eventType', /is required/],
  ['startTunnel', { program: 'localtunnel' }, 'program', /one of cloudflared, ngrok/],
  ['stopTunnel', { force: true }, '', /unexpected field/],
  ['getActivity', { since: 'yesterday' }, 'since', /ISO date-time/],
  ['getItem', {}, 'id', /item id/],
  ['replayItems', { ids: [] }, 'ids', /at least one item/],
  ['replayItems', { ids: ['1'], asNewMessage: 'yes' }, 'asNewMessage', /true or false/],
  ['discardItems', { ids: 'all' }, 'ids', /list of item ids/],
  ['uploadBackfillChunk', { name: 'a.jsonl', offset: -1, data: '' }, 'offset', /must not be negative/],
  ['uploadBackfillChunk', { name: 'a.jsonl', offset: 0, data: 'not base64!' }, 'data', /must be base64 text/],
  ['startBackfill', { files: [] }, '', /needs at least one file/],
  ['startBackfill', { files: ['a'], listId: 0 }, 'listId', /positive integer/],
  ['getBackfill', { id: '' }, 'id', /must be an id/],
  ['cancelBackfill', { all: true }, '', /only id/],
];

function caught(method: ConnectorMethod, arg: unknown): ArgumentError {
  try {
    validateArgument(method, arg);
  } catch (error) {
    if (error instanceof ArgumentError) return error;
    throw error;
  }
  throw new Error(`${method} accepted ${JSON.stringify(arg)}`);
}

describe('validateArgument', () => {
  it.each(GOOD)('%s accepts %j', (method, arg, expected) => {
    expect(validateArgument(method, arg)).toEqual(expected);
  });

  // Titles name the field, not the argument: one case is a 1 MiB payload.
  const badCases = BAD.map(([method, arg, field, message]) => [method, field || 'argument', arg, field, message] as const);
  it.each(badCases)('%s refuses a bad %s', (method, _title, arg, field, message) => {
    const error = caught(method, arg);
    expect(error.code).toBe('invalid_argument');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${method}: ${field === '' ? 'the argument' : field} `)).toBe(true);
  });

  it('has good and bad cases for every method', () => {
    for (const method of CONNECTOR_METHODS) {
      expect(GOOD.some(([m]) => m === method), `good case for ${method}`).toBe(true);
      expect(BAD.some(([m]) => m === method), `bad case for ${method}`).toBe(true);
    }
  });

  it('never echoes a credential in its message', () => {
    const secret = 'sk_live SECRET-9f8e7d';
    const error = caught('saveCredentials', { mailjetSecretKey: secret });
    expect(error.message).not.toContain('SECRET-9f8e7d');
    expect(caught('saveCredentials', { mailjetSecretKey: 'x'.repeat(300) }).message).not.toContain('xxxx');
  });

  it('refuses an unknown method by name', () => {
    const error = caught('deleteEverything' as ConnectorMethod, {});
    expect(error.message).toMatch(/unknown method "deleteEverything"; expected one of getStatus/);
  });
});

describe('isConnectorMethod', () => {
  it.each(CONNECTOR_METHODS.map((m) => [m]))('knows %s', (method) => {
    expect(isConnectorMethod(method)).toBe(true);
  });

  it.each([['constructor'], ['toString'], ['__proto__'], ['getstatus'], ['']])('does not know %j', (name) => {
    expect(isConnectorMethod(name)).toBe(false);
  });
});
