// Every `mjsc` subcommand. Adding one (e.g. `mjsc relay`) is one file plus one line here.
import { backfillCommand } from './backfill-command';
import type { CliCommand } from './cli-command';
import { mapCommand } from './map-command';
import { relayCommand } from './relay-command';
import { replayCommand } from './replay-command';
import { tailCommand } from './tail-command';

export const COMMANDS: readonly CliCommand[] = [mapCommand, relayCommand, tailCommand, replayCommand, backfillCommand];
