// ID card read time: the real driver against the GA 467 simulator over a socat pty at 115200 baud, the full
// find → select → read (30 01) of one card per sample. A pty delivers bytes at once whatever the baud rate, so the
// simulator is run twice: pacing its replies as a 115200-baud UART would (what a kiosk sees), and unpaced (what the
// driver and the serial stack themselves cost). The wire time of the 1,295-byte reply is given beside them.
import { IdCardReader } from '../../drivers/idcard/id-card-reader';
import { createSimulatedLine } from '../../drivers/idcard/test-support/simulated-line';
import { type BenchFigure, type Benchmark, percentile } from './bench';

const BAUD = 115_200;
const SAMPLES = 30;
const WARM_UP = 3;
const READ_REPLY_BYTES = 1295;

async function readTimes(paced: boolean): Promise<number[]> {
  const line = await createSimulatedLine({ baudRate: BAUD, wireBaudRate: paced ? BAUD : undefined });
  // No background polling: each read() does its own find, so the sample is exactly find → select → read.
  const reader = new IdCardReader({ id: 'idcard-bench', port: line.driverPort, pollIntervalMs: 3_600_000, appendedAddress: false });
  try {
    await reader.start();
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      line.simulator.present(i % 2 === 0 ? 'resident' : 'residentRareName');
      const started = performance.now();
      const card = await reader.read({ timeoutMs: 5_000 });
      const elapsed = performance.now() - started;
      if (card.code !== 'success') throw new Error(`read ${i} failed: ${card.message}`);
      if (i >= WARM_UP) times.push(elapsed);
    }
    return times;
  } finally {
    await reader.close();
    await line.close();
  }
}

const benchmark: Benchmark = {
  name: `ID card read: driver ↔ GA 467 simulator over a socat pty @${BAUD} (${SAMPLES} reads, find → select → read)`,
  async run(): Promise<BenchFigure[]> {
    const paced = await readTimes(true);
    const unpaced = await readTimes(false);
    const wireMs = (READ_REPLY_BYTES * 10 * 1000) / BAUD;
    return [
      { key: 'idcard.read.wire.ms', value: wireMs, unit: 'ms', note: `theoretical: ${READ_REPLY_BYTES} bytes × 10 bits / ${BAUD} baud` },
      { key: 'idcard.read.ms.p50', value: percentile(paced, 50), unit: 'ms', note: 'simulator paced at 115200 baud (all replies)' },
      { key: 'idcard.read.ms.p95', value: percentile(paced, 95), unit: 'ms', note: 'simulator paced at 115200 baud' },
      { key: 'idcard.read.unpaced.ms.p50', value: percentile(unpaced, 50), unit: 'ms', note: 'pty at full speed: driver + serial stack overhead' },
      { key: 'idcard.read.unpaced.ms.p95', value: percentile(unpaced, 95), unit: 'ms', note: 'pty at full speed' },
    ];
  },
};

export default benchmark;
