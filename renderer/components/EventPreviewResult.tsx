// What Mailjet events would become in Segment: the track calls, and the items refused or filtered out.
import type { EventPreview } from '../../shared/api';

export function EventPreviewResult({ preview }: { preview: EventPreview }) {
  return (
    <section aria-labelledby="event-result-heading" className="card">
      <h2 id="event-result-heading">Segment track calls</h2>
      {preview.calls.length === 0 ? (
        <p className="hint">No track call would be sent.</p>
      ) : (
        <>
          <ul>
            {preview.calls.map((call) => (
              <li key={call.messageId}><strong>{call.event}</strong> for {call.userId ?? call.anonymousId}</li>
            ))}
          </ul>
          <pre className="json" tabIndex={0} aria-label="Track calls as JSON">{JSON.stringify(preview.calls, null, 2)}</pre>
        </>
      )}
      {preview.rejected.length > 0 && (
        <>
          <h3>Rejected</h3>
          <ul>{preview.rejected.map((r) => <li key={r.index}>Item {r.index + 1}: {r.reason}</li>)}</ul>
        </>
      )}
      {preview.filtered.length > 0 && (
        <>
          <h3>Filtered out</h3>
          <ul>
            {preview.filtered.map((f) => (
              <li key={f.index}>Item {f.index + 1} ({f.eventType}): not selected under Send data to Segment, so it is acknowledged but not forwarded.</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
