import { defineConfig } from '@playwright/test';

// BENCH_UI_PORT lets several checkouts run the benchmark side by side.
const port = Number(process.env.BENCH_UI_PORT ?? 4179);

/**
 * The UI benchmark (npm run bench:ui): the production build in Debian's Chromium, with the
 * frame-rate cap and vsync off, so the time between animation frames is the work a frame
 * costs rather than the display's refresh interval.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.bench\.ts$/,
  outputDir: '../../scratch/bench-ui',
  timeout: 240_000,
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-frame-rate-limit', '--disable-gpu-vsync', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
    },
  },
  webServer: {
    // Its own build and port, so a browser-test server running at the same time is left alone.
    command: `npx vite build --outDir node_modules/.bench-ui --emptyOutDir && npx vite preview --outDir node_modules/.bench-ui --port ${port} --strictPort`,
    cwd: '../..',
    url: `http://localhost:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
