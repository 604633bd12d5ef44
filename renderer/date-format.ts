// Dates as Activity and the inspector show them: day, 24-hour time and the time zone, so a row read
// tomorrow or by a colleague elsewhere still says when. Pure apart from the browser's locale.
const WITH_ZONE = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
});

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : WITH_ZONE.format(date);
}

/** A `datetime-local` input's value (local time, no zone) as an ISO instant, or undefined when empty. */
export function localInputToIso(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
