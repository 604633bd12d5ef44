// contactslist and contactmetadata: lists (unique Name) and contact property definitions (unique Name).
// Deleted lists: DELETE marks the row IsDeleted (Mailjet deletes softly). From then on every call naming
// the list by id (GET, PUT, DELETE, managecontact, managemanycontacts) answers 404 "Object not found",
// and GET contactslist leaves it out unless IsDeleted=true is asked for. The relay relies on that 404.
import { RestError, listResult, notFound, paginate, readBoolean, readId, requireObject, type RestRoute } from './rest-shapes.js';
import { datatypes, type ContactListRow, type Datatype, type MailjetStore, type PropertyRow } from './store.js';

const propertyName = /^[A-Za-z0-9_]+$/;

function liveListOr404(store: MailjetStore, rawId: string | undefined): ContactListRow {
  const list = store.liveList(readId(rawId));
  if (list === undefined) throw notFound();
  return list;
}

function readListName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new RestError(400, 'Missing or empty Name', { Name: 'is required' });
  return value;
}

function assertNameFree(store: MailjetStore, name: string, exceptId?: number): void {
  for (const list of store.lists.values()) {
    if (!list.IsDeleted && list.Name === name && list.ID !== exceptId) {
      throw new RestError(400, `MJ18 A ContactsList resource with value "${name}" for Name already exists.`, { Name: 'already exists' });
    }
  }
}

export function defineProperty(store: MailjetStore, input: unknown): PropertyRow {
  const fields = requireObject(input);
  const name = fields.Name;
  if (typeof name !== 'string' || !propertyName.test(name)) {
    throw new RestError(400, `Invalid property name: ${JSON.stringify(name)}`, { Name: 'letters, digits and underscores only' });
  }
  const datatype = fields.Datatype;
  if (typeof datatype !== 'string' || !(datatypes as readonly string[]).includes(datatype)) {
    throw new RestError(400, `Invalid value for Datatype: ${JSON.stringify(datatype)}`, { Datatype: `must be one of ${datatypes.join(', ')}` });
  }
  const namespace = fields.NameSpace ?? 'static';
  if (namespace !== 'static' && namespace !== 'historic') {
    throw new RestError(400, `Invalid value for NameSpace: ${JSON.stringify(namespace)}`, { NameSpace: 'must be static or historic' });
  }
  if (store.properties.has(name)) {
    throw new RestError(400, `MJ18 A ContactMetaData resource with value "${name}" for Name already exists.`, { Name: 'already exists' });
  }
  const row: PropertyRow = { ID: store.nextId('property'), Name: name, Datatype: datatype as Datatype, NameSpace: namespace };
  store.properties.set(name, row);
  return row;
}

export const contactListRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: 'contactslist',
    handle: ({ store, query }) => {
      const showDeleted = readBoolean(query.IsDeleted, 'IsDeleted') ?? false;
      const rows = [...store.lists.values()]
        .filter((list) => list.IsDeleted === showDeleted)
        .filter((list) => query.Name === undefined || list.Name === query.Name);
      const { page, total } = paginate(rows, query);
      return listResult(page.map((list) => store.listView(list)), total);
    },
  },
  {
    method: 'POST',
    path: 'contactslist',
    handle: ({ store, body }) => {
      const fields = requireObject(body);
      const name = readListName(fields.Name);
      assertNameFree(store, name);
      return listResult([store.listView(store.createList(name, typeof fields.Address === 'string' ? fields.Address : ''))], 1, 201);
    },
  },
  {
    method: 'GET',
    path: 'contactslist/:id',
    handle: ({ store, params }) => listResult([store.listView(liveListOr404(store, params.id))]),
  },
  {
    method: 'PUT',
    path: 'contactslist/:id',
    handle: ({ store, params, body }) => {
      const list = liveListOr404(store, params.id);
      const fields = requireObject(body);
      // PUT behaves like PATCH: absent fields keep their values.
      if (fields.Name !== undefined) {
        const name = readListName(fields.Name);
        assertNameFree(store, name, list.ID);
        list.Name = name;
      }
      if (typeof fields.Address === 'string') list.Address = fields.Address;
      return listResult([store.listView(list)]);
    },
  },
  {
    method: 'DELETE',
    path: 'contactslist/:id',
    handle: ({ store, params }) => {
      liveListOr404(store, params.id).IsDeleted = true;
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: 'contactmetadata',
    handle: ({ store, query }) => {
      const { page, total } = paginate([...store.properties.values()], query);
      return listResult(page, total);
    },
  },
  {
    method: 'GET',
    path: 'contactmetadata/:id',
    handle: ({ store, params }) => {
      const ref = params.id ?? '';
      const row = [...store.properties.values()].find((property) => String(property.ID) === ref || property.Name === ref);
      if (row === undefined) throw notFound();
      return listResult([row]);
    },
  },
  {
    method: 'POST',
    path: 'contactmetadata',
    handle: ({ store, body }) => listResult([defineProperty(store, body)], 1, 201),
  },
];

export { liveListOr404 };
