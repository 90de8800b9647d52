// Entry of `npm run device`. Each device class adds its commands here.
import { runDeviceCli } from './device-cli';
import { deviceCliRegistry } from './registry';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

runDeviceCli(process.argv.slice(2), deviceCliRegistry, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  signal: controller.signal,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
