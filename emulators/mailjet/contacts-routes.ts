// managecontact (one contact, one list) and the read-back resources: contact, contactdata, getcontactslists.
// Errors on managecontact are immediate 400s naming the property; it never half-applies a contact.
import { applyContactAction, propertiesObject, readAction } from './contact-actions.js';
import { liveListOr404 } from './contact-list-routes.js';
import { checkProperties } from './property-values.js';
import { RestError, listResult, notFound, paginate, readBoolean, requireObject, type RestRoute } from './rest-shapes.js';
import type { ContactRow, MailjetStore } from './store.js';

function contactOr404(store: MailjetStore, ref: string | undefined): ContactRow {
  const contact = ref === undefined ? undefined : store.findContact(ref);
  if (contact === undefined) throw notFound();
  return contact;
}

function contactView(contact: ContactRow): Record<string, unknown> {
  return {
    ID: contact.ID,
    Email: contact.Email,
    Name: contact.Name,
    CreatedAt: contact.CreatedAt,
    IsExcludedFromCampaigns: contact.IsExcludedFromCampaigns,
    IsOptInPending: false,
    IsSpamComplaining: false,
    DeliveredCount: 0,
  };
}

function contactDataView(contact: ContactRow): Record<string, unknown> {
  return {
    ContactID: contact.ID,
    ID: contact.ID,
    Data: [...contact.Properties].map(([Name, Value]) => ({ Name, Value })),
  };
}

export const contactsRoutes: RestRoute[] = [
  {
    method: 'POST',
    path: 'contactslist/:id/managecontact',
    handle: ({ store, params, body }) => {
      const list = liveListOr404(store, params.id);
      const fields = requireObject(body);
      const action = readAction(fields.Action);
      const contact = applyContactAction(store, list, action, fields);
      return listResult([{ ContactID: contact.ID, Email: contact.Email, Name: contact.Name, Action: action, Properties: propertiesObject(contact) }], 1, 201);
    },
  },
  {
    method: 'GET',
    path: 'contact',
    handle: ({ store, query }) => {
      const { page, total } = paginate([...store.contacts.values()], query);
      return listResult(page.map(contactView), total);
    },
  },
  {
    method: 'GET',
    path: 'contact/:ref',
    handle: ({ store, params }) => listResult([contactView(contactOr404(store, params.ref))]),
  },
  {
    method: 'PUT',
    path: 'contact/:ref',
    handle: ({ store, params, body }) => {
      const contact = contactOr404(store, params.ref);
      const fields = requireObject(body);
      if (typeof fields.Name === 'string') contact.Name = fields.Name;
      const excluded = readBoolean(fields.IsExcludedFromCampaigns, 'IsExcludedFromCampaigns');
      if (excluded !== undefined) contact.IsExcludedFromCampaigns = excluded;
      return listResult([contactView(contact)]);
    },
  },
  {
    method: 'GET',
    path: 'contact/:ref/getcontactslists',
    handle: ({ store, params }) => {
      const contact = contactOr404(store, params.ref);
      const rows = [...contact.Lists.values()].map((m) => ({ ListID: m.ListID, IsUnsub: m.IsUnsub, IsActive: !m.IsUnsub, SubscribedAt: m.SubscribedAt }));
      return listResult(rows);
    },
  },
  {
    method: 'GET',
    path: 'contactdata/:ref',
    handle: ({ store, params }) => listResult([contactDataView(contactOr404(store, params.ref))]),
  },
  {
    method: 'PUT',
    path: 'contactdata/:ref',
    handle: ({ store, params, body }) => {
      const contact = contactOr404(store, params.ref);
      const data = requireObject(body).Data;
      if (!Array.isArray(data)) throw new RestError(400, 'Invalid value for Data', { Data: 'must be an array of {Name, Value}' });
      const asObject = Object.fromEntries(data.map((item) => [String(requireObject(item).Name), requireObject(item).Value]));
      for (const [name, value] of checkProperties(store, asObject)) {
        if (value === null) contact.Properties.delete(name);
        else contact.Properties.set(name, value);
      }
      return listResult([contactDataView(contact)]);
    },
  },
];
