// "Import history" in the Receive section: picked files go up in chunks, a dry run's summary shows what
// would happen, Start import runs it with the "Import progress" bar, and Cancel stops it.
import { screen, within } from '@testing-library/react';
import { FakeConnector, fakeBackfill } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

async function receiveSection(): Promise<HTMLElement> {
  await statusLoaded();
  return screen.getByRole('region', { name: 'Receive data from Segment' });
}

function historyFile(): File {
  return new File(['{"type":"identify","userId":"u1","traits":{"email":"ada@example.com"}}\n'], 'history.jsonl', { type: 'application/jsonl' });
}

describe('HistoryImport', () => {
  it('uploads the picked file, shows the dry run summary, then starts the import', async () => {
    const fake = new FakeConnector();
    fake.nextBackfill = (arg) =>
      arg.dryRun === true
        ? fakeBackfill({ dryRun: true, phase: 'done', fraction: 1, linesRead: 12, contacts: 9, created: 7, updated: 2, skipped: [{ reason: 'a track call (only identify calls update Mailjet)', count: 3 }] })
        : fakeBackfill({ phase: 'delivering', fraction: 0.46, linesRead: 12, contacts: 9, queued: 9, delivered: 4, ratePerSecond: 120, secondsLeft: 3 });
    const { user } = renderApp(fake);
    const section = await receiveSection();

    await user.click(within(section).getByRole('button', { name: 'Import history' }));
    await user.upload(within(section).getByLabelText('History files'), historyFile());
    await user.click(within(section).getByRole('button', { name: 'Check files' }));

    expect(await within(section).findByText('Would be created')).toBeInTheDocument();
    expect(within(section).getByText('7')).toBeInTheDocument();
    expect(within(section).getByText(/3: a track call/)).toBeInTheDocument();
    expect(fake.callsOf('uploadBackfillChunk')).toEqual([{ name: 'history.jsonl', offset: 0, data: expect.stringMatching(/base64 chars$/) }]);
    expect(fake.callsOf('startBackfill')).toEqual([{ uploads: ['upload-1'], dryRun: true }]);

    await user.click(within(section).getByRole('button', { name: 'Start import' }));
    const bar = await within(section).findByRole('progressbar', { name: 'Import progress' });
    expect(bar).toHaveAttribute('value', '46');
    expect(within(section).getByText(/12 lines read, 9 contacts, 9 queued, 4 delivered, 120 contacts\/s, about 3 s left/)).toBeInTheDocument();
    // The same upload is imported; nothing is sent twice.
    expect(fake.callsOf('startBackfill')).toEqual([{ uploads: ['upload-1'], dryRun: true }, { uploads: ['upload-1'], dryRun: false }]);
    expect(fake.callsOf('uploadBackfillChunk')).toHaveLength(1);
  });

  it('shows an import already running and cancels it', async () => {
    const fake = new FakeConnector();
    fake.backfill = fakeBackfill({ id: '7', phase: 'delivering', fraction: 0.3, linesRead: 5000, contacts: 4000, queued: 2000, delivered: 1000 });
    const { user } = renderApp(fake);
    const section = await receiveSection();

    expect(await within(section).findByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '30');
    await user.click(within(section).getByRole('button', { name: 'Cancel import' }));

    expect(fake.callsOf('cancelBackfill')).toEqual([{ id: '7' }]);
    expect(await within(section).findByText(/Import cancelled/)).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Cancel import' })).not.toBeInTheDocument();
  });

  it('says why the import could not start', async () => {
    const fake = new FakeConnector();
    fake.failNext('startBackfill', 'backfill_list_not_selected', 'No Mailjet contact list is chosen. Choose a list, then import.');
    const { user } = renderApp(fake);
    const section = await receiveSection();
    await user.click(within(section).getByRole('button', { name: 'Import history' }));
    await user.upload(within(section).getByLabelText('History files'), historyFile());
    await user.click(within(section).getByRole('button', { name: 'Check files' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('No Mailjet contact list is chosen. Choose a list, then import.');
  });
});
