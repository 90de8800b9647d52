// Settings pushed to terminals (contracts/remote-operations.ts): ops replace a layer — the fleet's, a region's (the
// terminal's region is its group) or one terminal's — and each terminal gets one document, the layers merged
// fleet → region → terminal, numbered with the highest revision among them and signed with the platform's key.
//
// The document is a function of the layers only (issuedAt is the newest layer's time), so its text and ETag stay
// the same until a layer changes and a kiosk fetches it only then. The kiosk checks the kiosk-config schema; the
// platform checks only the shape (a JSON object), since it does not share the kiosk's configuration schema.
import { createHash } from 'node:crypto';
import { type PublishSettingsAnswer, type SettingsDocument, type SettingsOverrides, type SettingsRef, type SignedSettingsAnswer, settingsSigningInput } from '../../contracts/remote-operations';
import type { CatalogSigner } from '../catalog/catalog-signer';
import type { OpsAccounts, OpsPrincipal } from '../ops/ops-accounts';
import type { SettingsLayerRecord } from '../storage/fleet-queries';
import type { TerminalRecord } from '../storage/platform-storage';
import type { Outcome, SyncDeps } from '../sync/outcome';

type Json = SettingsOverrides[string];

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (arrays too) replaces what is below, as kiosk-config's layers do. */
export function mergeOverrides(lower: Record<string, Json>, upper: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...lower };
  for (const [key, value] of Object.entries(upper)) {
    const below = out[key];
    out[key] = isObject(below) && isObject(value) ? mergeOverrides(below, value) : value;
  }
  return out;
}

function scopesOf(terminal: Pick<TerminalRecord, 'terminalId' | 'region'>): string[] {
  return ['fleet', `region:${terminal.region}`, `terminal:${terminal.terminalId}`];
}

interface BuiltSettings {
  text: string;
  version: number;
  etag: string;
}

async function build(sync: SyncDeps, terminal: Pick<TerminalRecord, 'terminalId' | 'region'>): Promise<BuiltSettings | null> {
  const scopes = scopesOf(terminal);
  const found = await sync.storage.fleet.settingsLayers(scopes);
  if (found.length === 0) return null;
  const layers = scopes.flatMap((scope) => found.filter((l) => l.scope === scope)) as SettingsLayerRecord[];
  const document: SettingsDocument = {
    terminalId: terminal.terminalId,
    version: Math.max(...layers.map((l) => l.revision)),
    issuedAt: new Date(Math.max(...layers.map((l) => l.updatedAt.getTime()))).toISOString(),
    layers: layers.map((l) => ({ scope: l.scope, revision: l.revision })),
    overrides: layers.reduce<Record<string, Json>>((merged, l) => mergeOverrides(merged, l.overrides as Record<string, Json>), {}),
  };
  const text = JSON.stringify(document);
  return { text, version: document.version, etag: createHash('sha256').update(text).digest('hex') };
}

/** For the heartbeat answer. */
export async function settingsRef(sync: SyncDeps, terminal: TerminalRecord): Promise<SettingsRef | null> {
  const built = await build(sync, terminal);
  return built ? { version: built.version, etag: built.etag } : null;
}

export async function signedSettings(sync: SyncDeps, signer: CatalogSigner, terminal: TerminalRecord): Promise<SignedSettingsAnswer | null> {
  const built = await build(sync, terminal);
  return built ? { ...built, signature: signer.sign(settingsSigningInput(built.text)) } : null;
}

export async function publishSettingsLayer(sync: SyncDeps, accounts: OpsAccounts, principal: OpsPrincipal, scope: string, overrides: SettingsOverrides): Promise<Outcome<PublishSettingsAnswer>> {
  const layer = await sync.storage.fleet.putSettingsLayer(scope, overrides, sync.now(), principal.username);
  await accounts.audit(principal.username, 'settings.publish', scope, { revision: layer.revision, keys: Object.keys(overrides) });
  return { ok: true, value: { scope, revision: layer.revision, updatedAt: layer.updatedAt.toISOString() } };
}
