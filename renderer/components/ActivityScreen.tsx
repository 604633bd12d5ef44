// The Activity screen: live counts, events per minute, and recent items with Retry. Polls while shown.
import { useCallback, useRef, useState } from 'react';
import type { Activity, ActivityQuery } from '../../shared/api';
import { toConnectorError } from '../connector-error';
import { useConnector } from '../hooks/use-connector';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { usePolling } from '../hooks/use-polling';
import { ActivityChart } from './ActivityChart';
import { ActivityCounts } from './ActivityCounts';
import { ActivityFilters } from './ActivityFilters';
import { ActivityTable } from './ActivityTable';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

export function ActivityScreen({ pollIntervalMs }: { pollIntervalMs: number }) {
  const connector = useConnector();
  const [query, setQuery] = useState<ActivityQuery>({ limit: 100 });
  const [activity, setActivity] = useState<Activity | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const retry = useConnectorMethod('retryFailed');
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const fresh = await connector.getActivity(query);
      // A filter change may land while an older request is still out; show only the newest answer.
      if (ticket === latest.current) setActivity(fresh);
      setLoadError(null);
    } catch (thrown) {
      setLoadError(toConnectorError(thrown).message);
    }
  }, [connector, query]);
  usePolling(load, pollIntervalMs, load);

  const onRetry = async (ids?: string[]): Promise<void> => {
    setNotice(null);
    if (ids) setRetrying((s) => new Set([...s, ...ids]));
    const result = await retry.run(ids ? { ids } : {});
    if (ids) setRetrying((s) => new Set([...s].filter((id) => !ids.includes(id))));
    if (!result) return;
    setNotice(`${result.retried} item${result.retried === 1 ? '' : 's'} queued again.`);
    await load();
  };

  const failed = activity ? activity.counts.receive.failed + activity.counts.send.failed : 0;

  return (
    <div className="screen">
      <section aria-labelledby="activity-heading" className="card">
        <h2 id="activity-heading">Activity</h2>
        <ErrorAlert error={loadError} />
        {activity && <ActivityCounts counts={activity.counts} />}
        {activity && <ActivityChart perMinute={activity.perMinute} />}
      </section>
      <section aria-labelledby="recent-heading" className="card">
        <h2 id="recent-heading">Recent items</h2>
        <ActivityFilters value={query} onChange={setQuery} />
        <div className="actions">
          <BusyButton busy={retry.busy && retrying.size === 0} disabled={failed === 0} onClick={() => void onRetry()}>
            Retry all failed
          </BusyButton>
          <span role="status">{notice}</span>
        </div>
        <ErrorAlert error={retry.error} />
        {activity && <ActivityTable items={activity.items} retrying={retrying} onRetry={(id) => void onRetry([id])} />}
      </section>
    </div>
  );
}
