import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stagingUserId } from '../updates/update-policy';
import { feedUrl, writeStagingId } from './update-feed-setup';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feed-setup-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('feedUrl', () => {
  it('is the channel folder under the platform, with the terminal in the query', () => {
    expect(feedUrl('https://zw.example.cn', 'latest', 'QD-0001')).toBe('https://zw.example.cn/updates/latest/?terminal=QD-0001');
    // A platform behind a path prefix keeps it.
    expect(feedUrl('https://zw.example.cn/kiosk', 'beta', 'QD.1_a')).toBe('https://zw.example.cn/kiosk/updates/beta/?terminal=QD.1_a');
  });
});

describe('writeStagingId', () => {
  it('writes the terminal’s staging id where electron-updater reads it, and leaves it alone when it is right', async () => {
    const userData = path.join(dir, 'userData');
    await writeStagingId(userData, 'QD-0001');
    const file = path.join(userData, '.updaterId');
    expect(await readFile(file, 'utf8')).toBe(stagingUserId('QD-0001'));
    const written = (await stat(file)).mtimeMs;
    await writeStagingId(userData, 'QD-0001');
    expect((await stat(file)).mtimeMs).toBe(written);
    await writeStagingId(userData, 'QD-0002');
    expect(await readFile(file, 'utf8')).toBe(stagingUserId('QD-0002'));
  });
});
