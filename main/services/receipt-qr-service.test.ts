import { describe, expect, it } from 'vitest';
import { type Completion, failure, success } from '../../contracts/device-model';
import { receiptQrPayload } from '../../contracts/receipt-qr';
import type { Scan } from '../../drivers/barcode-reader/scan';
import { ReceiptQrService } from './receipt-qr-service';

/** A reader whose next read answers what the test hands it, or `canceled` when its signal aborts. */
function fakeReader() {
  const waiting: ((c: Completion<Scan>) => void)[] = [];
  const logged: object[] = [];
  const reader = {
    read: ({ signal }: { timeoutMs: number; signal?: AbortSignal }) =>
      new Promise<Completion<Scan>>((resolve) => {
        waiting.push(resolve);
        signal?.addEventListener('abort', () => resolve(failure('canceled', 'aborted')));
      }),
  };
  const service = new ReceiptQrService({ reader, logger: { info: (f) => logged.push(f), warn: () => {}, error: () => {} } });
  return { service, logged, answer: (c: Completion<Scan>) => waiting.shift()?.(c) };
}

describe('ReceiptQrService', () => {
  it('answers the reference of a receipt QR code, and logs nothing of the text', async () => {
    const { service, logged, answer } = fakeReader();
    const reading = service.read(30);
    answer(success({ text: receiptQrPayload('https://zwfw.example.gov.cn', '0192f0c1-aaaa-7bbb-8ccc-123456789abc'), encoding: 'utf8' }));
    expect(await reading).toEqual({ ok: true, reference: '0192f0c1-aaaa-7bbb-8ccc-123456789abc' });
    expect(JSON.stringify(logged)).not.toContain('0192');
  });

  it('a code that is not a receipt is notReceipt; a reader timeout is timeout', async () => {
    const { service, answer } = fakeReader();
    const first = service.read(30);
    answer(success({ text: '网证:abc def', encoding: 'utf8' }));
    expect(await first).toMatchObject({ ok: false, error: { code: 'notReceipt' } });
    const second = service.read(30);
    answer(failure('timeOut', 'no code'));
    expect(await second).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('a new wait cancels the one before', async () => {
    const { service } = fakeReader();
    const stale = service.read(60);
    void service.read(60);
    expect(await stale).toMatchObject({ ok: false, error: { code: 'canceled' } });
    service.close();
  });
});
