import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/{engine,model,runtime}/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/{editor,viz,app}/**/*.test.{ts,tsx}'],
          setupFiles: ['src/app/test-setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
