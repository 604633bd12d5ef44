// contactmetadata: every page loaded once, missing properties created as static with the inferred
// type, historic ones refused by name, and a definition someone else just created read back.
import { createMailjetRest } from '../../../main/upstream/mailjet/rest-core';
import { createPropertyDefinitions } from '../../../main/workers/property-definitions';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';

let mailjet: MailjetEmulator;
beforeEach(async () => {
  mailjet = await startMailjetEmulator();
});
afterEach(async () => {
  await mailjet.stop();
});

const definitions = () => createPropertyDefinitions(createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }) }));

it('loads every page once and keeps only static properties', async () => {
  for (let n = 0; n < 1_005; n++) mailjet.seedProperty({ Name: `p${n}`, Datatype: 'int' });
  mailjet.seedProperty({ Name: 'score', Datatype: 'float', NameSpace: 'historic' });
  const cache = definitions();
  const known = await cache.known();
  await cache.known();
  expect(known.size).toBe(1_005);
  expect(known.get('p1004')).toBe('int');
  expect(known.has('score')).toBe(false);
  expect(mailjet.requests.filter((request) => request.path.endsWith('/contactmetadata'))).toHaveLength(2);
});

it('creates missing properties as static, first type wins, and refuses historic names', async () => {
  mailjet.seedProperty({ Name: 'plan', Datatype: 'str' });
  mailjet.seedProperty({ Name: 'score', Datatype: 'float', NameSpace: 'historic' });
  const cache = definitions();
  const refused = await cache.create([
    { name: 'plan', datatype: 'int' },
    { name: 'age', datatype: 'int' },
    { name: 'score', datatype: 'float' },
  ]);
  expect([...refused.keys()]).toEqual(['score']);
  expect(mailjet.properties.find((row) => row.Name === 'age')).toMatchObject({ Datatype: 'int', NameSpace: 'static' });
  expect((await cache.known()).get('plan')).toBe('str');
  expect((await cache.known()).get('age')).toBe('int');
});

it('reads back a property created elsewhere between load and create', async () => {
  const cache = definitions();
  await cache.known();
  mailjet.seedProperty({ Name: 'vip', Datatype: 'bool' });
  expect(await cache.create([{ name: 'vip', datatype: 'str' }])).toEqual(new Map());
  expect((await cache.known()).get('vip')).toBe('bool');
});
