// The Activity screen: live counts, events per minute, and recent items with Retry. Polls while shown.
// Each row's Retry is its own call with its own busy state, so a quick second click is never dropped.
import { useCallback, useRef, useState } from 'react';
import type { Activity, ActivityQuery } from '../../shared/api';
import { toConnectorError, type ConnectorError } from '../connector-error';
import { useConnector } from '../hooks/use-connector';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { usePolling } from '../hooks/use-polling';
import { ActivityChart } from './ActivityChart';
import { ActivityCounts } from './ActivityCounts';
import { ActivityFilters } from './ActivityFilters';
import { ActivityTable } from './ActivityTable';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

interface Snapshot {
  activity: Activity;
  /** When the answer arrived (ms): the chart's hour ends with this minute. */
  readAt: number;
}

function queuedAgain(retried: number): string {
  return `${retried} item${retried === 1 ? '' : 's'} queued again.`;
}

export function ActivityScreen({ pollIntervalMs }: { pollIntervalMs: number }) {
  const connector = useConnector();
  const [query, setQuery] = useState<ActivityQuery>({ limit: 100 });
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());
  const [rowError, setRowError] = useState<ConnectorError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const retryAll = useConnectorMethod('retryFailed');
  const latest = useRef(0);
  const inFlight = useRef(new Set<string>());

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const fresh = await connector.getActivity(query);
      // A filter change may land while an older request is still out; show only the newest answer.
      if (ticket === latest.current) setSnapshot({ activity: fresh, readAt: Date.now() });
      setLoadError(null);
    } catch (thrown) {
      setLoadError(toConnectorError(thrown).message);
    }
  }, [connector, query]);
  usePolling(load, pollIntervalMs, load);

  const onRetryAll = async (): Promise<void> => {
    setNotice(null);
    const result = await retryAll.run({});
    if (!result) return;
    setNotice(queuedAgain(result.retried));
    await load();
  };

  const onRetryRow = async (id: string): Promise<void> => {
    if (inFlight.current.has(id)) return;
    inFlight.current.add(id);
    setRetrying(new Set(inFlight.current));
    setNotice(null);
    setRowError(null);
    try {
      const result = await connector.retryFailed({ ids: [id] });
      setNotice(queuedAgain(result.retried));
    } catch (thrown) {
      setRowError(toConnectorError(thrown));
    } finally {
      inFlight.current.delete(id);
      setRetrying(new Set(inFlight.current));
    }
    await load();
  };

  const activity = snapshot?.activity;
  const failed = activity ? activity.counts.receive.failed + activity.counts.send.failed : 0;

  return (
    <div className="screen">
      <section aria-labelledby="activity-heading" className="card">
        <h2 id="activity-heading">Activity</h2>
        <ErrorAlert error={loadError} />
        {activity && <ActivityCounts counts={activity.counts} />}
        {snapshot && <ActivityChart perMinute={snapshot.activity.perMinute} now={snapshot.readAt} />}
      </section>
      <section aria-labelledby="recent-heading" className="card">
        <h2 id="recent-heading">Recent items</h2>
        <ActivityFilters value={query} onChange={setQuery} />
        <div className="actions">
          <BusyButton busy={retryAll.busy} disabled={failed === 0} onClick={() => void onRetryAll()}>
            Retry all failed
          </BusyButton>
          <span role="status">{notice}</span>
        </div>
        <ErrorAlert error={retryAll.error ?? rowError} />
        {activity && <ActivityTable items={activity.items} retrying={retrying} onRetry={(id) => void onRetryRow(id)} />}
      </section>
    </div>
  );
}
