// The gallery webview at 10,000 images in headless Chromium (the real bundle, page and CSP; see
// test/webview/galleryHarness.ts): time to the first thumbnails on screen, search, and long tasks
// while scrolling from top to bottom.
import type { Page } from 'playwright-core';
import type { GalleryHarness } from '../webview/galleryHarness';

/** Long tasks (> 50 ms) seen from the page's start, kept in window.__longTasks. */
export const LONG_TASK_OBSERVER = `
window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

/**
 * Milliseconds from navigation to the first tile whose thumbnail has loaded, and to the page's `ready`
 * (page clock). The time is taken in the frame that first sees the thumbnail: read by a later
 * `evaluate`, it also counted a round trip through Playwright, queued behind whatever the page and the
 * host process were doing then (100–220 ms of the figure in the opens traced, while the rest of the history streamed in).
 */
export async function firstThumbnailMs(harness: GalleryHarness): Promise<{ shown: number; ready: number }> {
  await harness.open();
  const seen = await harness.page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.tile img')].some((i) => i.complete && i.naturalWidth > 0) && performance.now(), undefined, { polling: 'raf', timeout: 120_000 });
  const shown = (await seen.jsonValue()) as number;
  return { shown, ready: await harness.page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt) };
}

/** Waits until every tile on screen shows its thumbnail. */
export async function thumbnailsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const tiles = [...document.querySelectorAll('.tile')];
    return tiles.length > 0 && tiles.every((t) => t.querySelector('img')?.complete);
  }, undefined, { polling: 200, timeout: 120_000 });
}

/** Types each query (whole) into the search box; time from the input event to the next frame after the grid changed. */
export async function searchTimes(page: Page, queries: readonly string[]): Promise<{ times: number[]; counts: string[] }> {
  const times: number[] = [];
  const counts: string[] = [];
  for (const query of queries) {
    const result = await page.evaluate((text) => new Promise<[number, string]>((resolve) => {
      const input = document.getElementById('search') as HTMLInputElement;
      const started = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      requestAnimationFrame(() => setTimeout(() => resolve([performance.now() - started, document.getElementById('count')?.textContent ?? ''])));
    }), query);
    times.push(result[0]);
    counts.push(`"${query}": ${result[1]}`);
  }
  return { times, counts };
}

/** Scrolls the grid from top to bottom, `step` px per frame; returns the long tasks meanwhile and the frames. */
export async function scrollLongTasks(page: Page, step: number): Promise<{ longTasks: number[]; frames: number; ms: number; domTilesMax: number }> {
  return page.evaluate((px) => new Promise((resolve) => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    const grid = document.getElementById('grid') as HTMLElement;
    grid.scrollTop = 0;
    let frames = 0;
    let domTilesMax = 0;
    const started = performance.now();
    const tick = () => {
      frames++;
      domTilesMax = Math.max(domTilesMax, grid.querySelectorAll('.tile').length);
      if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) {
        // Let the last frames' work and observer callbacks land.
        setTimeout(() => resolve({ longTasks: w.__longTasks, frames, ms: performance.now() - started, domTilesMax }), 300);
        return;
      }
      grid.scrollTop += px;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), step);
}
