// One control surface for every simulator: tests, the demo and the staff screen script devices through it
// ("present this card", "paper runs out", "jam the feeder") without knowing how each simulator works inside.
import { z } from 'zod';
import type { DeviceClass } from '../../contracts/device-model';

export interface SimulatorAction<I extends z.ZodType = z.ZodType> {
  /** One line for the staff screen and logs, e.g. "放入身份证 / present an ID card". */
  description: string;
  input: I;
  run(input: z.output<I>): Promise<void> | void;
}

export interface SimulatorControl {
  readonly deviceClass: DeviceClass;
  readonly deviceId: string;
  readonly actions: Record<string, SimulatorAction>;
}

export function simulatorAction<I extends z.ZodType>(action: SimulatorAction<I>): SimulatorAction {
  return action as unknown as SimulatorAction;
}

const noInput = z.strictObject({});

/** An action without input (a button on the staff screen: "paper out", "jam"): `change` then `after`, e.g. a publish. */
export function buttonAction(description: string, change: () => void, after: () => void = () => {}): SimulatorAction {
  return simulatorAction({
    description,
    input: noInput,
    run: () => {
      change();
      after();
    },
  });
}

export type RunActionResult = { ok: true } | { ok: false; reason: string };

/** The registry the composition root fills with every simulator it starts. */
export class SimulationHub {
  readonly #controls = new Map<string, SimulatorControl>();

  register(control: SimulatorControl): () => void {
    this.#controls.set(control.deviceId, control);
    return () => this.#controls.delete(control.deviceId);
  }

  /** What can be scripted: device id → action names with descriptions. */
  list(): { deviceId: string; deviceClass: DeviceClass; actions: { name: string; description: string }[] }[] {
    return [...this.#controls.values()].map((control) => ({
      deviceId: control.deviceId,
      deviceClass: control.deviceClass,
      actions: Object.entries(control.actions).map(([name, action]) => ({ name, description: action.description })),
    }));
  }

  async run(deviceId: string, actionName: string, input: unknown): Promise<RunActionResult> {
    const control = this.#controls.get(deviceId);
    if (!control) return { ok: false, reason: `no simulated device ${deviceId}` };
    const action = Object.hasOwn(control.actions, actionName) ? control.actions[actionName] : undefined;
    if (!action) return { ok: false, reason: `${deviceId} has no action ${actionName}` };
    const parsed = action.input.safeParse(input);
    if (!parsed.success) return { ok: false, reason: `${deviceId}.${actionName}: ${parsed.error.issues[0]?.message ?? 'bad input'}` };
    await action.run(parsed.data);
    return { ok: true };
  }
}
