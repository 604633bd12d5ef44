// One contact's managecontact action on one list, shared by the single call and the bulk job.
// Validation happens before any change, so a rejected contact leaves the account untouched.
import { checkProperties } from './property-values.js';
import { RestError, requireObject } from './rest-shapes.js';
import type { ContactAction, ContactListRow, ContactRow, MailjetStore } from './store.js';

export const contactActions: readonly ContactAction[] = ['addforce', 'addnoforce', 'remove', 'unsub'];
const plausibleEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readAction(value: unknown): ContactAction {
  if (typeof value === 'string' && (contactActions as readonly string[]).includes(value)) return value as ContactAction;
  throw new RestError(400, `Invalid value for Action: ${JSON.stringify(value)}`, { Action: `must be one of ${contactActions.join(', ')}` });
}

export function applyContactAction(store: MailjetStore, list: ContactListRow, action: ContactAction, input: unknown): ContactRow {
  const fields = requireObject(input);
  const email = fields.Email;
  if (typeof email !== 'string' || !plausibleEmail.test(email)) {
    throw new RestError(400, `Invalid email address: ${JSON.stringify(email)}`, { Email: 'is not a valid email address' });
  }
  const name = typeof fields.Name === 'string' ? fields.Name : undefined;
  const values = checkProperties(store, fields.Properties);
  const contact = store.upsertContact(email, name);
  if (fields.IsExcludedFromCampaigns === true) contact.IsExcludedFromCampaigns = true;
  for (const [property, value] of values) {
    if (value === null) contact.Properties.delete(property);
    else contact.Properties.set(property, value);
  }
  const membership = contact.Lists.get(list.ID);
  switch (action) {
    case 'addforce':
      contact.Lists.set(list.ID, { ListID: list.ID, IsUnsub: false, SubscribedAt: store.timestamp() });
      break;
    case 'addnoforce':
      // Keeps an existing subscription status, including an unsubscribe.
      if (membership === undefined) contact.Lists.set(list.ID, { ListID: list.ID, IsUnsub: false, SubscribedAt: store.timestamp() });
      break;
    case 'remove':
      contact.Lists.delete(list.ID);
      break;
    case 'unsub':
      contact.Lists.set(list.ID, { ListID: list.ID, IsUnsub: true, SubscribedAt: membership?.SubscribedAt ?? store.timestamp() });
      break;
  }
  return contact;
}

export function propertiesObject(contact: ContactRow): Record<string, string> {
  return Object.fromEntries(contact.Properties);
}
