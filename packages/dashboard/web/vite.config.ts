import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The dashboard's single-page app, built to `packages/dashboard/dist` with no inline script or style. */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  logLevel: "warn",
  // React's production build and JSX runtime whatever NODE_ENV the building process has
  // (tests run with "test").
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  oxc: { jsx: { runtime: "automatic", development: false } },
  build: {
    outDir: fileURLToPath(new URL("../dist", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: "es2022",
  },
});
