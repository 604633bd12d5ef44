// Child process for the crash test: commits, claims one item, reports, then waits to be SIGKILLed.
import { openStorage } from '../../../main/storage/database';

const storage = openStorage({ path: process.argv[2]!, now: () => 1_000 });
const ids = await storage.queue.commit([
  { direction: 'send', kind: 'open', payload: '{"MessageID":19421777396190490}' },
  { direction: 'send', kind: 'click', payload: '{}' },
]);
const claimed = storage.queue.claim('send', 1).map((i) => i.id);
process.stdout.write(`${JSON.stringify({ ids, claimed })}\n`);
setInterval(() => undefined, 60_000);
