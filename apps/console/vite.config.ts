import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite build` → dist/, served by server/main.ts. In `vite` dev mode the API and the agents socket
// are proxied to a running ticketing (default port 3002), so the session cookie stays same-origin.
const ticketing = 'http://127.0.0.1:3002';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 900 },
  server: {
    proxy: {
      '/api': { target: ticketing },
      '/socket.io': { target: ticketing, ws: true },
    },
  },
});
