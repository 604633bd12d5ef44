// Mailjet contact property data types: inference from a first value and lossless coercion into an
// existing property's type (docs/architecture.md#identify-to-contact). Must never guess: a lossy fit is refused.

export type MailjetDataType = 'str' | 'int' | 'float' | 'bool' | 'datetime';
export type PropertyValue = string | number | boolean;

export type Coercion = { ok: true; value: PropertyValue } | { ok: false; reason: string };

// ISO-8601 date-time: a date, a `T`, hours and minutes, optional seconds and fraction, optional zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** True for an ISO-8601 date-time with real calendar and clock values, e.g. "2024-02-29T13:05:00Z". */
export function isIsoDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second = 0, zoneHour = 0, zoneMinute = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return false;
  if (!isCalendarDate(year, month, day)) return false;
  return (hour ?? 0) < 24 && (minute ?? 0) < 60 && second < 60 && zoneHour < 24 && zoneMinute < 60;
}

export function inferDataType(value: PropertyValue): MailjetDataType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'int' : 'float';
  return isIsoDateTime(value) ? 'datetime' : 'str';
}

/** Canonical (sign, significant digits, exponent) of a decimal string, so "3.10" and "3.1" compare equal. */
function canonicalDecimal(text: string): string | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = m;
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  const trimmed = digits.replace(/0+$/, '');
  // Value = 0.<digits> × 10^(exp); leading zeros removed from whole+fraction shift the point left.
  const leadingZeros = (whole + fraction).length - digits.length;
  const pointPosition = whole.length - leadingZeros + Number(exponent);
  return `${sign}0.${trimmed}e${pointPosition}`;
}

function coerceToInt(value: PropertyValue): Coercion {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? { ok: true, value }
      : { ok: false, reason: `${value} is not a whole number within ±2^53` };
  }
  if (typeof value === 'string' && INTEGER.test(value) && value !== '-0') {
    const parsed = Number(value);
    if (Number.isSafeInteger(parsed)) return { ok: true, value: parsed };
    return { ok: false, reason: 'the number is beyond ±2^53 and would lose digits as an int' };
  }
  return { ok: false, reason: `${describe(value)} is not a whole number` };
}

function coerceToFloat(value: PropertyValue): Coercion {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'not a finite number' };
  }
  if (typeof value === 'string') {
    const parsed = Number(value);
    const exact = canonicalDecimal(value);
    if (exact !== null && Number.isFinite(parsed) && exact === canonicalDecimal(String(parsed))) {
      return { ok: true, value: parsed };
    }
    if (exact !== null) return { ok: false, reason: 'the number has more digits than a float keeps' };
  }
  return { ok: false, reason: `${describe(value)} is not a number` };
}

function coerceToBool(value: PropertyValue): Coercion {
  if (typeof value === 'boolean') return { ok: true, value };
  if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
  // 1/0 and "yes"/"no" are conventions, not facts: refuse rather than guess.
  return { ok: false, reason: `${describe(value)} is not true or false` };
}

function coerceToDateTime(value: PropertyValue): Coercion {
  if (typeof value === 'string' && isIsoDateTime(value)) return { ok: true, value };
  const date = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (date && isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    // A calendar date is exactly midnight UTC of that day: nothing is lost by spelling it out.
    return { ok: true, value: `${value}T00:00:00Z` };
  }
  // Epoch numbers are refused: seconds or milliseconds cannot be told apart for sure.
  return { ok: false, reason: `${describe(value)} is not an ISO-8601 date-time` };
}

function describe(value: PropertyValue): string {
  if (typeof value === 'string') return value.length > 40 ? 'the text' : JSON.stringify(value);
  return String(value);
}

/** Fits `value` into a property of `type` only when nothing is lost; otherwise says why not. */
export function coerceToDataType(value: PropertyValue, type: MailjetDataType): Coercion {
  switch (type) {
    case 'str':
      // String(number) is the shortest text that parses back to the same number: lossless.
      return { ok: true, value: typeof value === 'string' ? value : String(value) };
    case 'int':
      return coerceToInt(value);
    case 'float':
      return coerceToFloat(value);
    case 'bool':
      return coerceToBool(value);
    case 'datetime':
      return coerceToDateTime(value);
  }
}
