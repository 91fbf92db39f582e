import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { courierPwa } from './scripts/courier-pwa.ts';

/** antd widgets only the pages behind sign-in use (the sign-in page and the layout do not). */
const DATA_WIDGETS =
  /[\\/]node_modules[\\/](antd[\\/]es[\\/](table|date-picker|calendar|drawer|descriptions|list|pagination|breadcrumb|popconfirm|input-number|switch|select|tree)|@rc-component[\\/](table|picker|drawer|pagination|select|virtual-list|tree|input-number|switch|mini-decimal))[\\/]/;
/** Small modules of those folders that core widgets import (found with a bundle-graph check). */
const CORE_SHARED = /[\\/](locale|TableMeasureRowContext|useFocusable)[\\/.]/;

// The console is served by the server from packages/web/dist; `npm run dev` proxies the API to it.
export default defineConfig({
  plugins: [react(), courierPwa()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // The staff console, and the light pages the server serves for /tra-cuu, /dat-lich (citizens)
      // and /buu-ta (couriers): plain TypeScript, no antd, no React.
      input: {
        index: 'index.html',
        citizen: 'citizen.html',
        courier: 'courier.html',
      },
      output: {
        // Vendors change less often than the app, so they get their own long-cached chunks. antd is
        // split in two: what the sign-in page and the layout need, and the data widgets (tables, date
        // pickers, tabs, drawers) that only the pages behind sign-in load.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 40,
            },
            // The courier camera's fallback decoder, loaded on demand: never inside a vendor chunk.
            { name: 'zxing', test: /[\\/]node_modules[\\/](@zxing|ts-custom-error)[\\/]/, priority: 50 },
            { name: 'query', test: /[\\/]node_modules[\\/]@tanstack[\\/]/, priority: 30 },
            {
              name: 'antd-data',
              test: (id: string) => DATA_WIDGETS.test(id) && !CORE_SHARED.test(id),
              priority: 20,
            },
            { name: 'antd', test: /[\\/]node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.MOTCUA_PORT ?? 8080}` },
  },
});
