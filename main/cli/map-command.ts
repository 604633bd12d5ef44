// `mjsc map identify|event [FILE|-]`: shows what the shared mapping would make of a payload, offline.
// It never sends anything and never reads credentials; it only prints the mapping.
import { parseArgs } from 'node:util';
import { NAMING_PRESETS, type NamingPreset } from '../../shared/event-catalog';
import { mapEventToTrack } from '../../shared/event-to-track';
import { mapIdentifyToContact } from '../../shared/identify-to-contact';
import { parseJsonLossless } from '../../shared/json-lossless';
import { parseMailjetEvents } from '../../shared/mailjet-event';
import type { FlattenMode } from '../../shared/trait-flattening';
import type { CliCommand, CliIo } from './cli-command';
import { CliInputError, EXIT_OK } from './cli-errors';

const FLATTEN_MODES: readonly FlattenMode[] = ['documented', 'deep'];

const USAGE = [
  'mjsc map identify [FILE|-] [--flatten documented|deep] [--types]',
  'mjsc map event [FILE|-] [--preset default|segment-spec]',
] as const;

const HELP = `Usage:
  ${USAGE[0]}
      Reads one Segment identify message (JSON) and prints the Mailjet contact it becomes:
      {"email","name","properties","dropped"}. --flatten deep flattens nested objects too
      (default: documented, as Mailjet documents it). --types adds "types": the Mailjet data type
      each new property would be created with (a number written 4.0 is a float).
  ${USAGE[1]}
      Reads a Mailjet Event API body (one event object or an array) and prints the JSON array of
      Segment track calls it would send, with the email as anonymousId. Default preset: default.

FILE defaults to standard input; "-" also means standard input. Nothing is sent anywhere.
Bad input prints one line on stderr and exits with status 2.
`;

export const mapCommand: CliCommand = {
  name: 'map',
  summary: 'Print what an identify payload or a Mailjet event body maps to (sends nothing)',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    const [direction, ...rest] = args;
    if (direction === undefined || direction === '--help' || direction === '-h') {
      io.writeOut(HELP);
      return EXIT_OK;
    }
    if (direction === 'identify') return mapIdentify(rest, io);
    if (direction === 'event') return mapEvent(rest, io);
    throw new CliInputError('unknown_command', `unknown map direction "${direction}"; use "map identify" or "map event"`);
  },
};

async function mapIdentify(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { flatten: { type: 'string', default: 'documented' }, types: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return printHelp(io);
  const flatten = oneOf('--flatten', values.flatten, FLATTEN_MODES);
  // `4.0` stays a float literal, as in the relay (docs/mailjet-segment-contracts.md#segment-clients).
  const body = parseJsonLossless(await readInput(positionals, io), { keepDecimalLiterals: true });
  const message = identifyMessageFrom(body);
  const mapping = mapIdentifyToContact(message, { flatten, knownProperties: new Map() });
  const { email, name, properties, dropped } = mapping;
  const types = Object.fromEntries(mapping.newProperties.map((property) => [property.name, property.datatype]));
  io.writeOut(`${JSON.stringify(values.types === true ? { email, name, properties, dropped, types } : { email, name, properties, dropped }, null, 2)}\n`);
  if (mapping.skippedReason !== undefined) io.writeErr(`mjsc: the contact would be skipped: ${mapping.skippedReason}\n`);
  return EXIT_OK;
}

async function mapEvent(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { preset: { type: 'string', default: 'default' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return printHelp(io);
  const preset: NamingPreset = oneOf('--preset', values.preset, NAMING_PRESETS);
  const { events, rejected } = parseMailjetEvents(parseJsonLossless(await readInput(positionals, io)));
  const described = rejected.map((item) => `item ${item.index}: ${item.reason}`).join('; ');
  if (events.length === 0 && rejected.length > 0) {
    throw new CliInputError('bad_event', `no usable Mailjet event: ${described}`);
  }
  const calls = events.map((event) => mapEventToTrack(event, { preset }));
  io.writeOut(`${JSON.stringify(calls, null, 2)}\n`);
  if (rejected.length > 0) io.writeErr(`mjsc: ${rejected.length} item(s) would be rejected: ${described}\n`);
  return EXIT_OK;
}

function printHelp(io: CliIo): number {
  io.writeOut(HELP);
  return EXIT_OK;
}

async function readInput(positionals: readonly string[], io: CliIo): Promise<string> {
  if (positionals.length > 1) {
    throw new CliInputError('bad_arguments', `expected at most one FILE, got ${positionals.length}`);
  }
  const [path] = positionals;
  if (path === undefined || path === '-') return io.readStdin();
  try {
    return await io.readFile(path);
  } catch (error) {
    const reason = (error as { code?: unknown }).code ?? (error instanceof Error ? error.message : 'unknown error');
    throw new CliInputError('unreadable_file', `cannot read ${path} (${String(reason)}); check the path`);
  }
}

/** One identify message; `mjsc map identify` previews a single contact, not a batch. */
function identifyMessageFrom(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CliInputError('bad_shape', 'expected one Segment identify message (a JSON object with "traits")');
  }
  const message = body as Record<string, unknown>;
  if ('batch' in message) {
    throw new CliInputError('bad_shape', 'expected one identify message, not a batch; pass one item of "batch"');
  }
  if (message.type !== undefined && message.type !== 'identify') {
    throw new CliInputError('bad_shape', `expected an identify message, got type ${JSON.stringify(message.type)}`);
  }
  return message;
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new CliInputError('bad_arguments', `${option} must be one of ${allowed.join(', ')}`);
  }
  return match;
}
