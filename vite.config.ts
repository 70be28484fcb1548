import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { digitsPlugin } from './scripts/digits-plugin';

export default defineConfig({
  plugins: [react(), digitsPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
