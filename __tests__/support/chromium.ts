/**
 * Headless Chromium for tests and scripts that look at a page the project writes (the HTML report):
 * Debian's `chromium` package (installed by .ci/run where missing), driven by playwright-core, which
 * never downloads a browser of its own. One new empty profile per launch, removed on close.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** Where Debian installs it (`apt-get install chromium`); TRAILWATCH_CHROMIUM overrides. */
export const CHROMIUM = process.env.TRAILWATCH_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that work on CI machines and developers' (no sandbox as root, no GPU, nothing fetched in the background). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

/** Why the browser tests cannot run here, with the fix; thrown under CI=true, where a skip would hide it. */
export function chromiumMissing(): string {
  return `headless Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium; .ci/run does) or set TRAILWATCH_CHROMIUM`;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a new empty profile; `close` ends it and removes the profile. */
export async function launchChromium(viewport = { width: 1200, height: 900 }): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    // The report must draw without the network: any request the page makes fails.
    offline: true,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
