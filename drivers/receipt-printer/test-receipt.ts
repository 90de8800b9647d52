// The test receipt of `receipt test-print` and the benchmark: every feature a real receipt uses, with a made-up
// name holding two characters no printer font has (䶮 Ext A at GB18030 FE9F, 𠮷 Ext B).
import type { ReceiptDocument } from './receipt-document';

export function testReceipt(terminal: string, now: Date): ReceiptDocument {
  const time = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')} ${now.toTimeString().slice(0, 8)}`;
  return {
    blocks: [
      { type: 'text', text: '政务服务受理回执', align: 'center', bold: true, width: 2, height: 2 },
      { type: 'text', text: 'TEST PRINT / 打印测试', align: 'center' },
      { type: 'separator' },
      { type: 'text', text: '受理编号：TEST-20240001' },
      { type: 'text', text: '办理事项：居民身份证换领' },
      { type: 'text', text: '申请人：*䶮𠮷（生僻字测试）' },
      { type: 'text', text: `时间：${time}` },
      { type: 'text', text: `终端：${terminal}` },
      { type: 'separator', char: '=' },
      { type: 'text', text: '扫码查询办理进度', align: 'center' },
      { type: 'qr', data: 'https://zwfw.example.cn/progress?id=TEST-20240001', moduleSize: 6, errorLevel: 'M' },
      { type: 'feed', lines: 3 },
      { type: 'cut' },
    ],
  };
}
