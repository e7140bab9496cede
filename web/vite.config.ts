import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    // An installable app that starts without network once loaded (README "Offline"): the service
    // worker precaches the app shell and every lazy chunk, answers the app's own routes with
    // index.html, and keeps the last answer of who is signed in so the app opens offline. Every
    // other API call goes to the network: offline data lives in IndexedDB (src/offline/).
    VitePWA({
      registerType: 'autoUpdate',
      // Registered from main.tsx once the app has rendered (the CSP forbids inline scripts).
      injectRegister: false,
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Mutua — health mutual insurance',
        short_name: 'Mutua',
        description: 'Members, contributions, eligibility and claims of community health insurance schemes, also in the field without network.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f4f6f4',
        theme_color: '#1d6b58',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // The vendor chunk is over workbox's 2 MB default only if libraries grow a lot; allow it.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/readyz/],
        cleanupOutdatedCaches: true,
        // A new version takes over at once, and the first install controls the page that
        // installed it: the app works offline from its first visit on.
        skipWaiting: true,
        clientsClaim: true,
        runtimeCaching: [
          {
            // Who is signed in and their schemes: fresh when online, the last answer offline.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && (url.pathname === '/api/auth/me' || url.pathname === '/api/schemes'),
            handler: 'NetworkFirst',
            options: { cacheName: 'mutua-session', networkTimeoutSeconds: 10, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The libraries the first screen needs in one chunk of their own: it changes rarely, so
        // browsers keep it cached across releases, and the build output shows the app's own
        // weight apart. Libraries only lazy screens use (charts, the device's IndexedDB store)
        // stay in chunks those screens load, so the first screen keeps under 250 KB gzipped.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/, tags: ['$initial'] }] },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
