import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The built app's Content-Security-Policy: no inline script; scripts, workers, styles and requests
// from the app's own origin only. Only the production build gets it: Vite's dev server injects
// inline scripts (React refresh) that this policy blocks.
//
// Monaco writes its theme and decoration CSS into <style> elements at run time (133 KB that
// depend on the theme). Rather than allow every inline style element, the build stamps Monaco's
// own <style> elements with a nonce; any other inline <style> stays blocked. Style *attributes*
// are allowed (`style-src-attr`): Monaco renders its lines with them, and an attribute cannot
// load anything the other directives do not allow.
const STYLE_NONCE = randomBytes(16).toString('base64');
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  `style-src-elem 'self' 'nonce-${STYLE_NONCE}'`,
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const MONACO_STYLE_ELEMENT = "document.createElement('style')";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'netpol-canvas:csp',
    apply: 'build',
    transform(code, id) {
      if (!/monaco-editor[\\/]esm[\\/]vs[\\/].*\.js$/.test(id)) return null;
      if (!code.includes(MONACO_STYLE_ELEMENT)) return null;
      return code.replaceAll(
        MONACO_STYLE_ELEMENT,
        `Object.assign(${MONACO_STYLE_ELEMENT}, { nonce: ${JSON.stringify(STYLE_NONCE)} })`,
      );
    },
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 5000,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
