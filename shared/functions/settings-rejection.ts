// Turns an unusable function setting into the runtime's ValidationError, so Segment shows the message
// ("Message Rejected") instead of a crash. Never includes a setting's value.
import { FunctionSettingsError } from './function-settings';
import type { FunctionRuntime } from './function-runtime';

export function readSettingsOrReject<T>(read: () => T, runtime: Pick<FunctionRuntime, 'ValidationError'>): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FunctionSettingsError) throw new runtime.ValidationError(error.message);
    throw error;
  }
}
