// Prints the hash of a staff PIN for the kiosk configuration's `maintenance.staff[].pinHash`, or with `--card` the
// hash of the number on a staff member's ID card for `cardHash`. The secret comes on standard input, so it is neither
// echoed nor left in the shell history:
//   read -rs PIN && printf '%s' "$PIN" | npx tsx main/maintenance/hash-pin-cli.ts && unset PIN
//   read -rs NUM && printf '%s' "$NUM" | npx tsx main/maintenance/hash-pin-cli.ts --card && unset NUM
import { text } from 'node:stream/consumers';
import { hashPin } from './pin-hash';

const card = process.argv.includes('--card');
const secret = (await text(process.stdin)).trim();
// As the reader reports it: 18-character ID numbers end in an upper-case X; permit numbers are letters and digits.
const valid = card ? /^[0-9A-Z]{9,18}$/ : /^[0-9]{4,12}$/;
if (!valid.test(secret)) {
  console.error(card ? 'A card number is 9 to 18 digits or capital letters (as printed on the card), given on standard input.' : 'A PIN is 4 to 12 digits, given on standard input.');
  process.exit(2);
}
process.stdout.write(`${await hashPin(secret)}\n`);
