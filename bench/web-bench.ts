import { chromium, type Browser } from 'playwright-core';

/**
 * The web app in Chromium, through Playwright: how long from navigating to /drill until the
 * first card is ready to answer (a fresh browser context each time: no cache, no session
 * storage), and from rating a card until the next one is shown. Timings are benchmarks,
 * never pass/fail tests.
 */
export interface WebTimings {
  firstCard: { samples: number; p50Ms: number; p95Ms: number };
  nextCard: { samples: number; p50Ms: number; p95Ms: number };
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
      // Evaluated in the page: the next card's title is shown, with its answer box.
      await page.waitForFunction(
        `(() => { const h = document.querySelector('#question-title'); return h !== null && document.querySelector('#answer') !== null && h.textContent !== ${JSON.stringify(before)}; })()`,
        undefined,
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

function summarise(values: number[]): { samples: number; p50Ms: number; p95Ms: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { samples: values.length, p50Ms: Math.round(at(0.5)), p95Ms: Math.round(at(0.95)) };
}
