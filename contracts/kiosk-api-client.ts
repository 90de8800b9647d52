// The screen's end of KioskApi, independent of transport: validates what it sends and what it receives.
import {
  type ApiErrorCode,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
  InvokeResult,
  isEventName,
  kioskCommands,
  kioskEvents,
} from './kiosk-api';

/** What a transport must do: carry one request to the Node side and back, and deliver pushed events. */
export interface ClientTransport {
  /** Resolves with the raw result envelope; rejects only when the bridge itself is broken. */
  invoke(command: string, input: unknown): Promise<unknown>;
  /** Calls `listener` for every pushed event; returns the function that stops it. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export class KioskApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'KioskApiError';
    this.code = code;
  }
}

export interface KioskApiClient {
  invoke<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

export function createKioskApiClient(transport: ClientTransport): KioskApiClient {
  return {
    async invoke(command, input) {
      const spec = kioskCommands[command];
      const parsedInput = spec.input.safeParse(input);
      if (!parsedInput.success) {
        throw new KioskApiError('invalidInput', `${command}: ${parsedInput.error.issues[0]?.message ?? 'invalid input'}`);
      }
      let raw: unknown;
      try {
        raw = await transport.invoke(command, parsedInput.data);
      } catch (error) {
        throw new KioskApiError('unavailable', `${command}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const envelope = InvokeResult.safeParse(raw);
      if (!envelope.success) throw new KioskApiError('invalidOutput', `${command}: malformed result envelope`);
      if (!envelope.data.ok) throw new KioskApiError(envelope.data.error.code, envelope.data.error.message);
      const output = spec.output.safeParse(envelope.data.output);
      if (!output.success) throw new KioskApiError('invalidOutput', `${command}: output failed its schema`);
      return output.data as CommandOutput<typeof command>;
    },

    on(event, handler) {
      return transport.subscribe((name, payload) => {
        if (name !== event || !isEventName(name)) return;
        const parsed = kioskEvents[event].safeParse(payload);
        // A malformed event is dropped rather than handed to the UI; the Node side validated it before sending,
        // so this only happens with a broken or foreign sender.
        if (parsed.success) handler(parsed.data as EventPayload<typeof event>);
      });
    },
  };
}
