// A complete Status for shell tests, with the parts a test cares about overridden.
import type { QueueCounts, Status } from '../../../shared/api';

const emptyQueue: QueueCounts = { pending: 0, inFlight: 0, delivered: 0, failed: 0, skipped: 0, rejected: 0 };

export function statusWith(partial: Partial<Status> = {}): Status {
  return {
    credentials: { mailjet: 'valid', segment: 'present', source: 'keychain' },
    receive: { enabled: false, listId: null, flattenMode: 'documented' },
    send: { enabled: false, events: [], namingPreset: 'default' },
    queue: { receive: { ...emptyQueue }, send: { ...emptyQueue } },
    relayUrl: 'http://127.0.0.1:8787',
    publicUrl: null,
    ...partial,
  };
}
