// "Receive data from Segment": which Mailjet list identify() calls go to, on/off, and the flatten mode.
import { useCallback, useEffect, useState } from 'react';
import type { ContactList, FlattenMode, ReceiveStatus } from '../../shared/api';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { useStatus } from '../hooks/use-status';
import { BusyButton } from './BusyButton';
import { ContactListSelect, CREATE_MASTER_LIST, MASTER_LIST_NAME } from './ContactListSelect';
import { ErrorAlert } from './ErrorAlert';
import { FlattenModeChoice } from './FlattenModeChoice';
import { HistoryImport } from './HistoryImport';
import { ProblemBanner } from './ProblemBanner';

export function ReceiveSection() {
  const { status, replaceStatus } = useStatus();
  const [lists, setLists] = useState<ContactList[]>([]);
  const [choice, setChoice] = useState<string | null>(null);
  const loadLists = useConnectorMethod('listContactLists');
  const enable = useConnectorMethod('enableReceive');
  const disable = useConnectorMethod('disableReceive');
  const setFlatten = useConnectorMethod('setOptions');
  const receive = status?.receive;
  const credentialsReady = status?.credentials.mailjet === 'valid' || status?.credentials.mailjet === 'unverified';

  const { run: runLoadLists } = loadLists;
  const refreshLists = useCallback(async () => {
    const fresh = await runLoadLists({});
    if (fresh) setLists(fresh);
  }, [runLoadLists]);
  const listDeleted = receive?.problem?.code === 'list_deleted';
  // Reload when the keys become usable and when the list vanished, so the dropdown stops offering it.
  useEffect(() => {
    if (credentialsReady) void runLoadLists({}).then((fresh) => fresh && setLists(fresh));
  }, [credentialsReady, listDeleted, runLoadLists]);
  const selected = choice ?? (receive?.listId != null && !listDeleted ? String(receive.listId) : '');

  const onEnable = async (): Promise<void> => {
    const arg = selected === CREATE_MASTER_LIST ? { createListName: MASTER_LIST_NAME } : { listId: Number(selected) };
    const fresh = await enable.run(arg);
    if (!fresh) return;
    replaceStatus(fresh);
    setChoice(null);
    if (selected === CREATE_MASTER_LIST) void refreshLists();
  };
  const onDisable = async (): Promise<void> => {
    const fresh = await disable.run({});
    if (fresh) replaceStatus(fresh);
  };
  const onFlatten = async (flattenMode: FlattenMode): Promise<void> => {
    const fresh = await setFlatten.run({ flattenMode });
    if (fresh) replaceStatus(fresh);
  };

  return (
    <section aria-labelledby="receive-heading" className="card">
      <h2 id="receive-heading">Receive data from Segment</h2>
      <p className="hint">
        Each identify() call becomes a Mailjet contact in the list you choose.{' '}
        {receiveSummary(receive, listDeleted)}
      </p>
      {listDeleted && receive?.problem && (
        <ProblemBanner title="Your contact list was deleted in Mailjet" problem={receive.problem}
          next="Pick another list below (or create the Segment Master List) and choose Enable receiving. Contacts waiting meanwhile will go there." />
      )}
      {!listDeleted && receive?.problem && <ProblemBanner title="Receiving has a problem" problem={receive.problem} />}
      {!credentialsReady && <p className="hint">Save valid Mailjet keys first to see your contact lists.</p>}
      <ContactListSelect lists={lists} value={selected} disabled={loadLists.busy} onChange={setChoice} />
      <div className="actions">
        <BusyButton busy={enable.busy} disabled={!selected} onClick={() => void onEnable()}>Enable receiving</BusyButton>
        <BusyButton busy={disable.busy} disabled={!receive?.enabled} onClick={() => void onDisable()}>Disable receiving</BusyButton>
      </div>
      <ErrorAlert error={loadLists.error ?? enable.error ?? disable.error} />
      <FlattenModeChoice value={receive?.flattenMode ?? 'documented'} busy={setFlatten.busy} onChange={(m) => void onFlatten(m)} />
      <ErrorAlert error={setFlatten.error} />
      <HistoryImport />
    </section>
  );
}

/** One sentence on where contacts go now; a deleted list means they wait, whatever the switch says. */
function receiveSummary(receive: ReceiveStatus | undefined, listDeleted: boolean): string {
  if (!receive?.enabled) return 'Receiving is off.';
  if (listDeleted) return 'Receiving is paused: contacts wait until you choose another list.';
  return `Receiving is on${receive.listName ? `, into “${receive.listName}”` : ''}.`;
}
