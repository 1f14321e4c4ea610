import { chromium, type Browser } from 'playwright-core';

/**
 * The web app in Chromium, through Playwright: how long from navigating to /drill until the
 * first card is ready to answer (a fresh browser context each time: no cache, no session
 * storage), from rating a card until the next one is shown, and how long the group page
 * takes to draw its progress grid once the data is in. Timings are benchmarks, never
 * pass/fail tests.
 */
export interface WebTimings {
  firstCard: Timing;
  nextCard: Timing;
}

interface Timing {
  samples: number;
  p50Ms: number;
  p95Ms: number;
}

/** What a function run in the page reads of its globals (this project compiles without the DOM's types). */
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function measureDrill({
  baseUrl,
  tokens,
  firstCardSamples = 20,
  nextCardSamples = 40,
}: {
  baseUrl: string;
  tokens: string[];
  firstCardSamples?: number;
  nextCardSamples?: number;
}): Promise<WebTimings> {
  const browser = await launchChromium();
  try {
    const cookie = (token: string) => [{ name: 'sid', value: token, url: baseUrl, httpOnly: true }];
    const first: number[] = [];
    for (let i = 0; i < firstCardSamples; i++) {
      const context = await browser.newContext();
      await context.addCookies(cookie(tokens[i % tokens.length]));
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${baseUrl}/drill`);
      await page.getByLabel('Your answer').waitFor({ state: 'visible' });
      first.push(performance.now() - started);
      await context.close();
    }

    const next: number[] = [];
    const context = await browser.newContext();
    await context.addCookies(cookie(tokens[0]));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/drill`);
    const title = page.locator('#question-title');
    await page.getByLabel('Your answer').waitFor({ state: 'visible' });
    for (let i = 0; i < nextCardSamples; i++) {
      const before = await title.textContent();
      await page.getByLabel('Your answer').press('Escape');
      const started = performance.now();
      await page.keyboard.press('3');
      // Run in the page, as a function (the CSP refuses evaluated strings): the next card's
      // title is shown, with its answer box.
      await page.waitForFunction(
        (previous) => {
          const { document } = globalThis as unknown as PageGlobals;
          const shown = document.querySelector('#question-title');
          return shown !== null && document.querySelector('#answer') !== null && shown.textContent !== previous;
        },
        before,
        { polling: 'raf', timeout: 15_000 },
      );
      next.push(performance.now() - started);
    }
    await context.close();
    return { firstCard: summarise(first), nextCard: summarise(next) };
  } finally {
    await browser.close();
  }
}

/**
 * The group page's progress grid: from the moment its data (progress and topic names) has
 * arrived to the first frame after the grid is in the document, from the page's own marks
 * (`interval:progress-data`, `interval:progress-painted` in ProgressGrid.svelte), in a fresh
 * context each time. Also checks the grid drawn is the size asked for, so a smaller fixture
 * cannot pass for this one.
 */
export async function measureProgressGrid({
  baseUrl,
  token,
  groupId,
  members,
  topics,
  samples = 15,
}: {
  baseUrl: string;
  token: string;
  groupId: string;
  members: number;
  topics: number;
  samples?: number;
}): Promise<{ members: number; topics: number; render: Timing; loadToGrid: Timing }> {
  const browser = await launchChromium();
  try {
    const render: number[] = [];
    const loadToGrid: number[] = [];
    for (let i = 0; i < samples; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: 'sid', value: token, url: baseUrl, httpOnly: true }]);
      const page = await context.newPage();
      if (process.env.BENCH_TRACE && i === samples - 1)
        await browser.startTracing(page, {
          path: process.env.BENCH_TRACE,
          categories: ['devtools.timeline', 'blink.user_timing'],
        });
      const started = performance.now();
      await page.goto(`${baseUrl}/groups/${groupId}`);
      // A function, not a string: the page's CSP forbids evaluating strings in it.
      await page.waitForFunction(
        () => performance.getEntriesByName('interval:progress-painted').length > 0,
        undefined,
        {
          timeout: 30_000,
        },
      );
      loadToGrid.push(performance.now() - started);
      if (process.env.BENCH_TRACE && i === samples - 1) await browser.stopTracing();
      const figures = (await page.evaluate(`(() => {
        const at = (name) => performance.getEntriesByName(name)[0].startTime;
        const grid = document.querySelector('table[role="grid"]');
        return {
          ms: at('interval:progress-painted') - at('interval:progress-data'),
          rows: grid.tBodies[0].rows.length,
          columns: grid.tHead.rows[0].cells.length - 2,
        };
      })()`)) as { ms: number; rows: number; columns: number };
      if (figures.rows !== members || figures.columns !== topics) {
        throw new Error(
          `the grid drew ${figures.rows} members × ${figures.columns} topics, not ${members} × ${topics}`,
        );
      }
      render.push(figures.ms);
      await context.close();
    }
    return { members, topics, render: summarise(render), loadToGrid: summarise(loadToGrid) };
  } finally {
    await browser.close();
  }
}

function summarise(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { samples: values.length, p50Ms: Math.round(at(0.5)), p95Ms: Math.round(at(0.95)) };
}
