// Prints the hash of a staff PIN for the kiosk configuration's `maintenance.staff[].pinHash`. The PIN comes on
// standard input, so it is neither echoed nor left in the shell history:
//   read -rs PIN && printf '%s' "$PIN" | npx tsx main/maintenance/hash-pin-cli.ts && unset PIN
import { text } from 'node:stream/consumers';
import { hashPin } from './pin-hash';

const pin = (await text(process.stdin)).trim();
if (!/^[0-9]{4,12}$/.test(pin)) {
  console.error('A PIN is 4 to 12 digits, given on standard input.');
  process.exit(2);
}
process.stdout.write(`${await hashPin(pin)}\n`);
