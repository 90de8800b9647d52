// Holds one KioskApi command between the page and the Node side, so a screen that shows only while a command runs
// (submitting, waiting for the platform's answer, printing) stays on screen long enough to be looked at. Playwright
// routes the page's WebSocket through here; everything not held passes through unchanged.
import type { Page, WebSocketRoute } from 'playwright-core';
import type { CommandName } from '../../../contracts/kiosk-api';

export interface HeldCommand {
  /** Resolves once the page has sent the command. */
  reached: Promise<void>;
  /** Sends the command on to the Node side: the page gets the real answer. */
  release(): void;
  /** Answers the page in the Node side's place, without sending the command on. */
  answer(output: unknown): void;
}

interface Hold {
  arrived(frame: { id: number }, forward: () => void, reply: (text: string) => void): void;
}

export class CommandGate {
  readonly #holds = new Map<string, Hold>();

  /** Routes the page's KioskApi socket through the gate; call before the page loads. */
  static async attach(page: Page): Promise<CommandGate> {
    const gate = new CommandGate();
    await page.routeWebSocket(/\/kiosk-api\b/, (socket) => gate.#route(socket));
    return gate;
  }

  /** Holds the next invocation of `command`. */
  hold(command: CommandName): HeldCommand {
    let arrived = () => {};
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    let send: (() => void) | undefined;
    let respond: ((text: string) => void) | undefined;
    let id = 0;
    this.#holds.set(command, {
      arrived: (frame, forward, reply) => {
        id = frame.id;
        send = forward;
        respond = reply;
        arrived();
      },
    });
    const settled = (): { send: () => void; respond: (text: string) => void } => {
      if (!send || !respond) throw new Error(`${command} was not sent yet: await reached first`);
      return { send, respond };
    };
    return {
      reached,
      release: () => settled().send(),
      answer: (output) => settled().respond(JSON.stringify({ type: 'result', id, result: { ok: true, output } })),
    };
  }

  #route(socket: WebSocketRoute): void {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const frame = typeof message === 'string' ? (JSON.parse(message) as { type?: string; id?: number; command?: string }) : {};
      const hold = frame.type === 'invoke' && frame.command !== undefined ? this.#holds.get(frame.command) : undefined;
      if (!hold || frame.command === undefined || frame.id === undefined) return server.send(message);
      this.#holds.delete(frame.command);
      hold.arrived({ id: frame.id }, () => server.send(message), (text) => socket.send(text));
    });
    server.onMessage((message) => socket.send(message));
  }
}
