// A titled block of JSON or text with a copy button named after what it holds (never the word "copy":
// only the relay key's button may say it).
import { CopyButton } from './CopyButton';

interface CodeBlockProps {
  title: string;
  text: string;
  /** Accessible name of the copy button, e.g. "Request body to clipboard". */
  copyLabel: string;
  note?: string;
}

export function CodeBlock({ title, text, copyLabel, note }: CodeBlockProps) {
  return (
    <div className="code-block">
      <div className="code-title">
        <h4>{title}</h4>
        <CopyButton value={text} label={copyLabel} icon />
      </div>
      {note !== undefined && <p className="hint">{note}</p>}
      <pre className="json mono" tabIndex={0}>{text}</pre>
    </div>
  );
}
