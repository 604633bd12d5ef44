// Mailjet's contact property definitions (contactmetadata), loaded once with every page and kept in
// memory, plus the creation of missing ones before any contact uses them. It never deletes or
// retypes a definition: those belong to the Mailjet account's owner.
import type { MailjetDataType } from '../../shared/property-types';
import { createContactMetadata, listContactMetadata } from '../upstream/mailjet/contact-metadata';
import { MailjetApiError } from '../upstream/mailjet/mailjet-api-error';
import type { MailjetRest } from '../upstream/mailjet/rest-core';

export interface PropertyDefinitions {
  /** Static properties by name (the only ones managecontact can set); loaded on first use. */
  known(): Promise<ReadonlyMap<string, MailjetDataType>>;
  /** Drop the cache: the next known() reads Mailjet again ("Property not defined" means it is stale). */
  invalidate(): void;
  /**
   * Defines the properties not yet known, first type wins. Resolves to the ones Mailjet would not
   * take, by name with why; throws MailjetApiError when Mailjet itself is unreachable or refuses the keys.
   */
  create(wanted: ReadonlyArray<{ name: string; datatype: MailjetDataType }>): Promise<Map<string, string>>;
}

const DATA_TYPES: readonly string[] = ['str', 'int', 'float', 'bool', 'datetime'];

export function createPropertyDefinitions(rest: Pick<MailjetRest, 'request' | 'listAll'>): PropertyDefinitions {
  let loading: Promise<{ static: Map<string, MailjetDataType>; other: Set<string> }> | undefined;

  const load = (): Promise<{ static: Map<string, MailjetDataType>; other: Set<string> }> => {
    loading ??= listContactMetadata(rest).then(
      (rows) => {
        const definitions = { static: new Map<string, MailjetDataType>(), other: new Set<string>() };
        for (const row of rows) {
          if (typeof row.Name !== 'string') continue;
          if (row.NameSpace === 'static' && typeof row.Datatype === 'string' && DATA_TYPES.includes(row.Datatype)) {
            definitions.static.set(row.Name, row.Datatype as MailjetDataType);
          } else {
            definitions.other.add(row.Name);
          }
        }
        return definitions;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  return {
    known: async () => (await load()).static,
    invalidate() {
      loading = undefined;
    },
    async create(wanted) {
      const definitions = await load();
      const refused = new Map<string, string>();
      let stale = false;
      for (const { name, datatype } of wanted) {
        if (definitions.static.has(name) || refused.has(name)) continue;
        if (definitions.other.has(name)) {
          refused.set(name, `"${name}" is a historic (read-only) property in Mailjet; rename the trait or the property`);
          continue;
        }
        try {
          await createContactMetadata(rest, name, datatype);
          definitions.static.set(name, datatype);
        } catch (error) {
          if (!(error instanceof MailjetApiError) || error.retryable || error.kind !== 'http' || error.code === 'mailjet_credentials_invalid') throw error;
          // Someone else defined it meanwhile: read its real type back below.
          if (error.isAlreadyExists) stale = true;
          else refused.set(name, `Mailjet would not create the property "${name}": ${error.upstreamMessage ?? error.message}`);
        }
      }
      if (stale) loading = undefined;
      return refused;
    },
  };
}
