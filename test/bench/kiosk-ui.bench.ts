// The citizen screen as a whole (issue 5): how long from launching the kiosk until home answers a tap, and whether the
// renderer's memory grows over a day of visits. The built kiosk runs on the browser host with simulated devices and
// the embedded platform (`npm run build` first; `npm run bench` does not build); Debian's Chromium shows the page.
//
// Memory: one page serves 500 back-to-back visits (attract → home → search by keyboard → item guide → identity
// choice → card wait → leave → home → exit → reminder to take the card → attract), as a kiosk's page does all day.
// After visit 10 and visit 500 the page is garbage-collected through the DevTools protocol and its JS heap, DOM nodes
// and event listeners are read.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import { startKioskProcess } from '../e2e/support/kiosk-process';
import { type BenchFigure, type Benchmark, percentile } from './bench';

const viewport = { width: 1280, height: 800 };
const waitLong = { timeout: 60_000 };
const STARTS = 3;
const VISITS = 500;
const EARLY = 10;

/** Launch → kiosk page served → home with the hot items showing, after the citizen's tap on the attract screen. */
async function timeStart(page: Page, dataDir: string): Promise<{ serveMs: number; homeMs: number; stop: () => Promise<unknown> }> {
  const t0 = performance.now();
  const kiosk = await startKioskProcess({ terminal: { id: 'BENCH-UI-01', name: '性能测试终端' }, dataDir });
  const served = performance.now();
  await page.goto(kiosk.pageUrl);
  await page.getByTestId('start-button').click(waitLong);
  await page.getByTestId('home-screen').waitFor(waitLong);
  await page.locator('.tile-hot').first().waitFor(waitLong);
  return { serveMs: served - t0, homeMs: performance.now() - t0, stop: () => kiosk.stop() };
}

async function visit(page: Page): Promise<void> {
  await page.getByTestId('start-button').click(waitLong);
  await page.getByTestId('home-screen').waitFor(waitLong);
  await page.locator('.tile-hot').first().waitFor(waitLong);
  await page.getByTestId('search-box').waitFor();
  for (const key of 'gjj') await page.locator(`[data-testid="keyboard"] [data-key="${key}"]`).click();
  await page.getByTestId('search-results').getByTestId('item-row').first().click();
  await page.getByTestId('start-journey').click();
  await page.getByTestId('step-choose-identity').waitFor(waitLong);
  const card = page.getByTestId('path-idCardFace');
  if ((await card.count()) > 0) {
    await card.click();
    await page.getByTestId('step-card').waitFor(waitLong);
  }
  // Leave → the guide → home → exit; the reminder to take the card shows because the card wait opened a session.
  await page.getByTestId('journey-leave').click();
  await page.locator('.guide-screen .top-bar .pill').nth(1).click();
  await page.getByTestId('home-exit').click();
  await page.getByTestId('finish-done').click(waitLong);
  await page.getByTestId('start-screen').waitFor(waitLong);
}

async function memory(cdp: CDPSession): Promise<{ heapMb: number; nodes: number; listeners: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapMb: metric('JSHeapUsedSize') / 2 ** 20, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

const bench: Benchmark = {
  name: 'kiosk UI: start to interactive home; renderer memory over 500 visits',
  async run(): Promise<BenchFigure[]> {
    const browser = await launchChromium();
    // Kept across the restarts (the kiosk process helper removes only its own folder).
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-ui-'));
    try {
      const figures: BenchFigure[] = [];
      // First start on an empty data folder (migrations, provisioning, first catalog), then restarts on it.
      const first = await browser.newPage({ viewport, locale: 'zh-CN' });
      const cold = await timeStart(first, dataDir);
      await first.close();
      await cold.stop();
      figures.push({ key: 'ui.start.first.home.ms', value: cold.homeMs, unit: 'ms', note: 'launch on an empty data folder → home with hot items after a tap' });
      const warm: number[] = [];
      const serve: number[] = [];
      for (let i = 0; i < STARTS; i++) {
        const page = await browser.newPage({ viewport, locale: 'zh-CN' });
        const start = await timeStart(page, dataDir);
        warm.push(start.homeMs);
        serve.push(start.serveMs);
        await page.close();
        await start.stop();
      }
      figures.push(
        { key: 'ui.start.page.ms.p50', value: percentile(serve, 50), unit: 'ms', note: `launch → kiosk page served (embedded platform up), p50 of ${STARTS} restarts` },
        { key: 'ui.start.home.ms.p50', value: percentile(warm, 50), unit: 'ms', note: `launch → home interactive with hot items, p50 of ${STARTS} restarts on the same data` },
      );

      const kiosk = await startKioskProcess({ terminal: { id: 'BENCH-UI-02', name: '性能测试终端' } });
      try {
        const page = await browser.newPage({ viewport, locale: 'zh-CN' });
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        await page.goto(kiosk.pageUrl);
        let early = { heapMb: 0, nodes: 0, listeners: 0 };
        const visitMs: number[] = [];
        for (let i = 1; i <= VISITS; i++) {
          const t0 = performance.now();
          await visit(page);
          visitMs.push(performance.now() - t0);
          if (i === EARLY) early = await memory(cdp);
        }
        const late = await memory(cdp);
        figures.push(
          { key: 'ui.memory.heap.after10.mb', value: early.heapMb, unit: 'MB', note: `renderer JS heap after ${EARLY} visits, after a forced GC` },
          { key: 'ui.memory.heap.after500.mb', value: late.heapMb, unit: 'MB', note: `same after ${VISITS} visits` },
          { key: 'ui.memory.nodes.after10', value: early.nodes, unit: 'nodes', note: 'DOM nodes after a forced GC' },
          { key: 'ui.memory.nodes.after500', value: late.nodes, unit: 'nodes', note: `same after ${VISITS} visits` },
          { key: 'ui.memory.listeners.after10', value: early.listeners, unit: 'listeners', note: 'JS event listeners' },
          { key: 'ui.memory.listeners.after500', value: late.listeners, unit: 'listeners', note: `same after ${VISITS} visits` },
          { key: 'ui.visit.ms.p50', value: percentile(visitMs, 50), unit: 'ms', note: 'one scripted visit through Playwright (taps, not a citizen’s pace)' },
        );
        await page.close();
      } finally {
        await kiosk.stop();
      }
      return figures;
    } finally {
      await browser.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
