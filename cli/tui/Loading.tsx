/**
 * A thread being read, or why it could not be (q goes back). While it is read, keys wait for the
 * thread view.
 */
import { Text } from 'ink';
import { describeError } from './format.js';
import { useKeys, useWaitForScreen } from './use-keys.js';

export function Loading({
  error,
  onBack,
  inputActive,
}: {
  error: unknown;
  onBack: () => void;
  inputActive: boolean;
}) {
  const failure = error === null ? null : describeError(error);
  useWaitForScreen(failure === null);
  useKeys(
    (input, key) => {
      if (key.escape || (!key.ctrl && input === 'q')) onBack();
    },
    { isActive: inputActive },
  );
  return (
    <Text wrap="wrap">
      {failure === null
        ? 'Loading…'
        : `Cannot open this thread: ${failure.message}${failure.hint === null ? '' : `\n${failure.hint}`}\n\nq: back`}
    </Text>
  );
}
