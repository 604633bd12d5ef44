// The Activity screen: live counts, the chart, and items found by filters, search and paging, with
// Retry (only where it can help), Discard all failed, and one item opened in full. Polls while shown.
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
import { ChartPeriodSelect, CHART_PERIODS, type ChartPeriod } from './ChartPeriodSelect';
import { ErrorAlert } from './ErrorAlert';
import { ItemDetailsPanel } from './ItemDetailsPanel';
import type { PreviewDraft } from './PreviewScreen';

interface Snapshot {
  activity: Activity;
  /** When the answer arrived (ms): the chart ends with this minute. */
  readAt: number;
}

interface ActivityScreenProps {
  pollIntervalMs: number;
  /** The item open in "Item details" (from the address, #/activity/items/<id>). */
  openItemId?: string;
  onOpenItem?(id: string | undefined): void;
  onOpenInPreview?(draft: PreviewDraft): void;
}

function queuedAgain(retried: number): string {
  return `${retried} item${retried === 1 ? '' : 's'} queued again.`;
}

function discardedText(result: { discarded: number; byDirection: { receive: number; send: number } }): string {
  if (result.discarded === 0) return 'No failed items to discard.';
  return `Discarded ${result.discarded} failed item${result.discarded === 1 ? '' : 's'} (${result.byDirection.receive} Segment → Mailjet, ${result.byDirection.send} Mailjet → Segment).`;
}

export function ActivityScreen({ pollIntervalMs, openItemId, onOpenItem = () => undefined, onOpenInPreview = () => undefined }: ActivityScreenProps) {
  const connector = useConnector();
  const [query, setQuery] = useState<ActivityQuery>({ limit: 100 });
  const [pages, setPages] = useState<string[]>([]);
  const [period, setPeriod] = useState<ChartPeriod>(CHART_PERIODS[1]);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());
  const [rowError, setRowError] = useState<ConnectorError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const retryAll = useConnectorMethod('retryFailed');
  const discardAll = useConnectorMethod('discardItems');
  const latest = useRef(0);
  const inFlight = useRef(new Set<string>());
  const before = pages.at(-1);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const fresh = await connector.getActivity({ ...query, chartMinutes: period.minutes, ...(before === undefined ? {} : { before }) });
      // A filter change may land while an older request is still out; show only the newest answer.
      if (ticket === latest.current) setSnapshot({ activity: fresh, readAt: Date.now() });
      setLoadError(null);
    } catch (thrown) {
      setLoadError(toConnectorError(thrown).message);
    }
  }, [connector, query, before, period]);
  usePolling(load, pollIntervalMs, load);

  const onFilters = (next: ActivityQuery): void => {
    setPages([]);
    setQuery(next);
  };
  const onRetryAll = async (): Promise<void> => {
    setNotice(null);
    const result = await retryAll.run({});
    if (!result) return;
    setNotice(queuedAgain(result.retried));
    await load();
  };
  const onDiscardAll = async (): Promise<void> => {
    setNotice(null);
    const result = await discardAll.run({});
    if (!result) return;
    setNotice(discardedText(result));
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
  const nextBefore = activity?.nextBefore;

  return (
    <div className="screen">
      <section aria-labelledby="activity-heading" className="card">
        <h2 id="activity-heading">Activity</h2>
        <ErrorAlert error={loadError} />
        {activity && <ActivityCounts counts={activity.counts} />}
        <ChartPeriodSelect value={period} onChange={setPeriod} />
        {snapshot && (
          <ActivityChart perMinute={snapshot.activity.perMinute} problems={snapshot.activity.problemsPerMinute} now={snapshot.readAt}
            slotMinutes={period.slotMinutes} minutes={period.minutes} period={period.phrase} />
        )}
      </section>
      {openItemId !== undefined && (
        <ItemDetailsPanel key={openItemId} id={openItemId} pollIntervalMs={pollIntervalMs} onClose={() => onOpenItem(undefined)} onChanged={() => void load()} onOpenInPreview={onOpenInPreview} />
      )}
      <section aria-labelledby="recent-heading" className="card">
        <h2 id="recent-heading">Recent items</h2>
        <ActivityFilters value={query} onChange={onFilters} />
        <div className="actions">
          <BusyButton busy={retryAll.busy} disabled={failed === 0} onClick={() => void onRetryAll()}>
            Retry all failed
          </BusyButton>
          <BusyButton busy={discardAll.busy} disabled={failed === 0} onClick={() => void onDiscardAll()}>
            Discard all failed
          </BusyButton>
          <span role="status">{notice}</span>
        </div>
        <ErrorAlert error={retryAll.error ?? discardAll.error ?? rowError} />
        {activity && <ActivityTable items={activity.items} retrying={retrying} onRetry={(id) => void onRetryRow(id)} onDetails={(id) => onOpenItem(id)} />}
        <div className="actions">
          {pages.length > 0 && <button type="button" className="button" onClick={() => setPages([])}>Newest items</button>}
          {nextBefore !== undefined && <button type="button" className="button" onClick={() => setPages([...pages, nextBefore])}>Older items</button>}
          {pages.length > 0 && <span className="hint">Page {pages.length + 1}</span>}
        </div>
      </section>
    </div>
  );
}
