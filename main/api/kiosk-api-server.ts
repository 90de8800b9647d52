// The Node side's end of KioskApi, independent of transport: validates every request and every answer.
//
// Transports (main/browser-host/ws-bridge.ts, main/electron/ipc-bridge.ts) authenticate the caller first, then hand
// the raw request here. Nothing a page sends reaches a handler unparsed.
import {
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
  type InvokeResult,
  type ParsedCommandInput,
  isCommandName,
  kioskCommands,
  kioskEvents,
} from '../../contracts/kiosk-api';

export type KioskApiHandlers = {
  [N in CommandName]: (input: ParsedCommandInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

/** The part of a logger this module uses (pino's shape). */
export interface ApiLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export type EventListener = (name: EventName, payload: unknown) => void;

export interface KioskApiServer {
  /** Runs one request from a transport; never throws, every failure is a result envelope. */
  invoke(command: unknown, input: unknown): Promise<InvokeResult>;
  /** Validates and pushes an event to every connected screen. */
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Used by transports to forward events; returns the function that stops forwarding. */
  subscribe(listener: EventListener): () => void;
}

export function createKioskApiServer(options: { handlers: KioskApiHandlers; logger: ApiLogger }): KioskApiServer {
  const { handlers, logger } = options;
  const listeners = new Set<EventListener>();

  async function run<N extends CommandName>(name: N, input: unknown): Promise<InvokeResult> {
    const spec = kioskCommands[name];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('invalidInput', `${name}: ${issue ? `${issue.path.join('.') || '(input)'}: ${issue.message}` : 'invalid'}`);
    }
    let output: unknown;
    try {
      output = await handlers[name](parsed.data as ParsedCommandInput<N>);
    } catch (error) {
      // The error may carry personal data; the logger redacts it, the screen gets only a generic message.
      logger.error({ command: name, err: error }, 'KioskApi handler failed');
      return fail('internal', `${name} failed`);
    }
    const checked = spec.output.safeParse(output);
    if (!checked.success) {
      logger.error({ command: name, issues: checked.error.issues.map((i) => i.path.join('.')) }, 'KioskApi output failed its schema');
      return fail('invalidOutput', `${name} produced an invalid answer`);
    }
    return { ok: true, output: checked.data };
  }

  return {
    invoke(command, input) {
      if (!isCommandName(command)) {
        logger.warn({ command: String(command).slice(0, 100) }, 'KioskApi unknown command');
        return Promise.resolve(fail('unknownCommand', 'unknown command'));
      }
      return run(command, input);
    },

    publish(name, payload) {
      // Validating here turns a bad event into a bug report on the Node side instead of a silent drop on the screen.
      const checked = kioskEvents[name].parse(payload);
      for (const listener of listeners) listener(name, checked);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function fail(code: Extract<InvokeResult, { ok: false }>['error']['code'], message: string): InvokeResult {
  return { ok: false, error: { code, message } };
}
