// Decides whether a callback base URL can be reached by the Mailjet API it would be registered with
// (docs/architecture.md#delivery-rules, "Reachability"). Pure: it resolves no name and makes no request.
import ipaddr from 'ipaddr.js';

/** Where an address can be reached from: this machine, its network, or the internet. */
export type HostScope = 'loopback' | 'private' | 'public';

export type Reachability =
  | { usable: true }
  | { usable: false; reason: 'no_public_url' | 'not_https' | 'not_public' | 'not_proven' };

export interface ReachabilityInput {
  /** The base our callbacks would use: the public URL when set, else the relay's own URL. */
  baseUrl: string;
  /** True when the base is the operator's public URL (not the relay's listening URL). */
  isPublicUrl: boolean;
  /** MJSC_MAILJET_API_URL: who will post to the callback. */
  mailjetApiUrl: string;
  /** True when the latest proof of this public URL reached this relay. */
  proven: boolean;
}

/** Names that never resolve on the public internet (RFC 6761, RFC 6762, RFC 8375). */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.test', '.invalid', '.example'];

export function hostScope(hostname: string): HostScope {
  const bare = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return 'loopback';
  if (ipaddr.isValid(bare)) {
    const range = ipaddr.process(bare).range();
    if (range === 'loopback') return 'loopback';
    return range === 'unicast' ? 'public' : 'private';
  }
  // A single label (a LAN host name) or a reserved suffix cannot be looked up from Mailjet's servers.
  if (!bare.includes('.') || LOCAL_SUFFIXES.some((suffix) => bare.endsWith(suffix))) return 'private';
  return 'public';
}

/**
 * A public Mailjet API reaches only a public https URL, proven to reach this relay; the emulators (a
 * loopback Mailjet API) run on this machine and reach anything it can.
 */
export function judgeCallbackReachability(input: ReachabilityInput): Reachability {
  const api = parse(input.mailjetApiUrl);
  if (api !== undefined && hostScope(api.hostname) === 'loopback') return { usable: true };
  const base = parse(input.baseUrl);
  if (!input.isPublicUrl || base === undefined) return { usable: false, reason: 'no_public_url' };
  if (base.protocol !== 'https:') return { usable: false, reason: 'not_https' };
  if (hostScope(base.hostname) !== 'public') return { usable: false, reason: 'not_public' };
  return input.proven ? { usable: true } : { usable: false, reason: 'not_proven' };
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
