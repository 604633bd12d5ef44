// What an identify call would become in Mailjet: the contact, its properties, and what was dropped and why.
import type { IdentifyPreview } from '../../shared/api';

export function IdentifyPreviewResult({ preview }: { preview: IdentifyPreview }) {
  const properties = Object.entries(preview.properties);
  return (
    <section aria-labelledby="identify-result-heading" className="card">
      <h2 id="identify-result-heading">Mailjet contact</h2>
      {preview.email === null ? (
        <p role="alert" className="alert alert-warning">
          This contact would be skipped: {preview.skippedReason ?? 'the payload has no valid email in traits.email.'}
        </p>
      ) : (
        <p>Email <strong>{preview.email}</strong>{preview.name && <>, name <strong>{preview.name}</strong></>}.</p>
      )}
      {properties.length > 0 && (
        <table className="table">
          <caption>Contact properties</caption>
          <thead><tr><th scope="col">Property</th><th scope="col">Value</th></tr></thead>
          <tbody>
            {properties.map(([name, value]) => (
              <tr key={name}><td className="mono">{name}</td><td>{String(value)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Dropped traits</h3>
      {preview.dropped.length === 0 ? (
        <p className="hint">Nothing is dropped.</p>
      ) : (
        <ul className="dropped">
          {preview.dropped.map((d) => (
            <li key={d.path}><code>{d.path}</code>: {d.reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
