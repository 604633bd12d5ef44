// The operator's Mailjet contact lists: every page of them for the picker, and find-or-create by name
// for "Create and use a Segment Master List". Never deletes or renames a list.
import type { ContactList } from '../../../shared/api';
import { CodedError } from '../../errors/coded-error';
import { MailjetApiError } from './mailjet-api-error';
import type { MailjetRest } from './rest-core';

const RESOURCE = 'contactslist';

export const DEFAULT_LIST_NAME = 'Segment Master List';

interface ContactListRecord {
  ID: number;
  Name: string;
  IsDeleted?: boolean;
  SubscriberCount?: number;
}

export class ContactListError extends CodedError<'list_name_invalid' | 'list_create_failed'> {
  override readonly name = 'ContactListError';
}

/** One cheap authenticated call (the first list): checks a pair of keys before they are stored. */
export async function probeContactLists(rest: Pick<MailjetRest, 'request'>): Promise<void> {
  await rest.request('GET', RESOURCE, { query: { Limit: 1 } });
}

/** Every live list, past the first page of 10 (docs/mailjet-segment-contracts.md#requests-paging-and-errors). */
export async function listContactLists(rest: MailjetRest): Promise<ContactList[]> {
  const rows = await rest.listAll<ContactListRecord>(RESOURCE);
  return rows.filter((row) => row.IsDeleted !== true).map(toContactList);
}

/** Reuses the live list with exactly this name, else creates it; a concurrent create is reused too. */
export async function findOrCreateList(rest: MailjetRest, name: string): Promise<ContactList> {
  const wanted = name.trim();
  if (wanted === '') throw new ContactListError('list_name_invalid', 'The list name is empty. Type a name for the new contact list, or pick an existing list.');
  const existing = await findListByName(rest, wanted);
  if (existing) return existing;
  try {
    const created = await rest.request<{ Data?: ContactListRecord[] }>('POST', RESOURCE, { body: { Name: wanted } });
    const row = created?.Data?.[0];
    if (row) return toContactList(row);
  } catch (error) {
    // Mailjet list names are unique (MJ18): someone created it between our look-up and our POST.
    if (!(error instanceof MailjetApiError && error.isAlreadyExists)) throw error;
  }
  const raced = await findListByName(rest, wanted);
  if (raced) return raced;
  throw new ContactListError(
    'list_create_failed',
    `Mailjet did not create the contact list "${wanted}" and no live list has that name (a deleted list may still hold it). Pick an existing list or choose another name.`,
  );
}

async function findListByName(rest: MailjetRest, name: string): Promise<ContactList | undefined> {
  const lists = await listContactLists(rest);
  return lists.find((list) => list.name === name);
}

function toContactList(row: ContactListRecord): ContactList {
  return { id: Number(row.ID), name: row.Name, subscriberCount: Number(row.SubscriberCount ?? 0) };
}
