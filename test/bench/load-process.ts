// The load generator's own process, so it never competes with the server under test for its event
// loop. Started by runLoadInChild(); takes one LoadSpec over IPC, answers one LoadResult, exits.
import { bodyForRecipe } from './bench-traffic';
import { runLoad, type LoadSpec } from './load-generator';

process.once('message', (spec: LoadSpec) => {
  runLoad(spec, bodyForRecipe(spec.body)).then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
