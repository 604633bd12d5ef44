// Errors of the built-in tunnel: a stable code, the HTTP status the control API answers with, and a
// message that says what to do next. The code table of issue 9's error code table absorbs these.

export type TunnelErrorCode = 'tunnel_program_missing' | 'tunnel_failed' | 'tunnel_timeout' | 'tunnel_not_proven';

const STATUS: { readonly [C in TunnelErrorCode]: number } = {
  tunnel_program_missing: 409,
  tunnel_failed: 502,
  tunnel_timeout: 504,
  /** The tunnel printed a URL, but requests through it did not reach this relay. */
  tunnel_not_proven: 502,
};

export class TunnelError extends Error {
  readonly httpStatus: number;
  constructor(
    readonly code: TunnelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TunnelError';
    this.httpStatus = STATUS[code];
  }
}
