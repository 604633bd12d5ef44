// Runtime validators for every ConnectorApi argument, used at both transports' boundary (IPC and the
// HTTP control API) and by the renderer. Pure; an error message never echoes a value (it may be a key).
import { z } from 'zod';
import { CONNECTOR_METHODS, type ConnectorArg, type ConnectorMethod, type ItemStatus } from './api';
import { BACKFILL_SCHEMAS } from './backfill-validators';
import { EVENT_TYPES, NAMING_PRESETS } from './event-catalog';

export class ArgumentError extends Error {
  readonly code = 'invalid_argument' as const;
  constructor(
    readonly method: string,
    /** Dotted path of the bad field; "" when the argument as a whole (or the method) is wrong. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

const ITEM_STATUSES = ['pending', 'in_flight', 'delivered', 'failed', 'skipped', 'rejected'] as const satisfies readonly ItemStatus[];
const _allStatusesListed: Exclude<ItemStatus, (typeof ITEM_STATUSES)[number]> extends never ? true : never = true;
void _allStatusesListed;
const ACTIVITY_STATUSES = [...ITEM_STATUSES, 'refused'] as const;

const itemId = z.string({ error: 'must be an item id (text)' }).min(1, { error: 'must not be empty' }).max(64, { error: 'must be an item id' });
const itemIds = (what: string) =>
  z.array(itemId, { error: `must be a list of item ids${what}` }).max(MAX_RETRY_IDS, { error: `must list at most ${MAX_RETRY_IDS} ids` });
const isoTime = z
  .string({ error: 'must be an ISO date-time, like 2026-12-01T09:00:00Z' })
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'must be an ISO date-time, like 2026-12-01T09:00:00Z' });

export const MAX_IDENTIFY_PREVIEW_CHARS = 1024 * 1024;
export const MAX_EVENT_PREVIEW_CHARS = 5 * 1024 * 1024;
export const MAX_ACTIVITY_LIMIT = 1000;
const MAX_RETRY_IDS = 10_000;

/** A plain object that names its unexpected fields: typos fail loudly instead of being ignored. */
function argument<Shape extends z.ZodRawShape>(shape: Shape) {
  const fields = Object.keys(shape);
  const expected = fields.length === 0 ? 'no fields ({})' : `only ${fields.join(', ')}`;
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `has unexpected field(s) ${issue.keys.join(', ')}; expected ${expected}`
        : `must be an object with ${expected}`,
  });
}

/** Zod error for a field: says "is required" when it is missing, else what it must be. */
const need =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `is required: ${what}` : `must be ${what}`;

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: need(`${what}, one of ${values.join(', ')}`) });

/** API keys are pasted by hand: trim them, and refuse an empty one rather than saving it. */
const credential = (what: string) =>
  z
    .string({ error: `must be text (the ${what})` })
    .trim()
    .min(1, { error: `must not be empty; leave the field out to keep the saved ${what}` })
    .max(256, { error: `is too long for a ${what} (at most 256 characters)` })
    .regex(/^\S+$/, { error: `must not contain spaces (the ${what} is one word)` });

const LIST_ID = 'must be a positive integer (a Mailjet contact list id)';
// A <select> yields the id as text; accept digits and hand the service a number.
const listId = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, { error: LIST_ID })], { error: LIST_ID })
  .transform(Number)
  .pipe(z.number().int({ error: LIST_ID }).positive({ error: LIST_ID }).max(Number.MAX_SAFE_INTEGER, { error: LIST_ID }));

const listName = z
  .string({ error: 'must be text (the name of the new contact list)' })
  .trim()
  .min(1, { error: 'must not be empty (the name of the new contact list)' })
  .max(100, { error: 'must be at most 100 characters' });

const eventList = z.array(oneOf(EVENT_TYPES, 'a Mailjet event type'), { error: need('a list of event types') }).transform((events) => [...new Set(events)]);

function isPublicBaseUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
  } catch {
    return false;
  }
}

const publicUrl = z
  .string({ error: 'must be a URL like https://example.ngrok.app, or null to clear it' })
  .trim()
  .refine(isPublicBaseUrl, { error: 'must be an http(s) URL without credentials, query or fragment, like https://example.ngrok.app' })
  .transform((url) => url.replace(/\/+$/, ''));

const previewPayload = (maxChars: number) =>
  z
    .string({ error: need('the JSON text to preview') })
    .min(1, { error: 'must not be empty: paste a JSON payload' })
    .max(maxChars, { error: `is too large to preview (at most ${maxChars / (1024 * 1024)} MiB)` });

const enableReceive = argument({ listId: listId.optional(), createListName: listName.optional() })
  .refine((arg) => (arg.listId === undefined) !== (arg.createListName === undefined), {
    error: 'needs exactly one of listId (an existing contact list) or createListName (a list to create)',
  })
  .transform((arg) => (arg.listId !== undefined ? { listId: arg.listId } : { createListName: arg.createListName ?? '' }));

