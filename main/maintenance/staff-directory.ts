// Who may enter maintenance mode: the configured staff (PIN hashes) and, in the demo configuration only, the staff
// `demo` whose clear-text PIN is hashed here at start, so every check compares against hashes alike.
import type { MaintenanceConfig } from '../../kiosk-config/maintenance-config';
import { type ScryptCost, defaultPinCost, hashPin, verifyPin } from './pin-hash';

export interface StaffMember {
  id: string;
  name?: string;
}

export class StaffDirectory {
  readonly #staff: { member: StaffMember; pinHash: string }[];

  private constructor(staff: { member: StaffMember; pinHash: string }[]) {
    this.#staff = staff;
  }

  static async from(config: Pick<MaintenanceConfig, 'staff' | 'demoPin'>, cost: ScryptCost = defaultPinCost): Promise<StaffDirectory> {
    const staff = config.staff.map(({ pinHash, ...member }) => ({ member, pinHash }));
    if (config.demoPin !== undefined) staff.push({ member: { id: 'demo', name: '演示员工' }, pinHash: await hashPin(config.demoPin, cost) });
    return new StaffDirectory(staff);
  }

  get configured(): boolean {
    return this.#staff.length > 0;
  }

  /**
   * The staff member whose PIN this is. Every hash is checked, also after a match, so the time taken does not tell
   * which entry matched (PINs are unique per staff member; the first match wins).
   */
  async identify(pin: string): Promise<StaffMember | undefined> {
    const matches = await Promise.all(this.#staff.map(({ pinHash }) => verifyPin(pin, pinHash)));
    return this.#staff[matches.indexOf(true)]?.member;
  }
}
