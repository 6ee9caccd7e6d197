import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../../../dev/chromium';

/**
 * Headless Debian Chromium for the page tests. The flags keep it off the network it would
 * otherwise call (updates, sync, QUIC probes): this machine has no network beyond loopback.
 * Every launch gets a fresh temporary profile, removed when the browser closes.
 */
const quietFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: quietFlags });
}
