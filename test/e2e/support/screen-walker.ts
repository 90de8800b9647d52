// Walks every screen of the citizen UI in one mode (zh-CN, zh-CN elder mode, English) and hands each to a visitor:
// `npm run screenshots` photographs them, test/e2e/accessibility.test.ts runs axe-core on them. The built kiosk runs
// with simulated devices and the embedded platform; a second kiosk whose platform never answers shows the offline
// screens. States that last only while a command runs (submitting, waiting for the answer, printing) are held open
// with a CommandGate; the "result will follow" answer is the one the Node side gives when the platform is slow.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CameraSimulator } from '../../../drivers/camera/camera-simulator';
import { launchChromium } from './chromium';
import { CommandGate } from './command-gate';
import { type KioskProcess, startKioskProcess } from './kiosk-process';

export const walkModes = ['zh-CN', 'elder', 'en'] as const;
export type WalkMode = (typeof walkModes)[number];

/** Called on every screen once it has settled; `screen` is a stable kebab-case name. */
export type ScreenVisitor = (page: Page, screen: string) => Promise<void>;

export const walkViewport = { width: 1280, height: 800 };
/** Long enough that a slow walk never meets the idle warning by accident; the idle screen moves the page clock on. */
const idle = { warnAfterSeconds: 900, countdownSeconds: 30 };
const waitLong = { timeout: 60_000 };

export interface WalkEnvironment {
  browser: Browser;
  online: KioskProcess;
  offline: KioskProcess;
  /** The page's Content Security Policy is lifted so a visitor can inject its own script (axe-core). */
  bypassCsp: boolean;
  close(): Promise<void>;
}

