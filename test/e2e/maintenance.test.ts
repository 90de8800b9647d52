// Branch staff on the built kiosk in Debian's Chromium (issue 6, "Done when"): the hidden corner gesture and the demo
// staff PIN open maintenance mode; a paper-out scripted on the receipt printer simulator shows with its fix; staff
// mark the roll restocked and print a test receipt (decoded from the simulator's bytes); the audit reaches the
// platform with a heartbeat; the demo staff card on the simulated ID card reader opens it too; logs go to a USB drive
// (a tmpfs mounted under a temporary mount root given to the kiosk); wrong PINs and a citizen's card lock the entry.
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApiClient } from '../../contracts/kiosk-api-client';
import { readPrintedReceipts } from '../../drivers/receipt-printer/test-support/receipt-decoder';
import { canMountTmpfs, mountTmpfs } from '../../main/maintenance/test-support/tmpfs-drive';
import { launchChromium } from './support/chromium';
import { connectTestClient } from './support/kiosk-client';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const viewport = { width: 1280, height: 800 };
const slow = { timeout: 15_000 };

describe('branch-staff maintenance mode', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let page: Page;
  let api: { client: KioskApiClient; close(): void };
  let demoPin: string;
  /** Where the kiosk looks for USB drives (maintenance.usbMountRoots). */
  let mountRoot: string;

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    mountRoot = await mkdtemp(path.join(tmpdir(), 'kiosk-usb-'));
    kiosk = await startKioskProcess({ terminal: { id: 'E2E-0601', name: '维护模式测试终端' }, maintenance: { usbMountRoots: [mountRoot] } });
    api = connectTestClient(kiosk);
    browser = await launchChromium();
    page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(kiosk.pageUrl);
    await page.getByTestId('start-screen').waitFor();
  });

  afterAll(async () => {
    api?.close();
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
    await rm(mountRoot, { recursive: true, force: true });
  });

  const presentCard = (card: 'resident' | 'residentRareName') => api.client.invoke('simulation.run', { deviceId: 'idcard-1', action: 'present', input: { card } });

  /** Five taps in the top-right corner, as staff do it. */
  async function gesture(): Promise<void> {
    // The corner zone appears once the page has asked how the entry works.
    await page.getByTestId('maintenance-corner').waitFor({ state: 'attached' });
    for (let i = 0; i < 5; i++) await page.mouse.click(viewport.width - 12, 12);
    await page.getByTestId('pin-screen').waitFor();
  }

  async function typePin(pin: string): Promise<void> {
    for (const digit of pin) await page.locator(`[data-testid="pin-screen"] [data-key="${digit}"]`).click();
    await page.getByTestId('pin-submit').click();
  }

  const receiptCard = () => page.getByTestId('device-receipt-1');

  it('prints how to enter and the demo PIN at start (demo configuration only)', () => {
    const match = /demo staff PIN (\d+)/.exec(kiosk.output());
    expect(match, kiosk.output()).not.toBeNull();
    demoPin = match?.[1] ?? '';
    expect(kiosk.output()).toContain('tap the top-right corner 5 times within 3 s');
  });

  it('taps in the corner open the PIN screen, not the citizen journey', async () => {
    await gesture();
    // The citizen's screen is still there underneath, hidden, and was not started by the taps.
    expect(await page.getByTestId('start-screen').isHidden()).toBe(true);
    await page.getByTestId('pin-cancel').click();
    await page.getByTestId('start-screen').waitFor();
  });

  it('staff see a paper-out with its fix, mark the roll restocked and print a test receipt', async () => {
    expect(await api.client.invoke('simulation.run', { deviceId: 'receipt-1', action: 'setPaper', input: { paper: 'out' } })).toEqual({ ok: true });
    await gesture();
    await typePin(demoPin);
    await page.getByTestId('maintenance-screen').waitFor();
    expect(await page.getByTestId('maintenance-screen').textContent()).toContain('工作人员：演示员工');

    // The driver polls the printer every 2 s; the screen refreshes every 3 s.
    await expect.poll(() => receiptCard().getByTestId('device-problem').textContent(), slow).toBe('收据打印机缺纸 — 打开前盖，放入新纸卷');
    expect(await receiptCard().textContent()).toContain('需要处理');
    await page.screenshot({ path: path.join(artefacts, 'maintenance.paper-out.zh-CN.png') });

    // The staff member loads a roll (on the simulator), and the problem goes away by itself.
    await api.client.invoke('simulation.run', { deviceId: 'receipt-1', action: 'setPaper', input: { paper: 'full' } });
    await expect.poll(() => receiptCard().getByTestId('device-problem').count(), slow).toBe(0);
    expect(await receiptCard().getAttribute('data-state')).toBe('online');

    await page.getByTestId('restock').click();
    await expect.poll(() => page.getByTestId('maintenance-notice').textContent()).toBe('已记录换纸，计数已清零');
    expect(await page.getByTestId('paper-counter').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('consumables').textContent()).toMatch(/上次换纸：.+（demo）/);

    const printedBefore = (await readPrintedReceipts(kiosk.dataDir)).length;
    await page.getByTestId('test-receipt-1-printReceipt').click();
    await expect.poll(() => page.getByTestId('test-result-receipt-1').getAttribute('data-code'), slow).toBe('success');
    const receipts = await readPrintedReceipts(kiosk.dataDir);
    expect(receipts).toHaveLength(printedBefore + 1);
    const { lines, qrPayloads, cuts } = receipts.at(-1)?.decoded ?? { lines: [], qrPayloads: [], cuts: 0 };
    expect(lines).toContain('TEST PRINT / 打印测试');
    expect(lines.some((line) => line.includes('维护模式测试终端 (E2E-0601)'))).toBe(true);
    expect(qrPayloads).toHaveLength(1);
    expect(cuts).toBe(1);
    // The test receipt used paper: the counter says so.
    await expect.poll(() => page.getByTestId('paper-counter').getAttribute('data-count'), slow).toBe('1');
    await page.screenshot({ path: path.join(artefacts, 'maintenance.zh-CN.png') });

    await page.getByTestId('maintenance-language').click();
    await expect.poll(() => page.getByTestId('leave-maintenance').textContent()).toBe('Leave maintenance');
    // Messages follow the language too.
    expect(await page.getByTestId('maintenance-notice').textContent()).toBe('New roll recorded; the counter starts again');
    await page.screenshot({ path: path.join(artefacts, 'maintenance.en.png') });
  });

  it('a forced sync takes the staff actions to the platform with a heartbeat', async () => {
    await page.getByTestId('force-sync').click();
    await expect.poll(() => page.getByTestId('maintenance-notice').textContent()).toBe('Sync started');
    const maintenanceDir = path.join(kiosk.dataDir, 'maintenance');
    const entries = (await readFile(path.join(maintenanceDir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; staffId: string | null; action: string; detail?: string });
    expect(entries.map((e) => e.action)).toEqual(['enter', 'restock', 'testDevice', 'forceSync']);
    expect(entries.every((e) => e.staffId === 'demo')).toBe(true);
    expect(entries[2]?.detail).toBe('receipt-1 printReceipt: success');
    // The cursor moves only after the platform answered the heartbeat that carried them (and its schema took them).
    const reported = async () => (JSON.parse(await readFile(path.join(maintenanceDir, 'audit-reported.json'), 'utf8').catch(() => '{}')) as { reportedSeq?: number }).reportedSeq;
    await expect.poll(reported, slow).toBe(entries.at(-1)?.seq);
  });

  it('leaving gives the citizen screen back, in its own language', async () => {
    await page.getByTestId('leave-maintenance').click();
    await page.getByTestId('start-screen').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('the demo staff card on the ID card reader opens maintenance mode', async () => {
    await gesture();
    expect(await page.getByTestId('pin-prompt').textContent()).toBe('请输入工作人员密码，或在身份证阅读器上放置工作人员证件');
    await page.screenshot({ path: path.join(artefacts, 'maintenance.card-prompt.zh-CN.png') });
    // The simulator's 蓝𠮷䶮 card is the demo staff card (its number's hash is in demo.json).
    expect(await presentCard('residentRareName')).toEqual({ ok: true });
    await page.getByTestId('maintenance-screen').waitFor();
    expect(await page.getByTestId('maintenance-screen').textContent()).toContain('工作人员：演示员工（工卡）');
  });

  it('exports the logs to a USB drive, and says so in plain words when there is none', async () => {
    await page.getByTestId('export-logs').click();
    await expect.poll(() => page.getByTestId('export-result').textContent(), slow).toBe('请插入U盘：没有找到U盘，插入后稍等几秒再试');
    if (!(await canMountTmpfs())) return void console.warn('no right to mount a tmpfs here: the write to a drive is not tested end to end');
    const drive = await mountTmpfs(path.join(mountRoot, 'kiosk', 'KIOSK USB'));
    try {
      await page.getByTestId('export-logs').click();
      await expect.poll(() => page.getByTestId('export-result').textContent(), slow).toMatch(/^已导出 2 个文件（[\d.]+ KB）到 .+，可以拔出U盘$/);
      await page.screenshot({ path: path.join(artefacts, 'maintenance.usb-export.zh-CN.png') });
      const [folder] = await readdir(path.join(drive.path, 'gov-kiosk-logs'));
      expect(folder).toMatch(/^E2E-0601-/);
      const manifest = JSON.parse(await readFile(path.join(drive.path, 'gov-kiosk-logs', folder ?? '', 'manifest.json'), 'utf8')) as { terminalId: string; files: { name: string }[] };
      expect(manifest.terminalId).toBe('E2E-0601');
      // The logs were redacted when written: the staff card's number is nowhere in them.
      const gzip = await readFile(path.join(drive.path, 'gov-kiosk-logs', folder ?? '', manifest.files[0]?.name ?? ''));
      expect(gunzipSync(gzip).toString()).not.toContain('330106195603150845');
    } finally {
      drive.unmount();
    }
  });

  it('the browser host cannot leave kiosk mode and says why', async () => {
    await page.getByTestId('leave-kiosk-mode').click();
    await expect.poll(() => page.getByTestId('kiosk-mode-result').textContent()).toBe('本终端在浏览器中运行，全屏由操作系统会话管理，这里无法退出');
    await page.getByTestId('staff-tools').screenshot({ path: path.join(artefacts, 'maintenance.staff-tools.zh-CN.png') });
    const entries = (await readFile(path.join(kiosk.dataDir, 'maintenance', 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { staffId: string; action: string; detail?: string });
    expect(entries.filter((e) => e.action === 'exportLogs').map((e) => [e.staffId, e.detail?.replace(/\d+ bytes/, 'N bytes')])).toEqual(
      (await canMountTmpfs()) ? [['demo-card', 'noDrive'], ['demo-card', '2 files, N bytes']] : [['demo-card', 'noDrive']],
    );
    await page.getByTestId('leave-maintenance').click();
    await page.getByTestId('start-screen').waitFor();
  });

  it('in elder mode the staff screen scales and keeps its targets large', async () => {
    await page.getByRole('button', { name: '长辈模式' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('elder');
    await gesture();
    await typePin(demoPin);
    await page.getByTestId('maintenance-screen').waitFor();
    await receiptCard().waitFor();
    for (const button of await page.locator('[data-testid="maintenance-screen"] button').all()) {
      const box = await button.boundingBox();
      expect(box && Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: path.join(artefacts, 'maintenance.elder.png') });
    await page.getByTestId('staff-tools').screenshot({ path: path.join(artefacts, 'maintenance.staff-tools.elder.png') });
    await page.getByTestId('leave-maintenance').click();
    await page.getByTestId('start-screen').waitFor();
    await page.getByRole('button', { name: '长辈模式' }).click();
  });

  it('wrong PINs and a card that is not a staff card lock the entry, also for the right PIN and the staff card', async () => {
    await gesture();
    for (const left of [4, 3, 2]) {
      await typePin('000000');
      await expect.poll(() => page.getByTestId('pin-message').textContent()).toBe(`密码错误，还可尝试 ${left} 次`);
      if (left === 4) {
        await page.locator('[data-testid="pin-screen"] [data-key="1"]').click();
        await page.screenshot({ path: path.join(artefacts, 'maintenance.pin.zh-CN.png') });
        await page.locator('[data-testid="pin-screen"] [data-key="backspace"]').click();
      }
    }
    // A citizen's card counts as a failed attempt.
    await presentCard('resident');
    await expect.poll(() => page.getByTestId('pin-message').textContent(), slow).toBe('这不是工作人员证件，还可尝试 1 次');
    await page.screenshot({ path: path.join(artefacts, 'maintenance.not-staff-card.zh-CN.png') });
    await typePin('000000');
    await expect.poll(() => page.getByTestId('pin-message').getAttribute('data-code')).toBe('locked');
    expect(await page.getByTestId('pin-message').textContent()).toMatch(/^错误次数过多，维护入口已锁定至 /);
    // No pad while locked; the Node side refuses the right PIN too.
    expect(await page.getByTestId('numeric-pad').count()).toBe(0);
    await page.screenshot({ path: path.join(artefacts, 'maintenance.locked.zh-CN.png') });
    expect(await api.client.invoke('maintenance.enter', { pin: demoPin })).toMatchObject({ ok: false, code: 'locked' });
    // The staff card is refused too, without being read.
    await presentCard('residentRareName');
    expect(await api.client.invoke('maintenance.enterWithCard', { timeoutSeconds: 5 })).toMatchObject({ ok: false, code: 'locked' });

    await page.getByTestId('pin-cancel').click();
    await page.getByTestId('start-screen').waitFor();
    // The gesture again: the lock shows at once.
    await gesture();
    expect(await page.getByTestId('pin-message').getAttribute('data-code')).toBe('locked');
    const entry = await api.client.invoke('maintenance.getEntry', {});
    expect(Date.parse(entry.lockedUntil ?? '') - Date.now()).toBeGreaterThan(14 * 60_000);
  });
});
