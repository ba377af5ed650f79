/** The terminal's size, kept current on resize. */
import { useStdout } from 'ink';
import { useCallback, useEffect, useState } from 'react';

export function useSize(): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = useCallback(
    () => ({ width: stdout.columns || 80, height: stdout.rows || 24 }),
    [stdout],
  );
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, read]);
  return size;
}
