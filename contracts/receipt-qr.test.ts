import { describe, expect, it } from 'vitest';
import { parseReceiptQr, receiptQrPayload } from './receipt-qr';

const caseNumber = '370202-20261102-000001';
const receiptCode = '019a4f3c-8b2e-7c41-9d3a-5e6f7a8b9c0d';

describe('the receipt QR payload', () => {
  it('is a URL under the platform public base, with or without a path or a trailing slash', () => {
    expect(receiptQrPayload('https://zwfw.example.gov.cn', caseNumber)).toBe(`https://zwfw.example.gov.cn/p/${caseNumber}`);
    expect(receiptQrPayload('https://zwfw.example.gov.cn/', receiptCode)).toBe(`https://zwfw.example.gov.cn/p/${receiptCode}`);
    expect(receiptQrPayload('http://127.0.0.1:8080/zwfw//', caseNumber)).toBe(`http://127.0.0.1:8080/zwfw/p/${caseNumber}`);
  });

  it('refuses a reference or base URL it could not read back', () => {
    expect(() => receiptQrPayload('https://zwfw.example.gov.cn', '张三')).toThrow();
    expect(() => receiptQrPayload('https://zwfw.example.gov.cn', '12345')).toThrow();
    expect(() => receiptQrPayload('ftp://zwfw.example.gov.cn', caseNumber)).toThrow('http(s)');
    expect(() => receiptQrPayload('https://zwfw.example.gov.cn/?a=1', caseNumber)).toThrow('query');
    expect(() => receiptQrPayload('not a url', caseNumber)).toThrow();
  });

  it('parses back to the reference it carries', () => {
    for (const base of ['https://zwfw.example.gov.cn', 'http://127.0.0.1:8080/zwfw/']) {
      for (const reference of [caseNumber, receiptCode]) expect(parseReceiptQr(receiptQrPayload(base, reference))).toBe(reference);
    }
  });

  it('takes a bare reference (typed, or a QR holding only the number) and surrounding white space', () => {
    expect(parseReceiptQr(caseNumber)).toBe(caseNumber);
    expect(parseReceiptQr(` ${receiptCode}\r\n`)).toBe(receiptCode);
    expect(parseReceiptQr(`https://other.example.cn/p/${caseNumber}/`)).toBe(caseNumber);
    expect(parseReceiptQr(`https://other.example.cn/p/${caseNumber}?from=wechat`)).toBe(caseNumber);
  });

  it('answers null for anything else', () => {
    for (const text of ['', '张三', '12345', 'https://zwfw.example.gov.cn/', `https://zwfw.example.gov.cn/q/${caseNumber}`,
      `https://zwfw.example.gov.cn/p/${caseNumber}/more`, `javascript:/p/${caseNumber}`, `https://x.cn/p/${caseNumber}%2F..`, 'x'.repeat(100)]) {
      expect(parseReceiptQr(text), text).toBeNull();
    }
  });
});
