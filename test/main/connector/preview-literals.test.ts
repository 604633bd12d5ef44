// The Preview reads a pasted payload as the relay does: a UTF-8 BOM is ignored and `4.0` is a float.
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

let harness: ConnectorHarness;
beforeEach(async () => {
  harness = await startConnectorHarness();
});
afterEach(async () => {
  await harness.stop();
});

it('previews an identify behind a UTF-8 BOM, telling the float 4.0 from the int 4', async () => {
  const preview = await harness.ok('previewIdentify', { payload: '\uFEFF{"type":"identify","userId":"u1","traits":{"email":"p@example.com","rating":4.0,"visits":4}}' });
  expect(preview).toMatchObject({ email: 'p@example.com', properties: { rating: 4, visits: 4 } });
  expect(preview.newProperties).toEqual(expect.arrayContaining([{ name: 'rating', datatype: 'float' }, { name: 'visits', datatype: 'int' }]));
});

it('previews a Mailjet event body behind a UTF-8 BOM', async () => {
  await harness.ok('setEventSelection', { events: ['open'] });
  const preview = await harness.ok('previewEvent', { payload: '\uFEFF{"event":"open","time":1433334653,"MessageID":19421777836302490,"email":"api@mailjet.com"}' });
  expect(preview.calls).toHaveLength(1);
});
