// `mjsc tail`: streams the running connector's items as they arrive and settle, one line each (or one
// JSON object a line with --json), until Ctrl-C. It polls getActivity over the local control socket
// and prints every item whose status, attempts or update time changed since the last look.
import { parseArgs } from 'node:util';
import type { ActivityItem, ActivityQuery, ActivityStatus, Direction } from '../../shared/api';
import type { CliCommand } from './cli-command';
import { CliInputError, EXIT_OK } from './cli-errors';
import { formatActivityLine } from './activity-line';
import { connectToRunningConnector } from './connector-connection';

const USAGE = ['mjsc tail [--json] [--direction receive|send] [--status STATUS] [--data-dir DIR]'] as const;
const STATUSES: readonly ActivityStatus[] = ['pending', 'in_flight', 'delivered', 'failed', 'skipped', 'rejected', 'refused'];
const POLL_MS = 500;
/** The newest items looked at per poll; a burst larger than this between two polls shows its newest part. */
const WINDOW = 500;

const HELP = `Usage:
  ${USAGE[0]}
      Streams the items of the connector running on the data dir (the desktop app or mjsc relay) as
      they arrive and settle: one line each, or one JSON object a line with --json. Ctrl-C stops.
      --status is one of ${STATUSES.join(', ')}.
`;

export const tailCommand: CliCommand = {
  name: 'tail',
  summary: 'Stream the running connector\'s items as they arrive and settle',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, direction: { type: 'string' }, status: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.writeOut(HELP);
      return EXIT_OK;
    }
    const query: ActivityQuery = { limit: WINDOW, ...readFilters(values.direction, values.status) };
    const connector = await connectToRunningConnector(values['data-dir'], io);
    const seen = new Map<string, string>();
    const fresh = async (): Promise<ActivityItem[]> => {
      const { items } = await connector.call('getActivity', query);
      const changed = items.filter((item) => seen.get(item.id) !== versionOf(item));
      for (const item of changed) seen.set(item.id, versionOf(item));
      return changed.reverse();
    };
    await fresh();
    io.writeErr(`mjsc: tailing ${connector.path} (Ctrl-C to stop)\n`);
    let stopped = false;
    void io.waitForStop().then(() => (stopped = true));
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (stopped) break;
      for (const item of await fresh()) io.writeOut(`${values.json ? JSON.stringify(item) : formatActivityLine(item)}\n`);
    }
    connector.close();
    return EXIT_OK;
  },
};

function versionOf(item: ActivityItem): string {
  return `${item.status}|${item.attempts}|${item.updatedAt}`;
}

function readFilters(direction: string | undefined, status: string | undefined): Pick<ActivityQuery, 'direction' | 'status'> {
  if (direction !== undefined && direction !== 'receive' && direction !== 'send') throw new CliInputError('bad_arguments', '--direction must be receive or send');
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw new CliInputError('bad_arguments', `--status must be one of ${STATUSES.join(', ')}`);
  return { ...(direction === undefined ? {} : { direction: direction as Direction }), ...(status === undefined ? {} : { status: status as ActivityStatus }) };
}
