// The Setup screen as steps in order: keys, a public URL (or the built-in tunnel), what to paste into
// Segment, then each direction. The numbering is the list's; headings keep their fixed names.
import { ConnectionInfoPanel } from './ConnectionInfoPanel';
import { KeysForm } from './KeysForm';
import { PublicUrlForm } from './PublicUrlForm';
import { ReceiveSection } from './ReceiveSection';
import { RelayPortSetting } from './RelayPortSetting';
import { SendSection } from './SendSection';

export function SetupScreen() {
  return (
    <>
      <ol className="screen steps" aria-label="Setup steps">
        <li><KeysForm /></li>
        <li><PublicUrlForm /></li>
        <li><ConnectionInfoPanel /></li>
        <li><ReceiveSection /></li>
        <li><SendSection /></li>
      </ol>
      {/* Desktop only (renders nothing in the web console): applies at the next start. */}
      <RelayPortSetting />
    </>
  );
}
