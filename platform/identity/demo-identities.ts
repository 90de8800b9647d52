// DEMO DATA: the network ID (网证) and app QR codes the demo identity adapter knows, for fictional people. Names and
// ID numbers are those of the ID card simulator's preset cards (drivers/idcard/simulator/test-cards.ts), copied
// because platform/ shares nothing with the kiosk but contracts/: a demo can read a card or show a code for the same
// person. A real deployment has no such list; the CTID platform resolves codes.
import type { VerifiedPerson } from './identity-adapter';

const zhangSan = { name: '张三', idNumber: '11010519491231002X' };
const lanJiYan = { name: '蓝𠮷䶮', idNumber: '330106195603150845' };
const chenDaWen = { name: '陈大文', idNumber: '810000198501010010' };

export const demoIdentityCodes: Readonly<Record<string, VerifiedPerson>> = {
  'CTID-DEMO-0001': { method: 'networkIdQr', ...zhangSan },
  'CTID-DEMO-0002': { method: 'networkIdQr', ...lanJiYan },
  'CTID-DEMO-0003': { method: 'networkIdQr', ...chenDaWen },
  'APP-DEMO-0001': { method: 'appQr', ...zhangSan },
  'APP-DEMO-0002': { method: 'appQr', ...lanJiYan },
};
