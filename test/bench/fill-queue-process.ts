// Child process that fills a data dir's send queue with numbered "open" events through the storage API
// in large commits, so the hundreds of MB it builds never count in the RSS of the bench process (where
// the relay engine is measured). The items are what intake stores for those events (its own functions).
// Args: PATH FROM TO CHUNK [--sending] (also saves settings that send them, for a relay started later);
// exits 0 when the items are committed.
import { intakeMailjetEvents } from '../../main/relay/intake';
import { openStorage } from '../../main/storage/database';
import { EVENT_TYPES } from '../../shared/event-catalog';
import { parseJsonLossless } from '../../shared/json-lossless';
import { parseMailjetEvents } from '../../shared/mailjet-event';
import { openEvent } from './bench-traffic';

// Event numbers far above what the load process posts, so filled and posted events never collide.
const FILL_BASE = 100_000_000;

const DIRECTIONS = { receiveEnabled: true, sendEnabled: true, selectedEvents: EVENT_TYPES };
const [path, from, to, chunk] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
if (path === undefined || !(from >= 0 && to >= from && chunk > 0)) throw new Error('usage: fill-queue-process.ts PATH FROM TO CHUNK');
const storage = openStorage({ path });
try {
  if (process.argv.includes('--sending')) storage.operatorSettings.write({ receiveEnabled: true, sendState: 'enabled', events: [...EVENT_TYPES] });
  for (let start = from; start < to; start += chunk) {
    const bodies: string[] = [];
    for (let n = start; n < Math.min(to, start + chunk); n += 1) bodies.push(openEvent(FILL_BASE + n));
    const { events } = parseMailjetEvents(parseJsonLossless(`[${bodies.join(',')}]`));
    await storage.queue.commit(intakeMailjetEvents(events, [], [], DIRECTIONS));
  }
} finally {
  await storage.close();
}
