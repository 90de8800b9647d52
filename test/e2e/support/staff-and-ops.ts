// What end-to-end tests do as branch staff and as central ops, shared between test files: staff's "force sync" and a
// look at the maintenance overview through the test's KioskApi client, and ops' first login to the console (the
// one-time password, then their own).
import type { Page } from 'playwright-core';
import type { MaintenanceOverview } from '../../../contracts/maintenance-api';
import type { KioskApiClient } from '../../../contracts/kiosk-api-client';

/** Runs `action` inside a maintenance session opened with `pin`, and leaves it. */
async function asStaff<T>(client: KioskApiClient, pin: string, action: (maintenanceId: string) => Promise<T>): Promise<T> {
  const entered = await client.invoke('maintenance.enter', { pin });
  if (!entered.ok) throw new Error(`maintenance.enter: ${JSON.stringify(entered)}`);
  try {
    return await action(entered.maintenanceId);
  } finally {
    await client.invoke('maintenance.leave', { maintenanceId: entered.maintenanceId });
  }
}

/** What staff's "force sync" does: a heartbeat now, whose answer brings a new catalog, settings and commands. */
export function forceSync(client: KioskApiClient, pin: string): Promise<void> {
  return asStaff(client, pin, async (maintenanceId) => {
    const synced = await client.invoke('maintenance.forceSync', { maintenanceId });
    if (!synced.ok) throw new Error(`maintenance.forceSync: ${JSON.stringify(synced)}`);
  });
}

/** The maintenance overview's platform part, as staff see it. */
export function platformOverview(client: KioskApiClient, pin: string): Promise<MaintenanceOverview['platform']> {
  return asStaff(client, pin, async (maintenanceId) => {
    const answer = await client.invoke('maintenance.overview', { maintenanceId });
    if (!answer.ok) throw new Error(`maintenance.overview: ${JSON.stringify(answer)}`);
    return answer.overview.platform;
  });
}

/** Ops' first login with the one-time password, which the console makes them replace with their own. */
export async function firstOpsLogin(page: Page, consoleUrl: string, login: { username: string; oneTimePassword: string; ownPassword: string }): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByTestId('login-form').waitFor();
  await page.getByLabel('用户名').fill(login.username);
  await page.getByLabel('密码').fill(login.oneTimePassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/ops\/password$/);
  await page.getByLabel('当前密码').fill(login.oneTimePassword);
  await page.getByLabel(/^新密码/).fill(login.ownPassword);
  await page.getByLabel('再次输入新密码').fill(login.ownPassword);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.waitForURL(/\/ops\/$/);
}
