import { existsSync } from "node:fs";

/** Where Debian's `chromium` package (or CHROMIUM_PATH) puts the browser; undefined when it is not there. */
export function chromiumPath(): string | undefined {
  for (const path of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (path && existsSync(path)) return path;
  return undefined;
}

/**
 * Opens a local HTML file in headless Chromium (puppeteer-core on the system's browser), waits until
 * `window.dlcmCharts.done`, saves a screenshot, and returns every console error and page error beside
 * what the page reports about its charts.
 *
 * @param file - absolute path of the page.
 * @param screenshot - where the PNG goes.
 * @returns the errors and `window.dlcmCharts`.
 */
export async function openInChromium(
  file: string,
  screenshot: string,
): Promise<{ errors: string[]; charts: { id: string; marks: number; text: string }[]; text: string }> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error("No Chromium: install Debian's chromium package or set CHROMIUM_PATH.");
  const { launch } = await import("puppeteer-core");
  const browser = await launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`page: ${(e as Error).message}`));
    page.on("requestfailed", (r) => errors.push(`request: ${r.url()}`));
    await page.goto(`file://${file}`, { waitUntil: "load" });
    await page.waitForFunction("window.dlcmCharts && window.dlcmCharts.done", { timeout: 60_000 });
    const charts = (await page.evaluate("window.dlcmCharts.charts")) as {
      id: string;
      marks: number;
      text: string;
    }[];
    const text = (await page.evaluate("document.body.innerText")) as string;
    await page.screenshot({ path: screenshot as `${string}.png`, fullPage: true });
    return { errors, charts, text };
  } finally {
    await browser.close();
  }
}
