// Reads a tunnel program's log, line by line, for the public URL it was given and for its errors.
// cloudflared prints the quick tunnel's URL on stderr inside a box; ngrok (--log-format json) logs
// "started tunnel" with a `url` field (docs/mailjet-segment-contracts.md#runtimes-and-tools). Pure.
import type { TunnelProgram } from '../../shared/api';

export interface TunnelLine {
  url?: string;
  error?: string;
}

export interface TunnelOutputReader {
  read(line: string): TunnelLine;
}

const BOX_HEADER = /Your quick Tunnel has been created/i;
const BOX_URL = /\|\s*(https?:\/\/[^\s|]+)\s*\|/;
const CLOUDFLARED_ERROR = /\b(?:ERR|FTL)\b\s+(.*)$/;
/** cloudflared prints a fatal error as a bare line (no time, no level) before it exits. */
const CLOUDFLARED_FATAL = /^(failed to .*|error: .*)$/i;

/** The URL is on the box line right after the header; any other URL in the log (settings, docs) is not it. */
export function createCloudflaredReader(): TunnelOutputReader {
  let afterHeader = false;
  return {
    read(line) {
      if (BOX_HEADER.test(line)) {
        afterHeader = true;
        return {};
      }
      if (afterHeader) {
        const url = BOX_URL.exec(line)?.[1];
        if (url !== undefined) {
          afterHeader = false;
          return { url: url.replace(/\/+$/, '') };
        }
      }
      const error = (CLOUDFLARED_ERROR.exec(line)?.[1] ?? CLOUDFLARED_FATAL.exec(line.trim())?.[1])?.trim();
      return error ? { error } : {};
    },
  };
}

export function createNgrokReader(): TunnelOutputReader {
  return {
    read(line) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
      if (entry.msg === 'started tunnel' && typeof entry.url === 'string') return { url: entry.url.replace(/\/+$/, '') };
      if (entry.lvl === 'eror' || entry.lvl === 'crit' || entry.lvl === 'error') {
        const detail = typeof entry.err === 'string' ? entry.err : typeof entry.msg === 'string' ? entry.msg : 'unknown error';
        return { error: detail };
      }
      return {};
    },
  };
}

export function createTunnelReader(program: TunnelProgram): TunnelOutputReader {
  return program === 'cloudflared' ? createCloudflaredReader() : createNgrokReader();
}
