// Checks contact property values against their contactmetadata definitions, as strictly as Mailjet does.
// It never creates a property: an undefined one is an error ("Property not defined"), never a silent add.
import { RestError } from './rest-shapes.js';
import type { Datatype, MailjetStore } from './store.js';

const isoDateTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const integerText = /^-?\d+$/;
const floatText = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// Mailjet's own examples send every value as a string, so canonical strings are accepted for typed
// properties. Numbers are not accepted for `str` (unconfirmed on Mailjet): strict, so that a relay
// that forgets to coerce is caught here rather than in production.
function readValue(datatype: Datatype, value: unknown): string | undefined {
  switch (datatype) {
    case 'str':
      return typeof value === 'string' ? value : undefined;
    case 'int':
      if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
      return typeof value === 'string' && integerText.test(value) ? value : undefined;
    case 'float':
      if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
      return typeof value === 'string' && floatText.test(value) ? value : undefined;
    case 'bool':
      if (typeof value === 'boolean') return String(value);
      return value === 'true' || value === 'false' ? value : undefined;
    case 'datetime':
      return typeof value === 'string' && isoDateTime.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
  }
}

/**
 * Validates `Properties` into the string values Mailjet stores; `null` or "" clears a value.
 * A JSON *string* for Properties is silently ignored, as on Mailjet: that is how peers lost every property.
 */
export function checkProperties(store: MailjetStore, properties: unknown): Map<string, string | null> {
  const values = new Map<string, string | null>();
  if (properties === undefined || properties === null || typeof properties === 'string') return values;
  if (typeof properties !== 'object' || Array.isArray(properties)) {
    throw new RestError(400, 'Invalid value for Properties', { Properties: 'must be an object' });
  }
  for (const [name, value] of Object.entries(properties)) {
    const definition = store.properties.get(name);
    if (definition === undefined) {
      throw new RestError(400, `Property not defined: "${name}"`, { [name]: 'Property not defined' });
    }
    if (definition.NameSpace !== 'static') {
      throw new RestError(400, `Property "${name}" is not a static property`, { [name]: 'Only static properties can be set' });
    }
    if (value === null || value === '') {
      values.set(name, null);
      continue;
    }
    const stored = readValue(definition.Datatype, value);
    if (stored === undefined) {
      throw new RestError(400, `Invalid value for property "${name}" of type ${definition.Datatype}`, {
        [name]: `Value ${JSON.stringify(value)} does not match datatype ${definition.Datatype}`,
      });
    }
    values.set(name, stored);
  }
  return values;
}
