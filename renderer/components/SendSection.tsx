// "Send data to Segment": which Mailjet events become track calls, under which names, and on/off
// with the Keep/Replace choice when Mailjet already posts events to someone else.
import { useRef, useState } from 'react';
import type { CallbackRow, ConflictChoice, NamingPreset } from '../../shared/api';
import { DEFAULT_EVENT_SELECTION, type EventType } from '../../shared/event-catalog';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { useStatus } from '../hooks/use-status';
import { BusyButton } from './BusyButton';
import { ConflictDialog } from './ConflictDialog';
import { ErrorAlert } from './ErrorAlert';
import { EventCheckboxes } from './EventCheckboxes';
import { NamingPresetSelect } from './NamingPresetSelect';
import { ProblemBanner } from './ProblemBanner';
import { TestEventForm } from './TestEventForm';

export function SendSection() {
  const { status, replaceStatus } = useStatus();
  const [draft, setDraft] = useState<EventType[] | null>(null);
  const [conflicts, setConflicts] = useState<CallbackRow[] | null>(null);
  const [pendingChoice, setPendingChoice] = useState<'keep' | 'replace' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [restore, setRestore] = useState(true);
  const enableButton = useRef<HTMLButtonElement>(null);
  const saveEvents = useConnectorMethod('setEventSelection');
  const enable = useConnectorMethod('enableSend');
  const disable = useConnectorMethod('disableSend');
  const setPreset = useConnectorMethod('setOptions');
  const send = status?.send;
  const selected = draft ?? send?.events ?? [...DEFAULT_EVENT_SELECTION];
  const preset = send?.namingPreset ?? 'default';
  const sending = send?.enabled === true;
  const hasReplaced = (send?.replaced?.length ?? 0) > 0;

  const onSave = async (): Promise<void> => {
    const fresh = await saveEvents.run({ events: selected });
    if (!fresh) return;
    replaceStatus(fresh);
    setDraft(null);
    setNotice('Event selection saved.');
  };
  const onPreset = async (namingPreset: NamingPreset): Promise<void> => {
    const fresh = await setPreset.run({ namingPreset });
    if (fresh) replaceStatus(fresh);
  };
  const onEnable = async (onConflict: ConflictChoice): Promise<void> => {
    setNotice(null);
    const result = await enable.run({ events: selected, onConflict });
    setPendingChoice(null);
    if (!result) return;
    replaceStatus(result.status);
    setDraft(null);
    if (result.state === 'conflict') {
      setConflicts(result.conflicts ?? []);
      return;
    }
    setConflicts(null);
    setNotice(result.state === 'kept'
      ? 'You kept the existing endpoints, so sending stays off. Choose Enable sending again to replace them.'
      : 'Sending is on: Mailjet now posts the selected events to this relay.');
  };
  const choose = (choice: 'keep' | 'replace'): void => {
    setPendingChoice(choice);
    void onEnable(choice);
  };
  const onDisable = async (): Promise<void> => {
    setNotice(null);
    const restoring = restore && hasReplaced;
    const fresh = await disable.run({ restorePrevious: restoring });
    if (!fresh) return;
    replaceStatus(fresh);
    setNotice(restoring ? 'Sending is off; the endpoints we replaced are restored.' : 'Sending is off: Mailjet no longer posts events to this relay.');
  };

  return (
    <section aria-labelledby="send-heading" className="card">
      <h2 id="send-heading">Send data to Segment</h2>
      <p className="hint">
        Mailjet posts email events to this relay, which forwards them to Segment as track calls.{' '}
        {send?.enabled ? 'Sending is on.' : 'Sending is off.'}
      </p>
      {send?.problem && send.problem.code === 'conflict_kept' && <p className="note">{send.problem.message}</p>}
      {send?.problem && send.problem.code !== 'conflict_kept' && <ProblemBanner title="Sending has a problem" problem={send.problem} />}
      {send?.unreachable && !send.enabled && (
        <p className="alert alert-warning" id="send-unreachable"><strong>Before you enable sending:</strong> {send.unreachable.message}</p>
      )}
      <NamingPresetSelect value={preset} busy={setPreset.busy} onChange={(p) => void onPreset(p)} />
      <ErrorAlert error={setPreset.error} />
      <EventCheckboxes selected={selected} preset={preset} disabled={saveEvents.busy} onChange={setDraft} />
      <div className="actions">
        <BusyButton busy={saveEvents.busy} onClick={() => void onSave()}>Save events</BusyButton>
        <BusyButton ref={enableButton} busy={enable.busy && pendingChoice === null} disabled={enable.busy || selected.length === 0}
          className={sending ? 'button' : 'button button-primary'} onClick={() => void onEnable('ask')}>Enable sending</BusyButton>
        <BusyButton busy={disable.busy} disabled={!sending && !hasReplaced} className={sending ? 'button button-primary' : 'button'}
          onClick={() => void onDisable()}>Disable sending</BusyButton>
        {hasReplaced && (
          <span className="choice">
            <input type="checkbox" id="restore-endpoints" checked={restore} onChange={(e) => setRestore(e.target.checked)} />
            <label htmlFor="restore-endpoints">Restore the endpoints we replaced</label>
          </span>
        )}
      </div>
      {send?.replaced && send.replaced.length > 0 && (
        <p className="hint">Replaced endpoints kept for restoring: {send.replaced.map((r) => `${r.eventType} (${r.url})`).join(', ')}.</p>
      )}
      <p role="status">{notice}</p>
      <ErrorAlert error={saveEvents.error ?? (conflicts ? null : enable.error) ?? disable.error} />
      <TestEventForm />
      {conflicts && (
        <ConflictDialog conflicts={conflicts} busy={pendingChoice} error={enable.error} onKeep={() => choose('keep')}
          onReplace={() => choose('replace')} onClose={() => setConflicts(null)} returnFocusTo={enableButton} />
      )}
    </section>
  );
}
