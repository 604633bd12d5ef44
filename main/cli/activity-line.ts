// One line per item for `mjsc tail`, like `stripe listen`: time with its zone, direction, kind, status,
// email, id, attempts and the reason (or the fix, for a refused request). Pure.
import type { ActivityItem } from '../../shared/api';

export function formatActivityLine(item: ActivityItem): string {
  const attempts = item.attempts === 0 ? '' : `${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`;
  const why = item.status === 'refused' ? [item.reason, item.fix].filter(Boolean).join(' Fix: ') : item.reason;
  return [item.updatedAt, item.direction.padEnd(7), item.kind.padEnd(10), item.status.padEnd(9), item.email ?? '-', `#${item.id}`, attempts, why ?? '']
    .filter((part) => part !== '')
    .join('  ');
}
