// The relay's listener configuration, typed and validated: where it listens, how much it reads, and
// where upstream lives. Fixed for a run; the operator's settings live in storage/operator-settings.ts.
// Holds no secret (those come from a SecretStore); a bad value fails loudly at load time.
import { z } from 'zod';

const MIB = 1024 * 1024;

export interface BodyLimits {
  /** Bytes accepted on POST /segment and /v1/*. */
  segment: number;
  /** Bytes accepted on POST /mailjet/events. */
  mailjet: number;
}

export interface UpstreamUrls {
  mailjetApiUrl: string;
  segmentApiUrl: string;
}

export interface RelayConfig {
  /** Interface the relay binds; 127.0.0.1 unless told otherwise. */
  host: string;
  /** Relay port; 0 picks a free one. */
  port: number;
  bodyLimits: BodyLimits;
  upstream: UpstreamUrls;
}

export const DEFAULT_RELAY_HOST = '127.0.0.1';
export const DEFAULT_RELAY_PORT = 8787;
export const DEFAULT_BODY_LIMITS: Readonly<BodyLimits> = { segment: 1 * MIB, mailjet: 5 * MIB };
export const DEFAULT_MAILJET_API_URL = 'https://api.mailjet.com';
export const DEFAULT_SEGMENT_API_URL = 'https://api.segment.io';

/** Env variables this loader reads; secrets are read by the SecretStore, never here. */
export const CONFIG_ENV_VARS = { mailjetApiUrl: 'MJSC_MAILJET_API_URL', segmentApiUrl: 'MJSC_SEGMENT_API_URL' } as const;

export class RelayConfigError extends Error {
  readonly code = 'bad_config' as const;
  constructor(readonly problems: string[]) {
    super(`The relay configuration is invalid: ${problems.join('; ')}. Fix these values and start again.`);
    this.name = 'RelayConfigError';
  }
}

const httpUrl = z
  .string()
  .trim()
  .refine((value) => isHttpUrl(value), 'must be an http(s) URL without user or password')
  .transform((value) => value.replace(/\/+$/, ''));

const byteLimit = z.number().int().min(1024, 'must be at least 1024 bytes').max(64 * MIB, 'must be at most 64 MiB');

const configSchema = z.object({
  host: z.string().trim().min(1, 'must not be empty'),
  port: z.number().int().min(0).max(65535),
  bodyLimits: z.object({ segment: byteLimit, mailjet: byteLimit }),
  upstream: z.object({ mailjetApiUrl: httpUrl, segmentApiUrl: httpUrl }),
});

/** Values from flags or the caller; anything left out takes its default. */
export interface RelayConfigInput {
  host?: string;
  port?: number;
  bodyLimits?: Partial<BodyLimits>;
}

export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/** Builds the config from explicit input plus MJSC_* upstream URLs; throws RelayConfigError. */
export function loadRelayConfig(input: RelayConfigInput = {}, env: ConfigEnv = {}): RelayConfig {
  const candidate = {
    host: input.host ?? DEFAULT_RELAY_HOST,
    port: input.port ?? DEFAULT_RELAY_PORT,
    bodyLimits: { ...DEFAULT_BODY_LIMITS, ...input.bodyLimits },
    upstream: {
      mailjetApiUrl: nonEmpty(env[CONFIG_ENV_VARS.mailjetApiUrl]) ?? DEFAULT_MAILJET_API_URL,
      segmentApiUrl: nonEmpty(env[CONFIG_ENV_VARS.segmentApiUrl]) ?? DEFAULT_SEGMENT_API_URL,
    },
  };
  const result = configSchema.safeParse(candidate);
  if (!result.success) {
    throw new RelayConfigError(result.error.issues.map((issue) => `${describePath(issue.path)} ${issue.message}`));
  }
  return result.data;
}

/** Checks a --public-url flag before the host saves it as the operator's setting; throws RelayConfigError. */
export function parsePublicUrl(value: string): string {
  const result = httpUrl.safeParse(value);
  if (!result.success) throw new RelayConfigError(result.error.issues.map((issue) => `publicUrl ${issue.message}`));
  return result.data;
}

/** True when the relay binds something other than a loopback interface (callers warn about it). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

function describePath(path: ReadonlyArray<PropertyKey>): string {
  const dotted = path.map(String).join('.');
  const envName = dotted === 'upstream.mailjetApiUrl' ? CONFIG_ENV_VARS.mailjetApiUrl
    : dotted === 'upstream.segmentApiUrl' ? CONFIG_ENV_VARS.segmentApiUrl : undefined;
  return envName ? `${envName} (${dotted})` : dotted;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
