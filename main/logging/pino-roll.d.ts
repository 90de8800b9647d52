// pino-roll ships no types; this declares the part main/logging/logger.ts uses (pino-roll 4).
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';

  export interface PinoRollOptions {
    /** Base path; the rotation number goes before the extension (kiosk.log -> kiosk.1.log). */
    file: string;
    /** A number is megabytes; strings take k/m/g units. */
    size?: number | string;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    /** count: files kept; removeOtherLogFiles: also delete files left by earlier processes. */
    limit?: { count: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    /** sonic-boom: write synchronously. */
    sync?: boolean;
  }

  /** The sonic-boom stream pino-roll returns. */
  export interface RollStream extends EventEmitter {
    readonly fd: number;
    readonly file: string;
    write(data: string): boolean;
    flush(callback: (error?: Error) => void): void;
    end(): void;
    destroyed: boolean;
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
