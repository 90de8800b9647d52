import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SaneStatus, interpretScanimageExit } from './sane-status';
import { DEVICE_LIST_FORMAT, capabilitiesOf, parseDeviceList, parseOptionNames } from './scanimage-output';

// `scanimage --device-name=test:0 -A` (sane-backends 1.2.1), the lines that matter, verbatim.
const TEST_BACKEND_OPTIONS = `
All options specific to device \`test:0':
  Scan Mode:
    --mode Gray|Color [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --depth 1|8|16 [8]
    --three-pass[=(yes|no)] [inactive]
    --resolution 1..1200dpi (in steps of 1) [0.000762939]
        Sets the resolution of the scanned image.
    --source Flatbed|Automatic Document Feeder [Flatbed]
`;

// Shapes other backends print (fujitsu, hpaio), for the name matching; values as their manuals list them.
const FUJITSU_OPTIONS = `
    --source ADF Front|ADF Back|ADF Duplex [ADF Front]
    --mode Lineart|Halftone|Gray|Color [Lineart]
    --resolution 50..600dpi (in steps of 1) [600]
`;
const HPAIO_OPTIONS = `
    --mode Lineart|Gray|Color [Lineart]
    --resolution 75|100|150|200|300|600|1200dpi [75]
    --source Flatbed|ADF [Flatbed]
`;

describe('scanimage output', () => {
  it('parses the device list written with the unit-separator format', () => {
    expect(DEVICE_LIST_FORMAT).toBe('%d\x1f%v\x1f%m\x1f%t%n');
    expect(parseDeviceList('test:0\x1fNoname\x1ffrontend-tester\x1fvirtual device\nairscan:e0:Canon MF\x1fCanon\x1fMF644C\x1feSCL network scanner\n')).toEqual([
      { name: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
      { name: 'airscan:e0:Canon MF', vendor: 'Canon', model: 'MF644C', type: 'eSCL network scanner' },
    ]);
    expect(parseDeviceList('')).toEqual([]);
  });

  it('reads modes, sources and resolutions of the test backend', () => {
    const names = parseOptionNames(TEST_BACKEND_OPTIONS);
    expect(names).toEqual({
      modes: { gray: 'Gray', color: 'Color' },
      sources: { flatbed: 'Flatbed', feeder: 'Automatic Document Feeder' },
      resolutionsDpi: [75, 100, 150, 200, 300, 400, 600, 1200],
    });
    expect(capabilitiesOf(names)).toMatchObject({ flatbed: true, feeder: true, duplex: false, modes: ['color', 'gray'] });
  });

  it('reads other backends\' names: a duplex feeder without flatbed, listed resolutions', () => {
    const fujitsu = parseOptionNames(FUJITSU_OPTIONS);
    expect(fujitsu.sources).toEqual({ feeder: 'ADF Front', duplex: 'ADF Duplex' });
    expect(fujitsu.modes).toEqual({ lineart: 'Lineart', gray: 'Gray', color: 'Color' });
    expect(capabilitiesOf(fujitsu)).toMatchObject({ flatbed: false, feeder: true, duplex: true, resolutionsDpi: [75, 100, 150, 200, 300, 400, 600] });
    expect(parseOptionNames(HPAIO_OPTIONS)).toMatchObject({ sources: { flatbed: 'Flatbed', feeder: 'ADF' }, resolutionsDpi: [75, 100, 150, 200, 300, 600, 1200] });
    // No --source option at all: a flatbed.
    expect(capabilitiesOf(parseOptionNames('    --mode Color [Color]\n'))).toMatchObject({ flatbed: true, feeder: false });
  });

  it('never throws on arbitrary output', () => {
    const line = fc.oneof(fc.string(), fc.constantFrom('    --mode ', '    --source ', '    --resolution ', '..', '|', '[', ']', 'dpi', '\x1f', '\n'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        parseDeviceList(text);
        capabilitiesOf(parseOptionNames(text));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('scanimage exit status', () => {
  // stderr as scanimage 1.2.1 printed it for each case (LANG=C).
  it.each([
    [0, '', 0, null, 'ok'],
    [6, 'scanimage: sane_read: Document feeder jammed\n', 0, 'hardwareError', 'jammed'],
    [7, 'Scanning page 11\nscanimage: sane_start: Document feeder out of documents\nBatch terminated, 10 pages scanned\n', 10, null, 'feederEmpty'],
    [7, 'scanimage: sane_read: Document feeder out of documents\n', 0, 'userError', 'feederEmpty'],
    [8, 'scanimage: sane_read: Scanner cover is open\n', 0, 'userError', 'coverOpen'],
    [3, 'scanimage: sane_read: Device busy\n', 0, 'deviceNotReady', 'busy'],
    [4, 'scanimage: sane_read: Invalid argument\n', 0, 'invalidData', 'ok'],
    [9, 'scanimage: sane_read: Error during device I/O\n', 0, 'hardwareError', 'hardwareFault'],
    [11, 'scanimage: sane_read: Access to resource has been denied\n', 0, 'deviceNotReady', 'accessDenied'],
    [1, 'scanimage: open of device nosuch:0 failed: Invalid argument\n', 0, 'deviceNotReady', 'noDevice'],
    [1, 'scanimage: setting of option --mode failed (Invalid argument)\n', 0, 'invalidData', 'ok'],
    [1, "scanimage: unrecognized option '--bogus=1'\n", 0, 'invalidData', 'ok'],
  ] as const)('exit %i %j', (exit, stderr, pages, code, condition) => {
    const outcome = interpretScanimageExit(exit, stderr, pages);
    expect(outcome.condition).toBe(condition);
    expect(outcome.failure?.code ?? null).toBe(code);
  });

  it('names the scanner\'s own words in the message', () => {
    expect(interpretScanimageExit(SaneStatus.jammed, 'scanimage: sane_read: Document feeder jammed\n', 0).failure?.message).toBe(
      'document feeder jammed (sane_read: Document feeder jammed)',
    );
  });
});
