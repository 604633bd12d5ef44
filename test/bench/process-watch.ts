// What a scenario's measured part cost the bench process, where the relay engine runs: event-loop delay
// (perf_hooks.monitorEventLoopDelay, max and p99) and peak RSS sampled at a fixed interval. Both can be
// paused between parts, so baseline servers and set-up work (which share this process) are not counted.
import { constants as perfConstants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

/** Issue 15: in every scenario, the event loop never waits longer than this. */
export const LOOP_DELAY_TARGET_MS = 50;
/** Issue 15: RSS with 1,000,000 queued and while a 100,000 backlog drains. */
export const RSS_TARGET_MIB = 150;
const MIB = 1024 ** 2;
/** Sampling interval of RSS; also the resolution of the delay histogram. */
const SAMPLE_MS = 20;
/** A sampler left running by a crashed scenario stops by itself after this many samples (about 30 min). */
const MAX_SAMPLES = 90_000;

export interface WatchReport {
  loopMaxMs: number;
  /** The p99 of the worst watched stretch (a round, say): at least the p99 over all of them. */
  loopP99Ms: number;
  peakRssMib: number;
  /** The V8 heap's and the off-heap (Buffers, libsql) peaks, to tell where a high RSS comes from. */
  peakHeapMib: number;
  peakExternalMib: number;
  /** RSS when the watch first started, for context. */
  startRssMib: number;
  samples: number;
  /** The longest garbage-collection pause while counting, and of which kind, to tell a GC pause from a busy turn. */
  longestGcMs: number;
  longestGcKind: string;
  /** Mark-compact (major) collections while counting. */
  majorGcs: number;
}

export interface ProcessWatch {
  /** Starts (or resumes) counting. */
  resume(): void;
  /** Stops counting until resume(); what was counted so far is kept. */
  pause(): void;
  /** Stops for good and reports. */
  finish(): WatchReport;
}

export function watchProcess(): ProcessWatch {
  // One monitor per watched stretch: a monitor disabled and enabled again counts the whole paused time
  // as one delay (1.3–2 s between the rounds of scenario 3). Node cannot add these histograms up, so
  // the report keeps the worst stretch's max and p99 (the p99 an upper bound of the whole's).
  let worstMaxNs = 0;
  let worstP99Ns = 0;
  let counted = 0;
  let stretch: IntervalHistogram | undefined;
  let timer: NodeJS.Timeout | undefined;
  let peak = 0;
  let peakHeap = 0;
  let peakExternal = 0;
  let start: number | undefined;
  let samples = 0;
  let longestGcMs = 0;
  let longestGcKind = '';
  let majorGcs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    if (timer === undefined) return;
    for (const entry of list.getEntries()) {
      const kind = gcKind((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind);
      if (kind === 'mark-compact') majorGcs += 1;
      if (entry.duration > longestGcMs) {
        longestGcMs = entry.duration;
        longestGcKind = kind;
      }
    }
  });
  const sample = (): void => {
    const { rss, heapTotal, external } = process.memoryUsage();
    start ??= rss;
    peak = Math.max(peak, rss);
    peakHeap = Math.max(peakHeap, heapTotal);
    peakExternal = Math.max(peakExternal, external);
    samples += 1;
    if (samples >= MAX_SAMPLES) clearInterval(timer);
  };
  const pause = (): void => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    gcObserver.disconnect();
    if (stretch !== undefined) {
      stretch.disable();
      if (stretch.count > 0) {
        worstMaxNs = Math.max(worstMaxNs, stretch.max);
        worstP99Ns = Math.max(worstP99Ns, stretch.percentile(99));
        counted += stretch.count;
      }
      stretch = undefined;
    }
    sample();
  };
  return {
    resume() {
      if (timer !== undefined) return;
      sample();
      stretch = monitorEventLoopDelay({ resolution: 10 });
      stretch.enable();
      gcObserver.observe({ entryTypes: ['gc'] });
      timer = setInterval(sample, SAMPLE_MS);
      // A scenario that crashed must not keep the bench process alive.
      timer.unref();
    },
    pause,
    finish() {
      pause();
      return {
        loopMaxMs: worstMaxNs / 1e6,
        loopP99Ms: counted > 0 ? worstP99Ns / 1e6 : 0,
        peakRssMib: peak / MIB,
        peakHeapMib: peakHeap / MIB,
        peakExternalMib: peakExternal / MIB,
        startRssMib: (start ?? 0) / MIB,
        samples,
        longestGcMs,
        longestGcKind,
        majorGcs,
      };
    },
  };
}

function gcKind(kind: number | undefined): string {
  switch (kind) {
    case perfConstants.NODE_PERFORMANCE_GC_MAJOR:
      return 'mark-compact';
    case perfConstants.NODE_PERFORMANCE_GC_MINOR:
      return 'scavenge';
    case perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return 'incremental marking';
    case perfConstants.NODE_PERFORMANCE_GC_WEAKCB:
      return 'weak callbacks';
    default:
      return 'other';
  }
}

/** Runs `part` with the watch counting, and pauses it again whatever happens. */
export async function watched<T>(watch: ProcessWatch, part: () => Promise<T>): Promise<T> {
  watch.resume();
  try {
    return await part();
  } finally {
    watch.pause();
  }
}

export function loopDelayOk(report: WatchReport): boolean {
  return report.loopMaxMs <= LOOP_DELAY_TARGET_MS;
}

/** One detail line for a scenario's row. */
export function describeLoopDelay(report: WatchReport, where = 'measured part'): string {
  const verdict = loopDelayOk(report) ? 'within' : 'OVER';
  const gc = report.longestGcMs > 0 ? `; longest GC pause ${report.longestGcMs.toFixed(1)} ms (${report.longestGcKind}), ${report.majorGcs} mark-compact` : '';
  return `event-loop delay in the bench process (relay engine) during the ${where}: max ${report.loopMaxMs.toFixed(1)} ms, p99 ${report.loopP99Ms.toFixed(1)} ms in the worst stretch (${verdict} the ${LOOP_DELAY_TARGET_MS} ms target)${gc}`;
}

export function describeRss(report: WatchReport): string {
  return `RSS of the bench process (relay engine) sampled every ${SAMPLE_MS} ms: peak ${report.peakRssMib.toFixed(0)} MiB, ${report.startRssMib.toFixed(0)} MiB at the start (${report.samples} samples; peak V8 heap ${report.peakHeapMib.toFixed(0)} MiB, off-heap ${report.peakExternalMib.toFixed(0)} MiB)`;
}
