import { describe, expect, it } from 'vitest';
import type { PrinterAttributes } from './cups-operations';
import { mapPrinterAttributes, parseReason } from './printer-state-mapping';
import { parseCupsServer } from './ipp-transport';

function printer(overrides: Partial<PrinterAttributes>): PrinterAttributes {
  return {
    state: 3,
    reasons: ['none'],
    acceptingJobs: true,
    markerTypes: [],
    markerLevels: [],
    markerLowLevels: [],
    mediaSupported: [],
    sidesSupported: [],
    ...overrides,
  };
}

const summary = (p: PrinterAttributes, previous = {}) => {
  const { status, blocking } = mapPrinterAttributes(p, previous);
  return { device: status.common.device, ...status.documentPrinter, paper: status.documentPrinter.paper?.tray1, blocking: blocking?.code ?? null };
};

describe('printer-state-reasons', () => {
  it('splits the severity suffix; a bare standard keyword is an error, CUPS bookkeeping is not', () => {
    expect(parseReason('media-empty-error')).toEqual({ keyword: 'media-empty', severity: 'error' });
    expect(parseReason('toner-low-warning')).toEqual({ keyword: 'toner-low', severity: 'warning' });
    expect(parseReason('offline-report')).toEqual({ keyword: 'offline', severity: 'report' });
    expect(parseReason('media-jam')).toEqual({ keyword: 'media-jam', severity: 'error' });
    expect(parseReason('cups-waiting-for-job-completed')).toEqual({ keyword: 'cups-waiting-for-job-completed', severity: 'report' });
  });

  it.each([
    [['none'], { device: 'online', paper: 'full', cover: 'closed', blocking: null }],
    [['media-low-report'], { device: 'online', paper: 'low', cover: 'closed', blocking: null }],
    [['media-empty-warning'], { device: 'online', paper: 'out', cover: 'closed', blocking: null }],
    [['media-empty-error'], { device: 'online', paper: 'out', cover: 'closed', blocking: 'deviceNotReady' }],
    [['media-needed'], { device: 'online', paper: 'out', cover: 'closed', blocking: 'deviceNotReady' }],
    [['media-jam-error', 'media-low-warning'], { device: 'hardwareError', paper: 'jammed', cover: 'closed', blocking: 'hardwareError' }],
    [['door-open-error'], { device: 'userError', paper: 'full', cover: 'open', blocking: 'userError' }],
    [['cover-open-warning'], { device: 'userError', paper: 'full', cover: 'open', blocking: null }],
    [['offline-report'], { device: 'offline', paper: 'full', cover: 'closed', blocking: 'deviceNotReady' }],
    [['toner-empty-error'], { device: 'online', paper: 'full', cover: 'closed', toner: 'out', blocking: 'deviceNotReady' }],
    [['marker-supply-low-warning'], { device: 'online', paper: 'full', cover: 'closed', toner: 'low', blocking: null }],
    [['cups-missing-filter-warning', 'other'], { device: 'online', paper: 'full', cover: 'closed', blocking: null }],
  ] as const)('%j', (reasons, expected) => {
    expect(summary(printer({ reasons: [...reasons] }))).toEqual(expected);
  });

  it('treats a stopped queue as offline and blocks, naming the condition that stopped it whatever its severity', () => {
    const { status, blocking } = mapPrinterAttributes(printer({ state: 5, reasons: ['media-empty-report', 'paused'] }));
    expect(status.common.device).toBe('offline');
    expect(blocking).toEqual({ code: 'deviceNotReady', message: 'out of paper (media-empty)' });
    expect(mapPrinterAttributes(printer({ state: 5, reasons: ['paused'] })).blocking).toEqual({
      code: 'deviceNotReady',
      message: 'printer queue stopped (paused)',
    });
  });

  it('reads toner and ink levels from the marker table, worst cartridge first', () => {
    const colour = printer({ markerTypes: ['toner', 'toner', 'waste-toner'], markerLevels: [80, 5, 50], markerLowLevels: [10, 10, 90] });
    expect(summary(colour)).toMatchObject({ toner: 'low' });
    expect(summary(printer({ markerTypes: ['ink-cartridge'], markerLevels: [0] }))).toMatchObject({ ink: 'out', blocking: null });
    expect(summary(printer({ markerTypes: ['ink'], markerLevels: [40], reasons: ['marker-supply-empty-error'] }))).toMatchObject({ ink: 'out' });
    expect(summary(printer({ markerTypes: ['toner'], markerLevels: [-2] }))).toMatchObject({ toner: 'unknown' });
    expect(summary(printer({ markerTypes: ['toner'], markerLevels: [-3] }))).toMatchObject({ toner: 'full' });
  });

  it('leaves toner out of the status of a printer that never reported it, and keeps it once it has', () => {
    expect(summary(printer({}))).not.toHaveProperty('toner');
    expect(summary(printer({}), { toner: 'low' })).toMatchObject({ toner: 'full' });
  });

  it('counts a queue that rejects jobs as offline', () => {
    expect(summary(printer({ acceptingJobs: false }))).toMatchObject({ device: 'offline', blocking: null });
  });
});

describe('CUPS server addresses', () => {
  it.each([
    ['localhost', { kind: 'tcp', host: 'localhost', port: 631 }],
    ['127.0.0.1:8631', { kind: 'tcp', host: '127.0.0.1', port: 8631 }],
    ['[::1]:631', { kind: 'tcp', host: '::1', port: 631 }],
    ['/run/cups/cups.sock', { kind: 'socket', path: '/run/cups/cups.sock' }],
  ])('%s', (spec, endpoint) => {
    expect(parseCupsServer(spec)).toEqual({ ok: true, endpoint });
  });

  it.each(['', 'http://x', 'host:0', 'host:99999', 'a b'])('refuses %j', (spec) => {
    expect(parseCupsServer(spec).ok).toBe(false);
  });
});
