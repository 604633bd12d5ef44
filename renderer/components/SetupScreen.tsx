// The Setup screen: keys, what to paste where, the public URL, and both directions.
import { ConnectionInfoPanel } from './ConnectionInfoPanel';
import { KeysForm } from './KeysForm';
import { PublicUrlForm } from './PublicUrlForm';
import { ReceiveSection } from './ReceiveSection';
import { RelayPortSetting } from './RelayPortSetting';
import { SendSection } from './SendSection';

export function SetupScreen() {
  return (
    <div className="screen">
      <KeysForm />
      <ConnectionInfoPanel />
      <ReceiveSection />
      <SendSection />
      <PublicUrlForm />
      <RelayPortSetting />
    </div>
  );
}
