// The Content-Security-Policy of the renderer, in one place for both transports:
// the Electron shell and the browser-mode host send it as a header, and the build
// writes it into index.html's meta tag (file:// loads carry no headers).
// Element Plus positions popups with inline style attributes, hence style 'unsafe-inline';
// scripts stay 'self' only (no eval, no inline, no remote origin).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: calllens-media:",
  "connect-src 'self' calllens-media:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ')

/** Directives a meta tag cannot carry; sent only as a header. */
export const CSP_HEADER_ONLY = "; frame-ancestors 'none'"
