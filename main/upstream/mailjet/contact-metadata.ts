// Mailjet's contact properties (contactmetadata): list every definition and define a new static one.
// Which traits need a definition is decided in main/workers (property-definitions.ts).
import type { MailjetRest } from './rest-core';

const RESOURCE = 'contactmetadata';

/** One contactmetadata row; fields are unchecked until the caller reads them. */
export interface MetadataRow {
  Name?: unknown;
  Datatype?: unknown;
  NameSpace?: unknown;
}

export function listContactMetadata(rest: Pick<MailjetRest, 'listAll'>): Promise<MetadataRow[]> {
  return rest.listAll<MetadataRow>(RESOURCE);
}

/** Defines a static property; Mailjet answers MJ18 when the name exists already. */
export async function createContactMetadata(rest: Pick<MailjetRest, 'request'>, name: string, datatype: string): Promise<void> {
  await rest.request('POST', RESOURCE, { body: { Name: name, Datatype: datatype, NameSpace: 'static' } });
}
