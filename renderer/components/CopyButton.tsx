// Copies one value to the clipboard and says "Copied" in a live region next to the button.
import { useEffect, useState } from 'react';

interface CopyButtonProps {
  value: string;
  /** Accessible name; the relay key's button is exactly "Copy". */
  label?: string;
}

export function CopyButton({ value, label = 'Copy' }: CopyButtonProps) {
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
      <button type="button" className="button button-small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-result">
        {result === 'copied' && 'Copied'}
        {result === 'failed' && 'Copying is blocked here: select the text and press Ctrl+C (⌘C on a Mac).'}
      </span>
    </span>
  );
}
