// Reads the settings a user fills in on the Segment Function (strings, or arrays for list settings) into
// typed values. Pure; an unusable setting throws FunctionSettingsError naming the setting, never its value.
import { EVENT_TYPES, NAMING_PRESETS, isEventType, type EventType, type NamingPreset } from '../event-catalog';
import type { FlattenMode } from '../trait-flattening';

export class FunctionSettingsError extends Error {
  readonly code = 'bad_settings' as const;
  constructor(message: string) {
    super(message);
    this.name = 'FunctionSettingsError';
  }
}

export interface SourceSettings {
  /** Undefined: no Authorization check (the relay always checks; here it is the user's choice). */
  eventsSecret?: string;
  selectedEvents: readonly EventType[];
  namingPreset: NamingPreset;
}

export interface DestinationSettings {
  mailjetApiKey: string;
  mailjetSecretKey: string;
  listId: number;
  flattenMode: FlattenMode;
  /** Without a trailing slash. */
  apiBaseUrl: string;
}

const FLATTEN_MODES: readonly FlattenMode[] = ['documented', 'deep'];
const DEFAULT_API_BASE_URL = 'https://api.mailjet.com';

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Segment sends an unset setting as absent or as "", so both mean "use the default". */
function optionalText(settings: Record<string, unknown>, name: string): string | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FunctionSettingsError(`The "${name}" setting must be text.`);
  return value.trim() === '' ? undefined : value.trim();
}

function requiredText(settings: Record<string, unknown>, name: string): string {
  const value = optionalText(settings, name);
  if (value === undefined) throw new FunctionSettingsError(`The "${name}" setting is empty: fill it in the function's settings.`);
  return value;
}

function oneOf<T extends string>(settings: Record<string, unknown>, name: string, allowed: readonly T[], fallback: T): T {
  const value = optionalText(settings, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new FunctionSettingsError(`The "${name}" setting must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** A comma list ("sent, open") or an array setting; empty means all seven types. */
function readSelectedEvents(settings: Record<string, unknown>): readonly EventType[] {
  const raw = settings.selectedEvents;
  const names = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : raw === undefined || raw === null ? [] : undefined;
  if (names === undefined) throw new FunctionSettingsError('The "selectedEvents" setting must be a comma-separated list of event types.');
  const chosen = names.map((name) => (typeof name === 'string' ? name.trim().toLowerCase() : name)).filter((name) => name !== '');
  if (chosen.length === 0) return EVENT_TYPES;
  const unknown = chosen.filter((name) => !isEventType(name));
  if (unknown.length > 0) {
    throw new FunctionSettingsError(`The "selectedEvents" setting names unknown event types (${unknown.map(String).join(', ')}); use ${EVENT_TYPES.join(', ')}.`);
  }
  return EVENT_TYPES.filter((type) => chosen.includes(type));
}

export function readSourceSettings(input: unknown): SourceSettings {
  const settings = asRecord(input);
  const eventsSecret = optionalText(settings, 'eventsSecret');
  return {
    ...(eventsSecret === undefined ? {} : { eventsSecret }),
    selectedEvents: readSelectedEvents(settings),
    namingPreset: oneOf(settings, 'namingPreset', NAMING_PRESETS, 'default'),
  };
}

function readListId(settings: Record<string, unknown>): number {
  const raw = settings.listId;
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const id = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new FunctionSettingsError('The "listId" setting must be the numeric ID of a Mailjet contact list.');
  }
  return id;
}

function readApiBaseUrl(settings: Record<string, unknown>): string {
  const text = optionalText(settings, 'apiBaseUrl') ?? DEFAULT_API_BASE_URL;
  if (!/^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/i.test(text)) {
    throw new FunctionSettingsError('The "apiBaseUrl" setting must be an http(s) URL such as https://api.mailjet.com.');
  }
  return text.replace(/\/+$/, '');
}

export function readDestinationSettings(input: unknown): DestinationSettings {
  const settings = asRecord(input);
  return {
    mailjetApiKey: requiredText(settings, 'mailjetApiKey'),
    mailjetSecretKey: requiredText(settings, 'mailjetSecretKey'),
    listId: readListId(settings),
    flattenMode: oneOf(settings, 'flattenMode', FLATTEN_MODES, 'documented'),
    apiBaseUrl: readApiBaseUrl(settings),
  };
}
