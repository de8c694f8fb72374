/**
 * The pages' Content-Security-Policy: scripts only with this response's nonce (and what they load,
 * 'strict-dynamic'), so an injected inline script never runs; everything else same-origin, and no
 * framing. Next reads the nonce from the request's CSP header and puts it on its own scripts.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only for the dev server's fast refresh; production never evaluates strings.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
