// The settings the platform pushes to this terminal: fetched when a heartbeat answer names another ETag than the
// one in force, checked (settings-check.ts), applied as the kiosk-config central overrides, and stored as the exact
// signed text in `<dataDir>/settings/settings.json`, read and checked again at start. A document that fails any
// check, is older than the one in force, or makes the configuration invalid is refused: the last good one stays.
import path from 'node:path';
import { z } from 'zod';
import { SignedSettingsAnswer, type SettingsRef } from '../../contracts/remote-operations';
import type { PushRefusal } from '../../contracts/sync-api';
import type { ConfigStore } from '../../kiosk-config/config-store';
import { readStateFile, writeStateFile } from '../maintenance/state-file';
import type { ServiceLogger } from '../services/service-logger';
import { describeFailure } from '../sync/failures';
import type { SyncResult } from '../sync/sync-client';
import { checkSettings } from './settings-check';

export interface PushedSettingsStatus {
  version: number | null;
  etag: string | null;
  /** Why the last document offered was refused (or could not be fetched); null after a good one. */
  lastError: string | null;
}

export interface PushedSettingsOptions {
  dir: string;
  terminalId: string;
  /** TerminalCredentials.catalogPublicKey: the platform's key signs settings too. */
  publicKey: string | undefined;
  config: Pick<ConfigStore, 'applyOverrides'>;
  /** `SyncClient.request('settings')`. */
  fetch: () => Promise<SyncResult<SignedSettingsAnswer>>;
  logger: ServiceLogger;
}

const Stored = z.object({ settings: SignedSettingsAnswer.nullable() });

export class PushedSettings {
  readonly #options: PushedSettingsOptions;
  readonly #file: string;
  #current: SignedSettingsAnswer | null = null;
  #version: number | null = null;
  #refusal: PushRefusal | null = null;
  #fetching: Promise<void> | null = null;

  private constructor(options: PushedSettingsOptions) {
    this.#options = options;
    this.#file = path.join(options.dir, 'settings.json');
  }

  /** Applies the stored document when it still checks out. */
  static async open(options: PushedSettingsOptions): Promise<PushedSettings> {
    const pushed = new PushedSettings(options);
    const read = await readStateFile(pushed.#file, Stored, { settings: null });
    if (read.problem) options.logger.error({ file: pushed.#file }, 'stored settings damaged: the configuration files alone apply until the next push');
    if (read.state.settings) {
      const applied = pushed.#apply(read.state.settings);
      if (!applied.ok) options.logger.error({ reason: applied.reason }, 'stored settings refused: the configuration files alone apply until the next push');
    }
    return pushed;
  }

  status(): PushedSettingsStatus {
    return { version: this.#version, etag: this.#current?.etag ?? null, lastError: this.#refusal?.reason ?? null };
  }

  /** The last document offered and not taken, for the heartbeats; null once a good one is in force. */
  refusal(): PushRefusal | null {
    return this.#refusal;
  }

  /** From each heartbeat answer. */
  announce(ref: SettingsRef | null | undefined): void {
    if (!ref || ref.etag === this.#current?.etag || this.#fetching) return;
    this.#fetching = this.#fetch().finally(() => {
      this.#fetching = null;
    });
  }

  /** Resolves when a fetch in progress is over. */
  async settled(): Promise<void> {
    await this.#fetching;
  }

  async #fetch(): Promise<void> {
    const { logger } = this.#options;
    const fetched = await this.#options.fetch();
    if (!fetched.ok) {
      this.#refuse(null, `settings fetch: ${describeFailure(fetched.failure)}`);
      logger.warn({ reason: this.#refusal?.reason }, 'settings not fetched; the last good ones stay');
      return;
    }
    const applied = this.#apply(fetched.value);
    if (!applied.ok) {
      this.#refuse(String(fetched.value.version), applied.reason);
      logger.error({ version: fetched.value.version, reason: applied.reason }, 'settings refused; the last good ones stay');
      return;
    }
    try {
      await writeStateFile(this.#file, { settings: fetched.value });
    } catch (error) {
      // In force until a restart, which goes back to the stored ones and fetches these again.
      logger.error({ code: (error as NodeJS.ErrnoException).code ?? 'error' }, 'settings could not be stored');
    }
    logger.info({ version: fetched.value.version }, 'settings applied');
  }

  #apply(signed: SignedSettingsAnswer): { ok: true } | { ok: false; reason: string } {
    const checked = checkSettings(signed, this.#options.publicKey, this.#options.terminalId);
    if (!checked.ok) return checked;
    if (this.#version !== null && checked.document.version < this.#version) {
      return { ok: false, reason: `settings version ${checked.document.version} is older than version ${this.#version} in force` };
    }
    const result = this.#options.config.applyOverrides(checked.document.overrides);
    if (!result.ok) return { ok: false, reason: `the settings make the configuration invalid: ${result.error.message.slice(0, 300)}` };
    this.#current = signed;
    this.#version = checked.document.version;
    this.#refusal = null;
    return { ok: true };
  }

  #refuse(version: string | null, reason: string): void {
    this.#refusal = { version, at: new Date().toISOString(), reason: reason.slice(0, 300) };
  }
}
