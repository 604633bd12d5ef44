// Queues a sample Mailjet event of a chosen type, so the Segment side can be checked without a tunnel.
import { useState } from 'react';
import { EVENT_CATALOG, type EventType } from '../../shared/event-catalog';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

export function TestEventForm() {
  const [eventType, setEventType] = useState<EventType>('open');
  const [queued, setQueued] = useState<number | null>(null);
  const send = useConnectorMethod('sendTestEvent');

  const onSend = async (): Promise<void> => {
    setQueued(null);
    const result = await send.run({ eventType });
    if (result) setQueued(result.queued);
  };

  return (
    <div className="field-row">
      <label htmlFor="test-event-type">Test event type</label>
      <select id="test-event-type" value={eventType} onChange={(e) => setEventType(e.target.value as EventType)}>
        {EVENT_CATALOG.map(({ type, label }) => <option key={type} value={type}>{label}</option>)}
      </select>
      <BusyButton busy={send.busy} onClick={() => void onSend()}>Send a test event</BusyButton>
      <span role="status">{queued !== null && `Queued ${queued} test event${queued === 1 ? '' : 's'}; watch it in Activity.`}</span>
      <ErrorAlert error={send.error} />
    </div>
  );
}
