// `mjsc map` reads bodies as the relay does: a UTF-8 BOM is ignored, and with --types it shows the data
// type each new property would get, `4.0` being a float because of how it is written.
import { runCli } from '../../../main/cli/cli-dispatch';
import { COMMANDS } from '../../../main/cli/command-table';
import { fakeCliIo } from './fake-cli-io';

async function run(argv: string[], stdin: string) {
  const io = fakeCliIo({ stdin });
  const code = await runCli(argv, io, { version: '9.9.9', commands: COMMANDS });
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

it('maps an identify that starts with a UTF-8 BOM', async () => {
  const { code, stdout } = await run(['map', 'identify', '-'], '\uFEFF{"type":"identify","userId":"u1","traits":{"email":"bom@example.com","plan":"pro"}}');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toMatchObject({ email: 'bom@example.com', properties: { plan: 'pro' } });
});

it('maps a Mailjet event body that starts with a UTF-8 BOM', async () => {
  const { code, stdout } = await run(['map', 'event', '-'], '\uFEFF{"event":"open","time":1433334653,"MessageID":19421777836302490,"email":"api@mailjet.com"}');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toMatchObject([{ event: 'Email Opened', properties: { email_id: '19421777836302490' } }]);
});

it('keeps the four fixed keys by default and adds the types with --types: 4.0 is a float, 4 an int', async () => {
  const body = '{"userId":"u1","traits":{"email":"a@example.com","rating":4.0,"visits":4,"since":"2024-02-29T13:05:00Z"}}';
  const plain = await run(['map', 'identify', '-'], body);
  expect(Object.keys(JSON.parse(plain.stdout) as object)).toEqual(['email', 'name', 'properties', 'dropped']);
  const typed = await run(['map', 'identify', '--types', '-'], body);
  expect(JSON.parse(typed.stdout)).toMatchObject({ properties: { rating: 4, visits: 4 }, types: { rating: 'float', visits: 'int', since: 'datetime' } });
});

it('uses the traits found only in context.traits', async () => {
  const { stdout } = await run(['map', 'identify', '-'], '{"userId":"u1","context":{"traits":{"email":"ctx@example.com","plan":"pro"}}}');
  expect(JSON.parse(stdout)).toMatchObject({ email: 'ctx@example.com', properties: { plan: 'pro' } });
});