type ArgumentSchemas = { [M in ConnectorMethod]: z.ZodType<ConnectorArg<M>, unknown> };

const SCHEMAS: ArgumentSchemas = {
  getStatus: argument({}),
  saveCredentials: argument({
    mailjetApiKey: credential('Mailjet API key').optional(),
    mailjetSecretKey: credential('Mailjet secret key').optional(),
    segmentWriteKey: credential('Segment write key').optional(),
  }),
  listContactLists: argument({}),
  enableReceive,
  disableReceive: argument({}),
  enableSend: argument({
    events: eventList.refine((events) => events.length > 0, { error: 'must name at least one event type to send' }).optional(),
    onConflict: oneOf(['ask', 'keep', 'replace'], 'what to do with existing callback URLs').optional(),
  }),
  disableSend: argument({ restorePrevious: z.boolean({ error: 'must be true or false' }).optional() }),
  setEventSelection: argument({ events: eventList }),
  setOptions: argument({
    namingPreset: oneOf(NAMING_PRESETS, 'a naming preset').optional(),
    flattenMode: oneOf(['documented', 'deep'], 'a flatten mode').optional(),
    publicUrl: publicUrl.nullable().optional(),
    propertyCaps: z
      .object({
        perCall: z.number().int().min(1).max(1000).optional(),
        perDay: z.number().int().min(1).max(100_000).optional(),
      })
      .strict()
      .optional(),
  }),
  getConnectionInfo: argument({}),
  rotateSecret: argument({ which: oneOf(['relayKey', 'eventsSecret'], 'the secret to rotate') }),
  getActivity: argument({
    direction: oneOf(['receive', 'send'], 'a direction').optional(),
    status: oneOf(ACTIVITY_STATUSES, 'an item status').optional(),
    eventType: z.string({ error: 'must be an event type (text)' }).trim().max(64, { error: 'must be at most 64 characters' }).optional(),
    search: z.string({ error: 'must be text' }).trim().max(200, { error: 'must be at most 200 characters' }).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    chartMinutes: z.number({ error: 'must be a whole number of minutes from 5 to 2880' }).int({ error: 'must be a whole number of minutes from 5 to 2880' }).min(5, { error: 'must be a whole number of minutes from 5 to 2880' }).max(2880, { error: 'must be a whole number of minutes from 5 to 2880' }).optional(),
    before: z.string({ error: "must be the previous page's nextBefore" }).max(64, { error: "must be the previous page's nextBefore" }).optional(),
    limit: z
      .number({ error: `must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}` })
      .int({ error: `must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}` })
      .min(1, { error: `must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}` })
      .max(MAX_ACTIVITY_LIMIT, { error: `must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}` })
      .optional(),
  }),
  retryFailed: argument({
    ids: z
      .array(z.string({ error: 'must be an item id (text)' }).min(1, { error: 'must not be empty' }), {
        error: 'must be a list of item ids; leave it out to retry every failed item',
      })
      .max(MAX_RETRY_IDS, { error: `must list at most ${MAX_RETRY_IDS} ids` })
      .optional(),
  }),
  previewIdentify: argument({ payload: previewPayload(MAX_IDENTIFY_PREVIEW_CHARS) }),
  previewEvent: argument({ payload: previewPayload(MAX_EVENT_PREVIEW_CHARS) }),
  sendTestEvent: argument({ eventType: oneOf(EVENT_TYPES, 'a Mailjet event type') }),
  startTunnel: argument({ program: oneOf(['cloudflared', 'ngrok'], 'a tunnel program') }),
  stopTunnel: argument({}),
  getItem: argument({ id: itemId }),
  replayItems: argument({
    ids: itemIds('').min(1, { error: 'must name at least one item' }),
    asNewMessage: z.boolean({ error: 'must be true or false' }).optional(),
  }),
  discardItems: argument({ ids: itemIds('; leave it out to discard every failed item').optional() }),
  ...BACKFILL_SCHEMAS,
};

export function isConnectorMethod(name: string): name is ConnectorMethod {
  return (CONNECTOR_METHODS as readonly string[]).includes(name);
}

/** Validates (and normalises: trimmed keys, de-duplicated events) one method's argument, or throws ArgumentError. */
export function validateArgument<M extends ConnectorMethod>(method: M, arg: unknown): ConnectorArg<M> {
  if (!isConnectorMethod(method)) {
    throw new ArgumentError(String(method), '', `unknown method "${String(method)}"; expected one of ${CONNECTOR_METHODS.join(', ')}`);
  }
  // A method without arguments may be called with nothing at all (an empty HTTP body, a bare invoke).
  const input = arg === undefined || arg === null ? {} : arg;
  const result = SCHEMAS[method].safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path.map(String).join('.') ?? '';
  const subject = field === '' ? 'the argument' : field;
  throw new ArgumentError(method, field, `${method}: ${subject} ${issue?.message ?? 'is invalid'}`);
}
