// Mailjet's contact property definitions (contactmetadata), loaded once with every page and kept in
// memory, plus the creation of missing ones before any contact uses them. It never deletes or
// retypes a definition: those belong to the Mailjet account's owner.
import pLimit from 'p-limit';
import type { MailjetDataType } from '../../shared/property-types';
import { createContactMetadata, listContactMetadata } from '../upstream/mailjet/contact-metadata';
import { MailjetApiError } from '../upstream/mailjet/mailjet-api-error';
import type { MailjetRest } from '../upstream/mailjet/rest-core';
import { DEFAULT_PROPERTY_CAPS, dailyCapReason, type DailyPropertyBudget, type PropertyCaps } from './property-caps';

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

export interface PropertyCreationLimits {
  caps: () => PropertyCaps;
  /** Today's creations; without one only the concurrency applies (a preview never creates). */
  budget?: DailyPropertyBudget;
}

export function createPropertyDefinitions(rest: Pick<MailjetRest, 'request' | 'listAll'>, limits: PropertyCreationLimits = { caps: () => DEFAULT_PROPERTY_CAPS }): PropertyDefinitions {
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
      const missing: Array<{ name: string; datatype: MailjetDataType }> = [];
      for (const property of wanted) {
        const { name } = property;
        if (definitions.static.has(name) || refused.has(name) || missing.some((other) => other.name === name)) continue;
        if (definitions.other.has(name)) {
          refused.set(name, `"${name}" is a historic (read-only) property in Mailjet; rename the trait or the property`);
          continue;
        }
        missing.push(property);
      }
      const caps = limits.caps();
      const granted = limits.budget === undefined ? missing.length : limits.budget.take(missing.length);
      for (const { name } of missing.slice(granted)) refused.set(name, `property "${name}": ${dailyCapReason(caps.perDay)}`);
      // Bounded parallel creation: one slow contactmetadata call no longer holds up every other contact.
      const limit = pLimit(caps.concurrency);
      let stale = false;
      let notCreated = 0;
      const results = await Promise.allSettled(missing.slice(0, granted).map(({ name, datatype }) => limit(async () => {
        try {
          await createContactMetadata(rest, name, datatype);
          definitions.static.set(name, datatype);
        } catch (error) {
          notCreated += 1;
          if (!(error instanceof MailjetApiError) || error.retryable || error.kind !== 'http' || error.code === 'mailjet_credentials_invalid') throw error;
          // Someone else defined it meanwhile: read its real type back below.
          if (error.isAlreadyExists) stale = true;
          else refused.set(name, `Mailjet would not create the property "${name}": ${error.upstreamMessage ?? error.message}`);
        }
      })));
      limits.budget?.giveBack(notCreated);
      if (stale) loading = undefined;
      const thrown = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (thrown !== undefined) throw thrown.reason;
      return refused;
    },
  };
}
