// The failure-burst rule: 10 dead letters within 5 minutes in one direction make a `failure_burst`
// problem naming the count and the latest reason; a delivery or a retry in that direction clears it.
import { createFailureBurstWatch, DEFAULT_FAILURE_BURST_POLICY } from '../../../main/delivery/failure-burst';

function watchAt(start = 1_000_000) {
  const clock = { now: start };
  const watch = createFailureBurstWatch(DEFAULT_FAILURE_BURST_POLICY, () => clock.now);
  return { watch, clock };
}

it('stays quiet under the threshold and speaks at the 10th failure within 5 minutes', () => {
  const { watch, clock } = watchAt();
  for (let i = 0; i < 9; i++) {
    watch.recordFailed('send', 1, 'Segment refused the batch (400)');
    clock.now += 20_000;
  }
  expect(watch.problem('send')).toBeUndefined();
  watch.recordFailed('send', 1, 'Segment refused the event (HTTP 400); it is not retried. Check the event in Activity, fix its source, and retry it.');
  expect(watch.problem('send')).toEqual({
    code: 'failure_burst',
    message: '10 items failed in the last 5 minutes: Segment refused the event (HTTP 400); it is not retried. Open Activity to see why, fix the cause, then Retry all failed.',
  });
  expect(watch.problem('receive')).toBeUndefined();
});

it('does not count failures older than the window', () => {
  const { watch, clock } = watchAt();
  watch.recordFailed('receive', 9, 'old reason');
  clock.now += 5 * 60_000;
  watch.recordFailed('receive', 1, 'new reason');
  expect(watch.problem('receive')).toBeUndefined();
  watch.recordFailed('receive', 9, 'newest reason');
  expect(watch.problem('receive')?.message).toMatch(/^10 items failed in the last 5 minutes: newest reason\./);
});

it.each([
  ['a delivery in that direction', (watch: ReturnType<typeof watchAt>['watch']) => watch.recordDelivered('receive')],
  ['a retry of the failed items', (watch: ReturnType<typeof watchAt>['watch']) => watch.clear('receive')],
])('is cleared by %s, and counts from zero afterwards', (_name, clear) => {
  const { watch } = watchAt();
  watch.recordFailed('receive', 12, 'Mailjet refused this contact');
  watch.recordFailed('send', 10, 'Segment refused the batch');
  clear(watch);
  expect(watch.problem('receive')).toBeUndefined();
  expect(watch.problem('send')?.code).toBe('failure_burst');
  watch.recordFailed('receive', 9, 'again');
  expect(watch.problem('receive')).toBeUndefined();
});

it('names a short test window in seconds', () => {
  const watch = createFailureBurstWatch({ threshold: 2, windowMs: 30_000 }, () => 0);
  watch.recordFailed('send', 2, 'x');
  expect(watch.problem('send')?.message).toMatch(/^2 items failed in the last 30 seconds: x\./);
});
