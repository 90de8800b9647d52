// The device classes the diagnostics CLI knows. Each class's commands live in drivers/<class>/cli.ts.
import type { DeviceCliRegistry } from './device-cli';

export const deviceCliRegistry: DeviceCliRegistry = {};
