// A button that disables itself and says it is busy while its call runs; its accessible name never
// changes, because outside tests find buttons by those exact words.
import type { ComponentProps } from 'react';

interface BusyButtonProps extends ComponentProps<'button'> {
  busy: boolean;
}

export function BusyButton({ busy, disabled, children, className, type = 'button', ...rest }: BusyButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={className ?? 'button'}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
      {busy && <span className="spinner" aria-hidden="true" />}
    </button>
  );
}
