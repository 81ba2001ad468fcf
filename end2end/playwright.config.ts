import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. The flags stop Chromium
// from reaching for outside hosts that this network does not have.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: process.env.GAOYAN_E2E_URL ?? 'http://127.0.0.1:3000',
    locale: 'zh-CN',
    trace: 'off',
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: /nojs/,
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
    {
      name: 'phone',
      testIgnore: /nojs/,
      // The narrowest phones in use: 360 CSS pixels wide.
      use: { ...devices['Pixel 7'], viewport: { width: 360, height: 780 }, launchOptions },
    },
    {
      name: 'desktop-nojs',
      testMatch: /nojs/,
      use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions },
    },
    {
      name: 'phone-nojs',
      testMatch: /nojs/,
      use: {
        ...devices['Pixel 7'],
        viewport: { width: 360, height: 780 },
        javaScriptEnabled: false,
        launchOptions,
      },
    },
  ],
});
