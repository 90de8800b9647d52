// The whole kiosk in-process (demo configuration: simulated devices, embedded platform, the real sync agent): a
// citizen's application goes card → scan → submit → outbox → platform, and the screen gets the instant-approval
// (秒批) answer through `transaction.result` while online.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCitizenScript } from '../tools/citizen-script';
import { type InProcessKiosk, openInProcessKiosk } from '../tools/kiosk-connection';
import { loadScriptedItems } from '../tools/scripted-items';
import { SerialQueue } from '../services/serial-queue';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let dataDir: string;
let kiosk: InProcessKiosk;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiosk-instant-'));
  const opened = await openInProcessKiosk({ config: 'demo', dataDir, projectRoot, cwd: projectRoot });
  if (!opened.ok) throw new Error(opened.error);
  kiosk = opened.connection;
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('delivers an application at once and shows the platform’s instant-approval answer', async () => {
  const items = await loadScriptedItems(path.join(projectRoot, 'platform', 'catalog', 'demo-catalog.json'));
  if (!items.ok) throw new Error(items.error);
  // 高龄津贴申领: approved only from 80 years of age (from the ID number); the test resident was born in 1956.
  const item = items.items.find((i) => i.itemCode === '370200-000114007000');
  if (!item) throw new Error('demo catalog lacks 高龄津贴申领');
  const devices = await kiosk.client.invoke('simulation.list', {});
  const idCardDeviceId = devices.devices.find((d) => d.deviceClass === 'idCardReader')?.deviceId ?? '';

  const run = await runCitizenScript(
    { client: kiosk.client, idCardDeviceId, cardTurn: new SerialQueue(), onAccepted: async () => {} },
    { card: 'residentRareName', item, pages: 1, ...(item.materialCodes[0] ? { materialCode: item.materialCodes[0] } : {}) },
  );
  if (!run.ok) throw new Error(run.reason);

  const result = await kiosk.client.invoke('transaction.result', { transactionId: run.transactionId, waitSeconds: 30 });
  expect(result).toMatchObject({ state: 'answered', outcome: 'rejected', reasons: expect.arrayContaining(['年满80周岁方可申领高龄津贴']) });
  // Acknowledged means purged of personal data on the kiosk, the answer kept.
  await expect.poll(() => kiosk.kiosk.outbox.get(run.transactionId)?.state, { timeout: 10_000 }).toBe('purged');
}, 90_000);
