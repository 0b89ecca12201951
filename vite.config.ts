import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 5000,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
