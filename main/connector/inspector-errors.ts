// Errors of the inspector's methods, each with a stable code, its HTTP status and what to do next.
import { ConnectorError } from './service-errors';

export const inspectorErrors = {
  itemNotFound: (id: string) =>
    new ConnectorError('item_not_found', `No item ${id.slice(0, 32)} is kept (settled items leave after 7 days, refused requests after the newest 1,000). Reload Activity and pick another item.`),
};
