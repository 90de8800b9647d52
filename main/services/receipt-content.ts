// The 80 mm receipt (受理回执) of one submitted transaction as a receipt document (drivers/receipt-printer): what the
// citizen takes home to follow the case. Names are masked before they get here; the QR code carries only the receipt
// code (contracts/receipt-qr.ts), never anything personal.
import type { TransactionResult } from '../../contracts/kiosk-api';
import { receiptQrPayload } from '../../contracts/receipt-qr';
import type { ReceiptBlock, ReceiptDocument } from '../../drivers/receipt-printer/receipt-document';

export interface ReceiptContent {
  transactionId: string;
  itemName: string;
  maskedName: string | undefined;
  /** ms since the epoch */
  acceptedAt: number;
  terminal: { id: string; name: string };
  /** The platform's answer as `transaction.result` gives it. */
  result: TransactionResult;
  /** Where a phone opens the progress page; without it the QR code holds the bare reference. */
  publicBaseUrl: string | undefined;
}

const outcomeText = { approved: '审批通过', needsReview: '待人工审核', rejected: '未通过' } as const;

/** China Standard Time has no daylight saving: a fixed +8 h offset is exact. */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function buildReceipt(content: ReceiptContent): ReceiptDocument {
  const { result } = content;
  // Always the receipt code, also once a case number exists: case numbers run in sequence, so a public page that took
  // them would let anyone walk through everyone's cases; a receipt code cannot be guessed.
  const qr = content.publicBaseUrl ? receiptQrPayload(content.publicBaseUrl, content.transactionId) : content.transactionId;
  const line = (text: string, extra: Partial<Extract<ReceiptBlock, { type: 'text' }>> = {}): ReceiptBlock => ({ type: 'text', text, ...extra });
  const blocks: ReceiptBlock[] = [
    line('政务服务自助终端', { align: 'center' }),
    line('受理回执', { align: 'center', bold: true, width: 2, height: 2 }),
    { type: 'separator' },
    line(`事项：${content.itemName}`),
    result.state === 'answered' ? line(`办件编号：${result.caseNumber}`, { bold: true }) : line(`回执编号：${content.transactionId}`),
  ];
  if (result.state === 'answered' && result.outcome) blocks.push(line(`办理结果：${outcomeText[result.outcome]}`));
  if (result.state !== 'answered') blocks.push(line('已受理，办理结果稍后可查询'));
  if (content.maskedName) blocks.push(line(`申请人：${content.maskedName}`));
  blocks.push(
    line(`提交时间：${chinaTime(content.acceptedAt)}`),
    line(`终端：${content.terminal.name}（${content.terminal.id}）`),
    { type: 'separator' },
    { type: 'qr', data: qr, moduleSize: 6, errorLevel: 'M', align: 'center' },
    line('扫码或凭编号查询办理进度', { align: 'center' }),
    { type: 'separator' },
    line('请取走您的身份证和回执', { align: 'center', bold: true }),
    { type: 'feed', lines: 2 },
    { type: 'cut' },
  );
  return { blocks };
}
