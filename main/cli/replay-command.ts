// `mjsc replay <id>...`: sends items of the running connector again (delivered ones included). By
// default with the same messageId, which Segment drops as a duplicate; --new-message-id makes Segment keep it.
import { parseArgs } from 'node:util';
import type { CliCommand } from './cli-command';
import { CliInputError, EXIT_FAILURE, EXIT_OK } from './cli-errors';
import { connectToRunningConnector } from './connector-connection';

const USAGE = ['mjsc replay ID... [--new-message-id] [--data-dir DIR]'] as const;

const HELP = `Usage:
  ${USAGE[0]}
      Sends delivered or failed items of the running connector (desktop app or mjsc relay) again.
      Without --new-message-id a Mailjet event keeps its messageId, so Segment drops the replay as a
      duplicate (use that to re-run a failed delivery); with it, Segment records the event again.
      Item ids are shown by mjsc tail and in Activity.
`;

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Send items of the running connector again',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { 'new-message-id': { type: 'boolean' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) {
      io.writeOut(HELP);
      return EXIT_OK;
    }
    if (positionals.length === 0) throw new CliInputError('bad_arguments', 'name at least one item id (see mjsc tail or Activity)');
    const connector = await connectToRunningConnector(values['data-dir'], io);
    const asNewMessage = values['new-message-id'] === true;
    const result = await connector.call('replayItems', { ids: positionals, asNewMessage });
    connector.close();
    const how = result.asNewMessage ? 'with a new messageId (Segment keeps it)' : 'with the same messageId (Segment drops a duplicate of a delivered event)';
    io.writeOut(`replayed ${result.replayed} item${result.replayed === 1 ? '' : 's'} ${how}\n`);
    for (const miss of result.notReplayed) io.writeErr(`mjsc: item ${miss.id} not replayed: ${miss.reason}\n`);
    return result.notReplayed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
