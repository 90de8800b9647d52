// Checks a settings document pushed by the platform (contracts/remote-operations.ts) before the kiosk uses it: the
// platform's Ed25519 signature (the catalog key, over `settingsSigningInput(text)`), the ETag, the schema, that it
// is this terminal's, and that it changes only what a central push may change. The configuration schema itself is
// checked when the overrides are applied (kiosk-config ConfigStore), which refuses an invalid result as a whole.
import { createHash } from 'node:crypto';
import { SettingsDocument, type SignedSettingsAnswer, settingsSigningInput } from '../../contracts/remote-operations';
import { verifyCatalogSignature } from '../sync/catalog-signature';

/**
 * What a push may set. Not the terminal's identity, data folder, platform, devices or shell, and not the staff PINs
 * or the privileged hooks: those stay with whoever installs the terminal, so a stolen platform key cannot turn a
 * push into running a program or redirecting the kiosk.
 */
export const pushablePaths = ['ui', 'logging', 'outbox', 'maintenance.gesture', 'maintenance.lockout', 'maintenance.idleMinutes'] as const;

export type SettingsCheck = { ok: true; document: SettingsDocument } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dotted paths the overrides set that no pushable path covers. */
function forbiddenPaths(overrides: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(value)) {
      const at = prefix ? `${prefix}.${key}` : key;
      if (pushablePaths.some((p) => at === p || at.startsWith(`${p}.`))) continue;
      if (isObject(child) && pushablePaths.some((p) => p.startsWith(`${at}.`))) walk(child, at);
      else out.push(at);
    }
  };
  walk(overrides, '');
  return out;
}

export function checkSettings(signed: SignedSettingsAnswer, publicKey: string | undefined, terminalId: string): SettingsCheck {
  const signature = verifyCatalogSignature(settingsSigningInput(signed.text), signed.signature, publicKey, 'settings');
  if (!signature.ok) return signature;
  if (createHash('sha256').update(signed.text).digest('hex') !== signed.etag) return { ok: false, reason: 'the settings ETag is not the SHA-256 of their text' };
  let json: unknown;
  try {
    json = JSON.parse(signed.text);
  } catch {
    return { ok: false, reason: 'the settings are not JSON' };
  }
  const parsed = SettingsDocument.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `the settings fail the schema at ${parsed.error.issues[0]?.path.join('.') || '(root)'}` };
  const document = parsed.data;
  if (document.terminalId !== terminalId) return { ok: false, reason: `the settings are for terminal ${document.terminalId}, not this one` };
  if (document.version !== signed.version) return { ok: false, reason: 'the settings version does not match the signed document' };
  const forbidden = forbiddenPaths(document.overrides);
  if (forbidden.length > 0) return { ok: false, reason: `the settings change what a central push may not: ${forbidden.slice(0, 5).join(', ')}` };
  return { ok: true, document };
}
