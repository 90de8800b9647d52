// Reads what `scanimage` prints: the device list (`-f` with separators no field contains) and the option list (`-A`)
// from which the scanner's capabilities and the backend's own names for modes and sources come.
import type { DeviceCapabilities } from '../../contracts/device-model';

export interface SaneDevice {
  /** What `--device-name` takes, e.g. `fujitsu:fi-7160:123` or `test:0`. */
  name: string;
  vendor: string;
  model: string;
  type: string;
}

const FIELD = '\x1f';
/** The `-f` format: fields split by the ASCII unit separator, one device a line. */
export const DEVICE_LIST_FORMAT = `%d${FIELD}%v${FIELD}%m${FIELD}%t%n`;

export function parseDeviceList(stdout: string): SaneDevice[] {
  return stdout.split('\n').flatMap((line) => {
    const [name, vendor = '', model = '', type = '', ...rest] = line.split(FIELD);
    return name && rest.length === 0 ? [{ name, vendor, model, type }] : [];
  });
}

export type ScanMode = 'color' | 'gray' | 'lineart';

/** The backend's own values for what the kiosk asks for; absent when the backend has no such choice. */
export interface SaneOptionNames {
  modes: Partial<Record<ScanMode, string>>;
  /** The `--source` values for flatbed and feeder; absent when the device has no `--source` option. */
  sources: { flatbed?: string; feeder?: string; duplex?: string };
  /** Listed resolutions, or a range's common steps. */
  resolutionsDpi: number[];
}

const COMMON_RESOLUTIONS = [75, 100, 150, 200, 300, 400, 600, 1200];

/** The value list of one option line, e.g. `    --mode Gray|Color [Gray]` → `Gray|Color`. */
function optionValues(stdout: string, option: string): string | undefined {
  for (const line of stdout.split('\n')) {
    const match = new RegExp(`^\\s+--${option}[ =](.*)$`).exec(line);
    if (!match?.[1]) continue;
    // Drop the trailing "[default]" and flags such as "[inactive]" or "[advanced]".
    const values = match[1].replace(/(\s*\[[^\]]*\])+\s*$/, '').trim();
    if (/\[inactive\]/.test(match[1])) return undefined;
    return values;
  }
  return undefined;
}

function resolutions(values: string | undefined): number[] {
  if (!values) return [];
  const text = values.replace(/\s*\(in steps of [^)]*\)/, '').replace(/dpi$/, '');
  const range = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)$/.exec(text);
  if (range) {
    const [min, max] = [Number(range[1]), Number(range[2])];
    return COMMON_RESOLUTIONS.filter((r) => r >= min && r <= max);
  }
  return text
    .split('|')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

export function parseOptionNames(stdout: string): SaneOptionNames {
  const modeList = optionValues(stdout, 'mode')?.split('|') ?? [];
  const modes: SaneOptionNames['modes'] = {};
  for (const value of modeList) {
    if (/colou?r|rgb/i.test(value)) modes.color ??= value;
    else if (/gr[ae]y/i.test(value)) modes.gray ??= value;
    else if (/lineart|binary|black|halftone|mono/i.test(value)) modes.lineart ??= value;
  }
  const sourceList = optionValues(stdout, 'source')?.split('|') ?? [];
  const sources: SaneOptionNames['sources'] = {};
  for (const value of sourceList) {
    if (/flatbed|platen/i.test(value)) sources.flatbed ??= value;
    else if (/duplex/i.test(value)) sources.duplex ??= value;
    else if (/feeder|adf/i.test(value)) sources.feeder ??= value;
  }
  return { modes, sources, resolutionsDpi: resolutions(optionValues(stdout, 'resolution')) };
}

export function capabilitiesOf(names: SaneOptionNames): DeviceCapabilities<'scanner'> {
  const hasSource = names.sources.flatbed !== undefined || names.sources.feeder !== undefined || names.sources.duplex !== undefined;
  return {
    // A scanner without a --source option is a flatbed.
    flatbed: !hasSource || names.sources.flatbed !== undefined,
    feeder: names.sources.feeder !== undefined || names.sources.duplex !== undefined,
    duplex: names.sources.duplex !== undefined,
    resolutionsDpi: names.resolutionsDpi,
    modes: (['color', 'gray', 'lineart'] as const).filter((m) => names.modes[m] !== undefined),
    formats: ['png', 'jpeg'],
  };
}
