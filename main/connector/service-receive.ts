// Receive from Segment: which Mailjet contact list identify calls go to. Choosing a list (a new one
// after a deletion included) resumes the paused direction and drains the waiting contacts into it.
// Never deletes or renames a list.
import type { ConnectorArg, ContactList } from '../../shared/api';
import { findOrCreateList, listContactLists } from '../upstream/mailjet/contact-lists';
import { connectorErrors } from './service-errors';
import type { ServiceContext } from './service-context';

export function listLists(context: ServiceContext): Promise<ContactList[]> {
  return listContactLists(context.rest);
}

export async function enableReceive(context: ServiceContext, arg: ConnectorArg<'enableReceive'>): Promise<void> {
  const list = 'listId' in arg ? await findList(context, arg.listId) : await findOrCreateList(context.rest, arg.createListName);
  context.applySettings(context.settings.write({ receiveEnabled: true, listId: list.id, listName: list.name }));
  context.logger.info({ listId: list.id }, 'receiving from Segment into a Mailjet contact list');
}

export function disableReceive(context: ServiceContext): void {
  context.applySettings(context.settings.write({ receiveEnabled: false }));
  context.logger.info({}, 'receiving from Segment disabled');
}

async function findList(context: ServiceContext, listId: number): Promise<ContactList> {
  const list = (await listContactLists(context.rest)).find((candidate) => candidate.id === listId);
  if (list === undefined) throw connectorErrors.listNotFound(listId);
  return list;
}
