// Who may enter maintenance mode: the configured staff (PIN and card hashes) and, in the demo configuration only, the
// staff `demo` whose clear-text PIN is hashed here at start, so every check compares against hashes alike.
import type { MaintenanceConfig } from '../../kiosk-config/maintenance-config';
import { type ScryptCost, defaultPinCost, hashPin, verifyPin } from './pin-hash';

export interface StaffMember {
  id: string;
  name?: string;
  canLeaveKioskMode: boolean;
}

interface Entry {
  member: StaffMember;
  pinHash?: string;
  cardHash?: string;
}

export class StaffDirectory {
  readonly #staff: Entry[];

  private constructor(staff: Entry[]) {
    this.#staff = staff;
  }

  static async from(config: Pick<MaintenanceConfig, 'staff' | 'demoPin'>, cost: ScryptCost = defaultPinCost): Promise<StaffDirectory> {
    const staff: Entry[] = config.staff.map(({ pinHash, cardHash, ...member }) => ({ member, pinHash, cardHash }));
    // The demo staff may do everything, so a demo shows every button.
    if (config.demoPin !== undefined) staff.push({ member: { id: 'demo', name: '演示员工', canLeaveKioskMode: true }, pinHash: await hashPin(config.demoPin, cost) });
    return new StaffDirectory(staff);
  }

  get configured(): boolean {
    return this.#staff.length > 0;
  }

  get cardsConfigured(): boolean {
    return this.#staff.some((s) => s.cardHash !== undefined);
  }

  /** The staff member whose PIN this is. */
  identify(pin: string): Promise<StaffMember | undefined> {
    return this.#match(pin, 'pinHash');
  }

  /** The staff member whose card carries this number (ID number or permit number); the number is not kept. */
  identifyCard(cardNumber: string): Promise<StaffMember | undefined> {
    return this.#match(cardNumber, 'cardHash');
  }

  /**
   * Every hash of the kind is checked, also after a match, so the time taken does not tell which entry matched
   * (secrets are unique per staff member; the first match wins).
   */
  async #match(secret: string, kind: 'pinHash' | 'cardHash'): Promise<StaffMember | undefined> {
    const matches = await Promise.all(this.#staff.map((entry) => (entry[kind] === undefined ? false : verifyPin(secret, entry[kind]))));
    return this.#staff[matches.indexOf(true)]?.member;
  }
}
