// The "Contact list" dropdown: the account's lists with their size, plus creating a master list.
import type { ContactList } from '../../shared/api';

export const CREATE_MASTER_LIST = 'create-master-list';
export const MASTER_LIST_NAME = 'Segment Master List';

interface ContactListSelectProps {
  lists: ContactList[];
  value: string;
  disabled: boolean;
  onChange(value: string): void;
}

export function ContactListSelect({ lists, value, disabled, onChange }: ContactListSelectProps) {
  return (
    <div className="field">
      <label htmlFor="contact-list">Contact list</label>
      <select id="contact-list" value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a list…</option>
        {lists.map((list) => (
          <option key={list.id} value={String(list.id)}>
            {list.name} ({list.subscriberCount.toLocaleString('en')} {list.subscriberCount === 1 ? 'contact' : 'contacts'})
          </option>
        ))}
        <option value={CREATE_MASTER_LIST}>Create and use a {MASTER_LIST_NAME}</option>
      </select>
    </div>
  );
}
