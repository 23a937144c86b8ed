import type { Locator, Page } from 'playwright-core';

/**
 * A chart as a person meets it: an image found by its name, what it says in words to a screen reader (its
 * description), and the bars it paints in the app's brand colour (the tracks behind them are lighter).
 */
export function chartNamed(page: Page, name: string | RegExp) {
  const image = page.getByRole('img', { name });
  return {
    image,
    async description(): Promise<string> {
      const id = await image.getAttribute('aria-describedby');
      return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
    },
    async bars(): Promise<Locator> {
      const brand = await page.evaluate<string>("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()");
      return image.locator(`svg path[fill="${brand}"]`);
    },
  };
}
