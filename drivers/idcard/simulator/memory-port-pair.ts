// Two connected in-process byte ports: what a simulated reader runs over where socat (and so a pty pair) is missing,
// so the kiosk still starts. Bytes are delivered on a later turn of the event loop, as a real line would.
import type { BytePort } from '../../common/byte-port';

export interface MemoryPortPair {
  /** The end the driver opens. */
  driverEnd: BytePort;
  /** The end the simulator listens on. */
  deviceEnd: BytePort;
}

export function createMemoryPortPair(name = 'memory'): MemoryPortPair {
  const data = [new Set<(chunk: Buffer) => void>(), new Set<(chunk: Buffer) => void>()] as const;
  const closeListeners = [new Set<(error?: Error) => void>(), new Set<(error?: Error) => void>()] as const;
  let closed = false;

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const listeners of closeListeners) for (const listener of listeners) listener();
  };

  const end = (self: 0 | 1, description: string): BytePort => {
    const peer = self === 0 ? 1 : 0;
    return {
      description,
      write: async (bytes) => {
        if (closed) throw new Error(`${description} is closed`);
        const chunk = Buffer.from(bytes);
        setImmediate(() => {
          for (const listener of data[peer]) listener(chunk);
        });
      },
      onData: (listener) => {
        data[self].add(listener);
        return () => data[self].delete(listener);
      },
      onClose: (listener) => {
        closeListeners[self].add(listener);
        return () => closeListeners[self].delete(listener);
      },
      close,
    };
  };

  return { driverEnd: end(0, `${name} (driver end)`), deviceEnd: end(1, `${name} (device end)`) };
}
