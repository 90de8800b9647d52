import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Completion,
  DeviceEvent,
  type DeviceStatus,
  applyStatusChange,
  completionSchema,
  deviceCapabilitySchemas,
  deviceStatusSchemas,
  diffStatus,
  failure,
  statusChangeSchema,
  success,
} from './device-model';
import { z } from 'zod';

const printer = (part: DeviceStatus<'receiptPrinter'>['receiptPrinter'], device: DeviceStatus['common']['device'] = 'online'): DeviceStatus<'receiptPrinter'> => ({
  common: { device },
  receiptPrinter: part,
});

describe('diffStatus', () => {
  it('returns null when nothing changed', () => {
    const status = printer({ paper: { roll: 'full' }, media: 'notPresent' });
    expect(diffStatus(status, structuredClone(status))).toBeNull();
  });

  it('carries only the changed fields, nested ones included', () => {
    const before = printer({ paper: { roll: 'full', tray1: 'full' }, media: 'notPresent', cover: 'closed' });
    const after = printer({ paper: { roll: 'low', tray1: 'full' }, media: 'notPresent', cover: 'closed' });
    expect(diffStatus(before, after)).toEqual({ receiptPrinter: { paper: { roll: 'low' } } });
  });

  it('reports the common part on its own', () => {
    const before = printer({ paper: { roll: 'full' } });
    const after = printer({ paper: { roll: 'full' } }, 'offline');
    expect(diffStatus(before, after)).toEqual({ common: { device: 'offline' } });
  });

  it('marks a field the device can no longer report with null, and a new one with its value', () => {
    const before = printer({ paper: { roll: 'full' }, media: 'present' });
    const after = printer({ cover: 'open', paper: {} });
    expect(diffStatus(before, after)).toEqual({ receiptPrinter: { media: null, cover: 'open', paper: { roll: null } } });
  });

  it('does not treat an absent field as a change from an absent field', () => {
    const reader: DeviceStatus<'idCardReader'> = { common: { device: 'online' }, idCardReader: {} };
    expect(diffStatus(reader, { common: { device: 'online' }, idCardReader: {} })).toBeNull();
    expect(diffStatus(reader, { common: { device: 'online' }, idCardReader: { media: 'present' } })).toEqual({
      idCardReader: { media: 'present' },
    });
  });

  it('keeps odd key names as plain data', () => {
    const before = { part: { ['__proto__']: 'a' } };
    const after = JSON.parse('{"part":{"__proto__":"b"}}') as typeof before;
    const change = diffStatus(before, after);
    expect(Object.getPrototypeOf(change?.part)).toBe(Object.prototype);
    expect(Object.hasOwn(change?.part ?? {}, '__proto__')).toBe(true);
  });

  const paperState = fc.constantFrom('full', 'low', 'out', 'jammed', 'unknown' as const);
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const printerStatus = fc
    .record({
      device: fc.constantFrom('online', 'offline', 'powerOff', 'noDevice', 'hardwareError', 'userError', 'deviceBusy' as const),
      paper: maybe(fc.dictionary(fc.constantFrom('roll', 'tray1', 'tray2', 'manual'), paperState)),
      toner: maybe(fc.constantFrom('full', 'low', 'out', 'unknown' as const)),
      media: maybe(fc.constantFrom('present', 'notPresent', 'jammed', 'entering', 'retracted' as const)),
      cover: maybe(fc.constantFrom('open', 'closed' as const)),
      cutter: maybe(fc.constantFrom('ok', 'fault' as const)),
    })
    .map(({ device, ...part }) => {
      // Absent means absent: drop the keys fast-check set to undefined.
      const defined = Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined));
      return deviceStatusSchemas.receiptPrinter.parse({ common: { device }, receiptPrinter: defined });
    });

  it('applying the diff to the old status gives the new one, and the diff passes the change schema', () => {
    const schema = statusChangeSchema('receiptPrinter');
    fc.assert(
      fc.property(printerStatus, printerStatus, (before, after) => {
        const change = diffStatus(before, after);
        if (change === null) {
          expect(after).toEqual(before);
          return;
        }
        expect(applyStatusChange(before, change)).toEqual(after);
        expect(schema.safeParse(change).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('applyStatusChange leaves its inputs alone', () => {
    const before = printer({ paper: { roll: 'full' } });
    const snapshot = structuredClone(before);
    applyStatusChange(before, { receiptPrinter: { paper: { roll: 'out' } } });
    expect(before).toEqual(snapshot);
  });
});

describe('status and change schemas', () => {
  it('accepts every class part with nothing reported', () => {
    for (const [cls, schema] of Object.entries(deviceStatusSchemas)) {
      expect(schema.safeParse({ common: { device: 'noDevice' }, [cls]: {} }).success).toBe(true);
    }
  });

  it('refuses false in place of an absent field, and unknown fields', () => {
    const schema = deviceStatusSchemas.idCardReader;
    expect(schema.safeParse({ common: { device: 'online' }, idCardReader: { media: false } }).success).toBe(false);
    expect(schema.safeParse({ common: { device: 'online' }, idCardReader: { sam: 'ok' } }).success).toBe(false);
  });

  it('keeps paper source names to plain identifiers; a `__proto__` key never reaches the parsed status', () => {
    const schema = deviceStatusSchemas.receiptPrinter;
    expect(schema.safeParse({ common: { device: 'online' }, receiptPrinter: { paper: { _roll: 'full' } } }).success).toBe(false);
    const parsed = schema.parse(JSON.parse('{"common":{"device":"online"},"receiptPrinter":{"paper":{"__proto__":"full"}}}'));
    expect(Object.keys(parsed.receiptPrinter.paper ?? {})).toEqual([]);
  });

  it('change schema: null only where a field may be absent, at least one field', () => {
    const schema = statusChangeSchema('receiptPrinter');
    expect(schema.safeParse({ receiptPrinter: { media: null } }).success).toBe(true);
    expect(schema.safeParse({ receiptPrinter: { paper: { roll: null } } }).success).toBe(true);
    expect(schema.safeParse({ common: { device: null } }).success).toBe(false);
    expect(schema.safeParse({ common: null }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ receiptPrinter: { paper: { roll: 'soggy' } } }).success).toBe(false);
  });

  it('capabilities say what a class can do', () => {
    expect(
      deviceCapabilitySchemas.idCardReader.safeParse({
        cardTypes: ['resident', 'hkMacaoTaiwan', 'foreignPermanent2017', 'foreignPermanent2023'],
        fingerprint: true,
        appendedAddress: true,
        photoDecoding: false,
      }).success,
    ).toBe(true);
    expect(deviceCapabilitySchemas.receiptPrinter.safeParse({ paperSources: [] }).success).toBe(false);
  });
});

describe('events', () => {
  it('a statusChanged event validates its changes against its device class', () => {
    const ok = { type: 'statusChanged', deviceId: 'idcard-1', deviceClass: 'idCardReader', changes: { idCardReader: { media: 'present' } } };
    expect(DeviceEvent.safeParse(ok).success).toBe(true);
    const wrongClass = { ...ok, deviceClass: 'scanner' };
    expect(DeviceEvent.safeParse(wrongClass).success).toBe(false);
  });

  it('threshold events are separate from status and come from printers', () => {
    const paper = { type: 'paperThreshold', deviceId: 'receipt', deviceClass: 'receiptPrinter', source: 'roll', threshold: 'low' };
    expect(DeviceEvent.safeParse(paper).success).toBe(true);
    expect(DeviceEvent.safeParse({ ...paper, threshold: 'jammed' }).success).toBe(false);
    expect(DeviceEvent.safeParse({ ...paper, deviceClass: 'scanner' }).success).toBe(false);
    const toner = { type: 'tonerThreshold', deviceId: 'a4', deviceClass: 'documentPrinter', threshold: 'out' };
    expect(DeviceEvent.safeParse(toner).success).toBe(true);
  });
});

describe('Completion', () => {
  const schema = completionSchema(z.object({ n: z.number() }));

  it('is a discriminated union on code', () => {
    const done: Completion<{ n: number }> = success({ n: 1 });
    const timedOut: Completion<{ n: number }> = failure('timeOut', 'read timed out after 5000 ms');
    expect(schema.parse(done)).toEqual({ code: 'success', value: { n: 1 } });
    expect(schema.parse(timedOut)).toEqual({ code: 'timeOut', message: 'read timed out after 5000 ms' });
    if (done.code === 'success') expect(done.value.n).toBe(1);
  });

  it('refuses a success without a value, a failure without a message, and unknown codes', () => {
    expect(schema.safeParse({ code: 'success' }).success).toBe(false);
    expect(schema.safeParse({ code: 'canceled' }).success).toBe(false);
    expect(schema.safeParse({ code: 'exploded', message: 'x' }).success).toBe(false);
    expect(schema.safeParse({ code: 'success', message: 'x', value: { n: 1 } }).success).toBe(false);
  });
});
