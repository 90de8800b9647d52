// `npm run device -- <class> <action> [options]`: diagnostics for installers and branch staff.
// Exit 0 on success; otherwise non-zero with a one-line reason on stderr.
import { parseArgs } from 'node:util';
import type { CliResult, CliValues, DeviceCliCommands } from './cli-command';

export type DeviceCliRegistry = Record<string, DeviceCliCommands>;

function usage(registry: DeviceCliRegistry): string {
  const lines = ['Usage: npm run device -- <class> <action> [options]', ''];
  for (const [deviceClass, commands] of Object.entries(registry)) {
    for (const command of Object.values(commands)) lines.push(`  ${deviceClass} ${command.usage}`);
  }
  lines.push('', 'P is a serial path (/dev/ttyUSB0[@baud]), tcp://host:port, or a device node (/dev/usb/lp0).');
  return lines.join('\n');
}

export async function runDeviceCli(
  argv: string[],
  registry: DeviceCliRegistry,
  io: { out(line: string): void; err(line: string): void; signal: AbortSignal },
): Promise<number> {
  const [deviceClass, action, ...rest] = argv;
  if (!deviceClass || deviceClass === '--help' || deviceClass === '-h') {
    io.out(usage(registry));
    return deviceClass ? 0 : 2;
  }
  const commands = registry[deviceClass];
  const command = action ? commands?.[action] : undefined;
  if (!commands || !command) {
    io.err(`unknown command: ${[deviceClass, action].filter(Boolean).join(' ')}`);
    io.err(usage(registry));
    return 2;
  }
  let values: CliValues;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }));
  } catch (error) {
    io.err(`${deviceClass} ${action}: ${error instanceof Error ? error.message : String(error)}`);
    io.err(`usage: ${deviceClass} ${command.usage}`);
    return 2;
  }
  let result: CliResult;
  try {
    result = await command.run(values, io);
  } catch (error) {
    result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (result.ok) return 0;
  io.err(`${deviceClass} ${action}: ${result.reason.split('\n')[0]}`);
  return result.exitCode ?? 1;
}
