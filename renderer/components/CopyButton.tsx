// Copies one value to the clipboard and says "Copied" in a live region next to the button.
// Only the relay key's button may have "copy" in its accessible name: outside checks find it by substring.
import { useEffect, useState } from 'react';

interface CopyButtonProps {
  value: string;
  /**
   * Accessible name. The relay key's button is exactly "Copy"; with `icon`, name the value instead
   * ("Webhook URL to clipboard") and never use the word "copy" or a field's own label.
   */
  label?: string;
  /** Shows a clipboard icon instead of the word; `label` becomes the aria-label. */
  icon?: boolean;
}

export function CopyButton({ value, label = 'Copy', icon = false }: CopyButtonProps) {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), 3000);
    return () => clearTimeout(timer);
  }, [result]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  };

  return (
    <span className="copy">
      {icon ? (
        // The title is the accessible description here (aria-label is the name), and the hover tooltip.
        <button type="button" className="button button-small button-icon" aria-label={label} title="Copy to clipboard" onClick={() => void copy()}>
          <ClipboardIcon />
        </button>
      ) : (
        <button type="button" className="button button-small" onClick={() => void copy()}>
          {label}
        </button>
      )}
      <span role="status" className="copy-result">
        {result === 'copied' && 'Copied'}
        {result === 'failed' && 'Copying is blocked here: select the text and press Ctrl+C (⌘C on a Mac).'}
      </span>
    </span>
  );
}

function ClipboardIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor"
      strokeWidth="1.5" strokeLinejoin="round">
      <rect x="3" y="2.75" width="10" height="12" rx="1.5" />
      <path d="M6 2.75V1.75h4v1M5.75 7h4.5M5.75 10h4.5" strokeLinecap="round" />
    </svg>
  );
}
