// Why a listener could not start, in one line that names the port and what to change. Both listeners
// (relay, console) use it; `mjsc relay` adds the flag that changes the port. Never includes a secret.

export type ListenerErrorCode = 'port_in_use' | 'port_not_permitted' | 'address_not_available';

export interface ListenerAddress {
  /** "relay" or "console". */
  label: string;
  host: string;
  port: number;
  /** The command-line flag that changes the port, e.g. "--port"; shells without flags leave it out. */
  flag?: string;
}

export class ListenerError extends Error {
  constructor(
    readonly code: ListenerErrorCode,
    readonly address: ListenerAddress,
    options?: { cause?: unknown },
  ) {
    super(describe(code, address), options);
    this.name = 'ListenerError';
  }

  /** The same failure, told with the flag that fixes it. */
  withFlag(flag: string): ListenerError {
    return new ListenerError(this.code, { ...this.address, flag }, { cause: this.cause });
  }
}

const CODES: Readonly<Record<string, ListenerErrorCode>> = {
  EADDRINUSE: 'port_in_use',
  EACCES: 'port_not_permitted',
  EADDRNOTAVAIL: 'address_not_available',
  ENOTFOUND: 'address_not_available',
};

/** A ListenerError for the listen failures a person can fix; anything else unchanged. */
export function describeListenFailure(error: unknown, address: ListenerAddress): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? CODES[String(error.code)] : undefined;
  return code === undefined ? error : new ListenerError(code, address, { cause: error });
}

function describe(code: ListenerErrorCode, { label, host, port, flag }: ListenerAddress): string {
  const choose = flag === undefined ? 'choose another port' : `choose another port with ${flag} (0 picks a free one)`;
  switch (code) {
    case 'port_in_use':
      return `The ${label} port ${port} on ${host} is already in use, perhaps by another copy of the connector: quit it, or ${choose}.`;
    case 'port_not_permitted':
      return `Not allowed to listen on ${host}:${port} for the ${label} (ports below 1024 need extra rights): ${choose}.`;
    case 'address_not_available':
      return `Cannot listen on ${host} for the ${label}: it is not an address of this machine. Use 127.0.0.1${label === 'relay' ? ' (--host)' : ''}.`;
  }
}
