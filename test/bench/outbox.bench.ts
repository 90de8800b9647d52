// Outbox accept latency with synchronous=FULL on the machine's real disk (a temporary folder under os.tmpdir()):
// from accept() called to resolved, i.e. until the transaction is durable and the screen may say "submitted".
// Also the start-up recovery time over the backlog this leaves (hashing every attachment file).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKeyFileProtector } from '../../main/outbox/key-file-protector';
import { openOutbox } from '../../main/outbox/open-outbox';
import type { Outbox } from '../../main/outbox/outbox';
import type { TransactionInput } from '../../main/outbox/outbox-types';
import { keyFiles } from '../../main/outbox/select-key-protector';
import { type BenchFigure, type Benchmark, percentile } from './bench';

const WARMUP = 20;
const PLAIN = 300;
const WITH_ATTACHMENT = 200;
const ATTACHMENT_BYTES = 200 * 1024;

function transaction(seq: number, attachment?: Buffer): TransactionInput {
  return {
    kind: 'application',
    itemCode: '11100000000000000001',
    terminalId: 'BENCH-0001',
    createdAt: Date.now(),
    personal: { applicantName: '测试申请人', idNumber: '110105198802140011', phone: '13912340000', form: { purpose: `bench ${seq}`, copies: 1 } },
    attachments: attachment ? [{ label: 'material-1', mediaType: 'image/jpeg', data: attachment }] : [],
  };
}

async function open(dataDir: string): Promise<Outbox> {
  const opened = await openOutbox({ dataDir, keyProtector: createKeyFileProtector({ file: keyFiles(dataDir).keyFile }), retentionDays: 30 });
  if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message}`);
  return opened.outbox;
}

async function latencies(outbox: Outbox, count: number, attachment?: Buffer): Promise<number[]> {
  const samples: number[] = [];
  for (let seq = 0; seq < count; seq++) {
    const started = performance.now();
    const result = await outbox.accept(transaction(seq, attachment));
    samples.push(performance.now() - started);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  }
  return samples;
}

const bench: Benchmark = {
  name: `outbox: accept latency, synchronous=FULL, disk under ${tmpdir()}`,
  async run(): Promise<BenchFigure[]> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'outbox-bench-'));
    try {
      let outbox = await open(dataDir);
      const attachment = randomBytes(ATTACHMENT_BYTES);
      await latencies(outbox, WARMUP);
      const plain = await latencies(outbox, PLAIN);
      await latencies(outbox, WARMUP, attachment);
      const withAttachment = await latencies(outbox, WITH_ATTACHMENT, attachment);
      await outbox.close();
      const rows = WARMUP * 2 + PLAIN + WITH_ATTACHMENT;
      const started = performance.now();
      outbox = await open(dataDir);
      const reopen = performance.now() - started;
      await outbox.close();
      const note = (n: number, what: string) => `${n} sequential accepts, ${what}`;
      return [
        { key: 'outbox.accept.ms.p50', value: percentile(plain, 50), unit: 'ms', note: note(PLAIN, 'no attachment') },
        { key: 'outbox.accept.ms.p99', value: percentile(plain, 99), unit: 'ms', note: note(PLAIN, 'no attachment') },
        { key: 'outbox.accept200k.ms.p50', value: percentile(withAttachment, 50), unit: 'ms', note: note(WITH_ATTACHMENT, 'one 200 KB attachment') },
        { key: 'outbox.accept200k.ms.p99', value: percentile(withAttachment, 99), unit: 'ms', note: note(WITH_ATTACHMENT, 'one 200 KB attachment') },
        { key: 'outbox.open.ms', value: reopen, unit: 'ms', note: `open + recovery over ${rows} pending rows, ${WARMUP + WITH_ATTACHMENT} files of 200 KB` },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
