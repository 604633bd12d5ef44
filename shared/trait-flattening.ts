// Flattens Segment identify traits into flat, scalar Mailjet property values (docs/architecture.md#identify-to-contact).
// Never throws and never emits a nested value: whatever cannot be stored is reported as dropped.
import type { DroppedTrait } from './identify-to-contact';
import { sanitizePropertyName } from './property-names';
import type { PropertyValue } from './property-types';

/** `documented`: what Mailjet's own connector does. `deep`: any depth, arrays of scalars joined. */
export type FlattenMode = 'documented' | 'deep';

export interface FlatTrait {
  /** Sanitized Mailjet property name, e.g. "location_latitude". */
  name: string;
  /** Dotted trait path it came from, e.g. "location.latitude". */
  path: string;
  value: PropertyValue;
}

export interface FlattenResult {
  values: FlatTrait[];
  dropped: DroppedTrait[];
}

/** Bounds recursion on hostile input; no real trait is nested this deep. */
export const MAX_TRAIT_DEPTH = 32;

type Scalar = PropertyValue;
type PlainObject = Record<string, unknown>;

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // Another realm's Object.prototype (a Segment Function's sandbox) is not ours, but it is the
  // last link of its chain just the same: accept any object whose prototype's prototype is null.
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Why a value that is neither a scalar, null, an array nor a plain object cannot be stored. */
function unsupportedReason(value: unknown): string {
  if (typeof value === 'number') return 'not a finite number';
  return `unsupported value type (${typeof value === 'object' ? 'non-JSON object' : typeof value})`;
}

interface Collector {
  values: FlatTrait[];
  dropped: DroppedTrait[];
  /** Property name -> trait path that claimed it first. */
  claimed: Map<string, string>;
}

function emit(out: Collector, nameParts: string[], path: string, value: Scalar): void {
  const name = sanitizePropertyName(nameParts.join('_'));
  if (name === '') {
    out.dropped.push({ path, reason: 'empty trait name: Mailjet properties need a name' });
    return;
  }
  const owner = out.claimed.get(name);
  if (owner !== undefined) {
    out.dropped.push({ path, reason: `property name "${name}" is already used by trait "${owner}"` });
    return;
  }
  out.claimed.set(name, path);
  out.values.push({ name, path, value });
}

// Always joined, even under an empty key: "" then "a" is ".a", so the path still names its leaf.
function joinPath(parent: string, key: string): string {
  return `${parent}.${key}`;
}

/** Documented mode: scalars, and one-level objects of scalars as `<key>_<subkey>`; the rest is dropped. */
function flattenDocumented(out: Collector, key: string, value: unknown): void {
  if (value === null) return void out.dropped.push({ path: key, reason: 'null value' });
  if (isScalar(value)) return emit(out, [key], key, value);
  if (Array.isArray(value)) {
    return void out.dropped.push({ path: key, reason: 'arrays are not stored (use deep flattening to join them)' });
  }
  if (!isPlainObject(value)) return void out.dropped.push({ path: key, reason: unsupportedReason(value) });
  const entries = Object.entries(value);
  if (entries.some(([, sub]) => Array.isArray(sub) || (typeof sub === 'object' && sub !== null))) {
    // Mailjet drops such an object whole, `city` included, so the documented mode does too.
    out.dropped.push({ path: key, reason: 'object holds a nested object or array, so it is dropped whole (use deep flattening to keep it)' });
    return;
  }
  for (const [subKey, sub] of entries) {
    const path = joinPath(key, subKey);
    if (sub === null) out.dropped.push({ path, reason: 'null value' });
    else if (isScalar(sub)) emit(out, [key, subKey], path, sub);
    else out.dropped.push({ path, reason: unsupportedReason(sub) });
  }
}

/** Deep mode: objects at any depth, arrays of scalars joined with ", ". */
function flattenDeep(out: Collector, nameParts: string[], path: string, value: unknown, depth: number): void {
  if (value === null) return void out.dropped.push({ path, reason: 'null value' });
  if (isScalar(value)) return emit(out, nameParts, path, value);
  if (depth > MAX_TRAIT_DEPTH && (Array.isArray(value) || isPlainObject(value))) {
    return void out.dropped.push({ path, reason: `nested deeper than ${MAX_TRAIT_DEPTH} levels` });
  }
  if (Array.isArray(value)) return flattenArray(out, nameParts, path, value);
  if (!isPlainObject(value)) return void out.dropped.push({ path, reason: unsupportedReason(value) });
  for (const [key, sub] of Object.entries(value)) {
    flattenDeep(out, [...nameParts, key], joinPath(path, key), sub, depth + 1);
  }
}

function flattenArray(out: Collector, nameParts: string[], path: string, items: unknown[]): void {
  if (items.some((item) => item !== null && !isScalar(item))) {
    out.dropped.push({ path, reason: 'array holds objects, arrays or unsupported values, so it is dropped whole' });
    return;
  }
  items.forEach((item, index) => {
    if (item === null) out.dropped.push({ path: joinPath(path, String(index)), reason: 'null value' });
  });
  const joined = items.filter(isScalar).map(String).join(', ');
  emit(out, nameParts, path, joined);
}

/**
 * Flattens traits into scalar property values. Names are sanitized; when two traits end up with the
 * same name the first one (in trait order) wins and the later one is reported as dropped.
 */
export function flattenTraits(traits: Record<string, unknown>, mode: FlattenMode): FlattenResult {
  const out: Collector = { values: [], dropped: [], claimed: new Map() };
  for (const [key, value] of Object.entries(traits)) {
    if (mode === 'deep') flattenDeep(out, [key], key, value, 1);
    else flattenDocumented(out, key, value);
  }
  return { values: out.values, dropped: out.dropped };
}
