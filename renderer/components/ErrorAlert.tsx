// Shows a back-end error in a role="alert" so screen readers announce it; renders nothing without one.
import type { ConnectorError } from '../connector-error';

export function ErrorAlert({ error }: { error: ConnectorError | string | null | undefined }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <p role="alert" className="alert alert-error">
      {message}
    </p>
  );
}