export async function startWalkEnvironment(options: { bypassCsp?: boolean } = {}): Promise<WalkEnvironment> {
  const work = await mkdtemp(path.join(tmpdir(), 'kiosk-walk-'));
  // A remote platform nobody answers at: the offline kiosk's sync agent fails from its first request.
  const credentialsFile = path.join(work, 'credentials.json');
  await writeFile(credentialsFile, JSON.stringify({ terminalId: 'WALK-0002', secret: 'A'.repeat(43) }));
  const [online, offline, browser] = await Promise.all([
    startKioskProcess({ terminal: { id: 'WALK-0001', name: '截图终端' }, ui: { idle } }),
    startKioskProcess({ terminal: { id: 'WALK-0002', name: '离线截图终端' }, ui: { idle }, platform: { mode: 'remote', url: 'http://127.0.0.1:9', credentialsFile } }),
    launchChromium(['--use-fake-ui-for-media-stream', ...new CameraSimulator().chromiumArgs()]),
  ]);
  return {
    browser,
    online,
    offline,
    bypassCsp: options.bypassCsp ?? false,
    async close() {
      await browser.close();
      await Promise.all([online.stop(), offline.stop()]);
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** Visits every screen in `mode`, in a fixed order. */
export async function walkScreens(env: WalkEnvironment, mode: WalkMode, visit: ScreenVisitor): Promise<void> {
  const walk = await ScreenWalk.open(env, mode, visit);
  try {
    await walk.findAService();
    const caseNumber = await walk.cardAndFaceJourney();
    await walk.qrJourneyWithPendingResult();
    await walk.staffHelpAndIdleWarning();
    await walk.progressAndRating(caseNumber);
    await walk.offline();
  } finally {
    await walk.close();
  }
}

class ScreenWalk {
  readonly #env: WalkEnvironment;
  readonly #mode: WalkMode;
  readonly #visit: ScreenVisitor;
  #page: Page;
  #gate: CommandGate;

  private constructor(env: WalkEnvironment, mode: WalkMode, visit: ScreenVisitor, page: Page, gate: CommandGate) {
    this.#env = env;
    this.#mode = mode;
    this.#visit = visit;
    this.#page = page;
    this.#gate = gate;
  }

  static async open(env: WalkEnvironment, mode: WalkMode, visit: ScreenVisitor): Promise<ScreenWalk> {
    const { page, gate } = await ScreenWalk.#newPage(env, env.online);
    return new ScreenWalk(env, mode, visit, page, gate);
  }

  static async #newPage(env: WalkEnvironment, kiosk: KioskProcess, clock = false): Promise<{ page: Page; gate: CommandGate }> {
    const page = await env.browser.newPage({ viewport: walkViewport, locale: 'zh-CN', bypassCSP: env.bypassCsp });
    const gate = await CommandGate.attach(page);
    if (clock) await page.clock.install();
    await page.goto(kiosk.pageUrl);
    await page.getByTestId('start-screen').waitFor(waitLong);
    return { page, gate };
  }

  async #replacePage(kiosk: KioskProcess, clock = false): Promise<void> {
    await this.#page.close();
    ({ page: this.#page, gate: this.#gate } = await ScreenWalk.#newPage(this.#env, kiosk, clock));
  }

  close(): Promise<void> {
    return this.#page.close();
  }

  async #shot(screen: string): Promise<void> {
    // Nothing moving: a screenshot or an accessibility check sees the settled screen.
    await this.#page.evaluate(() => document.fonts.ready.then(() => undefined));
    await this.#visit(this.#page, screen);
  }

  #testId(id: string) {
    return this.#page.getByTestId(id);
  }

  async #tap(container: string, keys: string): Promise<void> {
    for (const key of keys) await this.#page.locator(`[data-testid="${container}"] [data-key="${key}"]`).click();
  }

  async #simulate(deviceId: string, action: string, input: unknown = {}): Promise<void> {
    const answer = await this.#page.evaluate(
      async (request) => {
        const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
        const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/kiosk-api?token=${encodeURIComponent(token)}`);
        return new Promise<string>((resolve, reject) => {
          socket.onopen = () => socket.send(JSON.stringify({ type: 'invoke', id: 1, command: 'simulation.run', input: request }));
          socket.onmessage = (event) => {
            resolve(String(event.data));
            socket.close();
          };
          socket.onerror = () => reject(new Error('socket error'));
        });
      },
      { deviceId, action, input },
    );
    const parsed = JSON.parse(answer) as { result?: { ok?: boolean; output?: { ok?: boolean; reason?: string } } };
    if (!parsed.result?.ok || !parsed.result.output?.ok) throw new Error(`simulation.run ${deviceId} ${action}: ${answer}`);
  }

  /** From the attract screen: the mode's language and elder switch, then home with the catalog loaded. */
  async #home(options: { shootAttract?: string; catalog?: boolean } = {}): Promise<void> {
    const page = this.#page;
    await this.#testId('start-screen').waitFor(waitLong);
    if (this.#mode === 'en') await page.getByRole('button', { name: '切换为英文' }).click();
    if (this.#mode === 'elder') await page.locator('.start-actions .pill').first().click();
    if (options.shootAttract) await this.#shot(options.shootAttract);
    await this.#testId('start-button').click();
    await this.#testId('home-screen').waitFor();
    // The catalog arrives from the platform through the sync agent; offline there is none yet.
    if (options.catalog ?? true) await page.locator('.tile-hot').first().waitFor(waitLong);
  }

  async #largeText(screen: string): Promise<void> {
    await this.#testId('large-text-switch').click();
    await this.#shot(screen);
    await this.#testId('large-text-switch').click();
  }

  /** Home → search by item code → guide → "apply at this kiosk". */
  async #openJourney(code: string): Promise<void> {
    await this.#testId('search-box').waitFor();
    await this.#page.locator('[data-testid="keyboard"] .key-wide').last().click();
    await this.#tap('keyboard', code);
    await this.#testId('search-results').getByTestId('item-row').first().click();
    await this.#testId('start-journey').click();
    await this.#testId('step-choose-identity').waitFor(waitLong);
  }

  #step(name: string) {
    return this.#page.locator(`[data-testid="journey-screen"][data-step="${name}"]`).waitFor(waitLong);
  }

  /** Suggestions come first when the platform has any; then the journey's own form with its prefill. */
  async #pastSuggestions(shoot: boolean): Promise<void> {
    await this.#page.locator('[data-testid="journey-screen"][data-step="form"], [data-testid="suggestion"]').first().waitFor(waitLong);
    if (await this.#testId('suggestion').count()) {
      if (shoot) await this.#shot('suggestions');
      await this.#testId('suggestions-skip').click();
    }
    await this.#step('form');
    await this.#page.locator('.form-fields .field').first().waitFor();
  }

  async #pickFirstOption(field: string): Promise<void> {
    const choices = this.#page.locator(`[data-testid="field-${field}"] .choice`);
    const pressed = this.#page.locator(`[data-testid="field-${field}"] .choice[aria-pressed="true"]`);
    if ((await choices.count()) > 0 && (await pressed.count()) === 0) await choices.first().click();
  }

  /** A digits-only field the prefill left empty gets `digits` on the numeric pad. */
  async #fillNumber(field: string, digits: string): Promise<void> {
    const input = this.#testId(`input-${field}`);
    if ((await input.count()) && !/^\d+$/.test((await input.textContent()) ?? '')) {
      await input.click();
      await this.#tap('numeric-pad', digits);
    }
  }

  async #finishVisit(): Promise<void> {
    await this.#testId('result-done').click();
    await this.#testId('finish-screen').waitFor(waitLong);
  }

  async findAService(): Promise<void> {
    const page = this.#page;
    await this.#home({ shootAttract: 'attract' });
    await this.#shot('home');
    await page.locator('#departments-heading').scrollIntoViewIfNeeded();
    await this.#shot('home-departments');
    await this.#largeText('home-large-text');
    await page.locator('[aria-labelledby="topics-heading"] .tiles .tile').first().click();
    await page.locator('#list-heading').waitFor();
    await this.#shot('topic-items');
    await page.locator('.list-head .pill').click();
    await page.locator('[aria-labelledby="departments-heading"] .tile').first().click();
    await page.locator('#list-heading').waitFor();
    await this.#shot('department-items');
    await page.locator('.list-head .pill').click();
    await this.#tap('keyboard', 'gjj');
    await this.#testId('search-results').getByTestId('item-row').first().waitFor();
    await this.#shot('search-results');
    await this.#testId('search-results').getByTestId('item-row').first().click();
    await this.#testId('guide-name').waitFor();
    await this.#shot('guide');
    await this.#largeText('guide-large-text');
    await page.locator('.guide-screen .top-bar .pill').first().click();
    await this.#testId('home-screen').waitFor();
  }

  /** ID card (a read error first) → consent → face (a mismatch, then a match) → form → materials → submit → 秒批. */
  async cardAndFaceJourney(): Promise<string> {
    const page = this.#page;
    await this.#openJourney('112024');
    await this.#shot('identity-choice');
    await this.#testId('path-idCardFace').click();
    await this.#step('card');
    await this.#shot('card-prompt');
    // The reader's security module fails: the screen explains and offers another try.
    await this.#simulate('idcard-1', 'samFault');
    await this.#simulate('idcard-1', 'present', { card: 'resident' });
    await this.#testId('card-error').waitFor(waitLong);
    await this.#shot('card-error');
    await this.#simulate('idcard-1', 'resume');
    // The driver finds the module well again at its next poll; until then a try fails the same way.
    const consent = page.getByTestId('step-consent');
    for (let attempt = 0; attempt < 20 && !(await consent.isVisible()); attempt++) {
      await this.#simulate('idcard-1', 'remove');
      await this.#testId('card-error').getByRole('button').click();
      await this.#simulate('idcard-1', 'present', { card: 'resident' });
      await page.locator('[data-testid="step-consent"], [data-testid="card-error"]').first().waitFor(waitLong);
    }
    await this.#step('consent');
    await this.#simulate('idcard-1', 'remove');
    await this.#shot('consent');
    await this.#testId('consent-accept').click();
    await this.#step('face');
    const capture = this.#testId('face-capture');
    await page.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="face-capture"]');
      const lighting = document.querySelector('[data-testid="face-guidance"] [data-lighting]')?.getAttribute('data-lighting');
      return button && !button.disabled && lighting !== undefined && lighting !== 'checking';
    }, undefined, waitLong);
    await this.#shot('face-capture');
    await this.#simulate('face-comparison-demo', 'noMatch');
    await capture.click();
    await this.#testId('face-mismatch').waitFor(waitLong);
    await this.#shot('face-no-match');
    await this.#simulate('face-comparison-demo', 'match');
    await capture.click();
    await this.#pastSuggestions(true);
    await this.#shot('form');

    await this.#testId('input-destinationProvince').click();
    await this.#tap('text-keyboard', 'zhejiang');
    await this.#shot('form-keyboard');
    await this.#testId('candidate').filter({ hasText: /^浙江$/ }).click();
    await this.#testId('input-startDate').click();
    await this.#tap('numeric-pad', '2027');
    await this.#shot('form-numeric-pad');
    await this.#tap('numeric-pad', '0231');
    await this.#testId('error-startDate').waitFor();
    await this.#shot('form-error');
    for (let i = 0; i < 4; i++) await page.locator('[data-testid="numeric-pad"] [data-key="backspace"]').click();
    await this.#tap('numeric-pad', '0301');
    await this.#testId('input-phone').click();
    await this.#tap('numeric-pad', '13812345678');
    await this.#pickFirstOption('residenceCategory');
    await this.#pickFirstOption('insuranceType');
    await this.#testId('form-next').click();

    await this.#step('materials');
    await this.#shot('materials');
    for (const button of await this.#testId('scan').all()) await button.click();
    await this.#testId('scanned-page').first().waitFor(waitLong);
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('[data-testid="materials-next"]')?.disabled, undefined, waitLong);
    await this.#shot('materials-scanned');
    await this.#testId('materials-next').click();

    await this.#step('review');
    await this.#shot('review');
    const submit = this.#gate.hold('transaction.submit');
    const result = this.#gate.hold('transaction.result');
    const receipt = this.#gate.hold('print.receipt');
    await this.#testId('submit').click();
    await submit.reached;
    await this.#shot('submitting');
    submit.release();
    await result.reached;
    await this.#step('result');
    await this.#shot('result-waiting');
    result.release();
    await receipt.reached;
    await this.#testId('result-answer').waitFor(waitLong);
    await this.#shot('printing');
    receipt.release();
    await page.locator('[data-testid="print-receipt"].print-printed').waitFor(waitLong);
    await this.#shot('result-approved');
    const caseLine = (await page.locator('.result-case').textContent()) ?? '';
    const caseNumber = /[:：]\s*(\S+)$/.exec(caseLine)?.[1];
    if (!caseNumber) throw new Error(`no case number on the result screen: ${caseLine}`);
    await this.#finishVisit();
    await this.#shot('finish-reminder');
    await this.#testId('finish-done').click();
    return caseNumber;
  }

  /** Network-ID QR code → form (large text) → submit; the platform has not answered yet: "the result will follow". */
  async qrJourneyWithPendingResult(): Promise<void> {
    const page = this.#page;
    await this.#home();
    await this.#openJourney('112013');
    await this.#testId('path-networkIdQr').click();
    await this.#step('qr');
    await this.#shot('qr-prompt');
    // A scan sent before the screen listens is lost, as on a real reader: repeat until the screen moves on.
    const moved = page.locator('[data-testid="journey-screen"]:not([data-step="qr"])');
    for (let attempt = 0; attempt < 20 && !(await moved.isVisible()); attempt++) {
      await this.#simulate('barcode-1', 'scan', { text: 'CTID-DEMO-0001' });
      await moved.waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
    await this.#pastSuggestions(false);
    await this.#largeText('form-large-text');
    await this.#testId('input-phone').click();
    await this.#tap('numeric-pad', '13912345678');
    await this.#pickFirstOption('purpose');
    await this.#fillNumber('periodMonths', '12');
    await this.#testId('form-next').click();
    await this.#step('review');
    const result = this.#gate.hold('transaction.result');
    await this.#testId('submit').click();
    await result.reached;
    // What `transaction.result` says when the platform's answer has not come within the wait.
    result.answer({ state: 'pending' });
    await this.#testId('result-pending').waitFor(waitLong);
    await page.locator('[data-testid="print-receipt"].print-printed').waitFor(waitLong);
    await this.#shot('result-pending');
    await this.#finishVisit();
    await this.#testId('finish-done').click();
  }

  /** "Ask staff for help", then the idle warning over it (the page clock moves on instead of waiting). */
  async staffHelpAndIdleWarning(): Promise<void> {
    await this.#replacePage(this.#env.online, true);
    await this.#home();
    await this.#openJourney('112024');
    await this.#testId('path-staffAssisted').click();
    await this.#step('staff');
    await this.#shot('staff-help');
    await this.#page.clock.runFor(idle.warnAfterSeconds * 1000);
    await this.#testId('idle-warning').waitFor();
    await this.#shot('idle-warning');
    await this.#testId('idle-more-time').click();
    await this.#testId('journey-leave').click();
    await this.#replacePage(this.#env.online);
  }

  /** The progress query: keypad, a number nobody knows, the case from the first journey; then a bad rating. */
  async progressAndRating(caseNumber: string): Promise<void> {
    const page = this.#page;
    await this.#home();
    await this.#testId('progress-entry').click();
    await this.#testId('progress-screen').waitFor();
    await this.#shot('progress-keypad');
    await this.#tap('reference-keypad', '123456');
    await this.#testId('progress-submit').click();
    await this.#testId('progress-error').waitFor(waitLong);
    await this.#shot('progress-not-found');
    await page.locator('.progress-screen .primary-button').click();
    await page.locator('[data-testid="reference-keypad"] .key-wide').last().click();
    await this.#tap('reference-keypad', caseNumber.toLowerCase());
    await this.#testId('progress-submit').click();
    await this.#testId('progress-result').waitFor(waitLong);
    await this.#shot('progress-result');
    await this.#largeText('progress-result-large-text');
    await this.#testId('progress-rate').click();
    await this.#testId('rating-screen').waitFor();
    await this.#shot('rating');
    await this.#testId('rating-level-2').click();
    await this.#testId('rating-reasons').waitFor();
    await this.#testId('rating-reason-tooSlow').click();
    await this.#shot('rating-reasons');
    await this.#testId('rating-submit').click();
    await this.#testId('rating-thanks').waitFor(waitLong);
    await this.#shot('thank-you');
  }

  /** The kiosk whose platform is unreachable: the banner on the attract and home screens. */
  async offline(): Promise<void> {
    await this.#replacePage(this.#env.offline);
    await this.#testId('offline-banner').waitFor(waitLong);
    await this.#home({ shootAttract: 'offline-attract', catalog: false });
    await this.#shot('offline-home');
  }
}
