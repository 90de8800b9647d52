// `npm run platform` as a real process on PGlite: killed with SIGKILL twice, it comes back with every committed answer
// byte for byte and every received chunk, and the demo terminal keeps its credentials.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { type TerminalCredentials, buildPath, syncApi } from '../contracts/sync-api';
import { SignedClient } from './test-support/signed-client';
import { pgliteTemplate } from './test-support/storage-backends';
import { sampleSubmit } from './test-support/test-platform';
import { readCredentialsFile } from './terminals/provision';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts the platform and waits for its "listening" line; returns the URL. */
async function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PLATFORM_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Platform listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`platform exited (${code}): ${output}`)));
  });
  return { child, url };
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

it('keeps committed answers and received chunks across SIGKILL, and the demo terminal across restarts', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'platform-main-'));
  // A migrated database to start from, as the first start would make it, only faster.
  await cp(await pgliteTemplate(), path.join(dataDir, 'db'), { recursive: true });
  try {
    let { child, url } = await startProcess(dataDir);
    // A second platform on the same PGlite directory would corrupt it: it refuses to start.
    await expect(startProcess(dataDir)).rejects.toThrow(/in use by process/);
    const credentialsFile = path.join(dataDir, 'terminals', 'DEMO-0001.json');
    const credentials: TerminalCredentials = await readCredentialsFile(credentialsFile);
    expect(credentials).toMatchObject({ terminalId: 'DEMO-0001', platformUrl: url });
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, 'ops-token'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, 'catalog-signing-key.pem'))).mode & 0o777).toBe(0o600);
    expect(credentials.catalogPublicKey).toMatch(/^[A-Za-z0-9_-]+$/);

    let client = new SignedClient(url, credentials);
    const committed = sampleSubmit('DEMO-0001');
    const first = await client.send('POST', syncApi.submitTransaction.path, { json: committed });
    expect(first.json()).toMatchObject({ status: 'committed' });

    const scan = randomBytes(64_000);
    const withFile = sampleSubmit('DEMO-0001', {
      attachments: [{ id: 'scan', size: scan.byteLength, sha256: createHash('sha256').update(scan).digest('hex'), contentType: 'image/png' }],
    });
    await client.send('POST', syncApi.submitTransaction.path, { json: withFile });
    const chunk = (offset: number, end: number) =>
      client.send('PATCH', `${buildPath(syncApi.uploadChunk.path, { transactionId: withFile.transactionId, attachmentId: 'scan' })}?offset=${offset}`, {
        bytes: scan.subarray(offset, end),
      });
    expect((await chunk(0, 40_000)).status).toBe(200);

    await kill(child);
    ({ child, url } = await startProcess(dataDir));
    const again = await readCredentialsFile(credentialsFile);
    expect(again.secret).toBe(credentials.secret);
    expect(again.catalogPublicKey).toBe(credentials.catalogPublicKey);
    client = new SignedClient(url, again);

    expect((await client.send('POST', syncApi.submitTransaction.path, { json: committed })).text).toBe(first.text);
    const progress = await client.send('GET', buildPath(syncApi.attachmentProgress.path, { transactionId: withFile.transactionId, attachmentId: 'scan' }));
    expect(progress.json()).toMatchObject({ receivedBytes: 40_000 });
    expect((await chunk(40_000, 64_000)).json()).toMatchObject({ transactionStatus: 'committed' });
    const final = await client.send('POST', syncApi.submitTransaction.path, { json: withFile });

    await kill(child);
    ({ child, url } = await startProcess(dataDir));
    client = new SignedClient(url, await readCredentialsFile(credentialsFile));
    expect((await client.send('POST', syncApi.submitTransaction.path, { json: withFile })).text).toBe(final.text);
    expect((await client.send('POST', syncApi.submitTransaction.path, { json: committed })).text).toBe(first.text);
    await kill(child);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 90_000);
