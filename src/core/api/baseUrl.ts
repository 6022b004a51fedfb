/**
 * Decides whether the key may be sent to a base URL: https anywhere, plain http only to loopback.
 * Returns the normalised origin+path (no trailing slash) or a reason for refusing it.
 */
export type BaseUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Literal names only: the OS resolver may send `anything.localhost` anywhere.
  if (h === 'localhost') return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h);
}

export function checkBaseUrl(raw: string, what = 'The base URL'): BaseUrlCheck {
  const text = raw.trim();
  if (!text) return { ok: false, reason: `${what} is empty.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `${what} is not a URL: "${text.slice(0, 100)}".` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: `${what} must not contain a user name or password.` };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: `${what} must not contain a query or fragment.` };
  }
  if (url.protocol === 'https:') {
    // fine anywhere
  } else if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      return {
        ok: false,
        reason: `${what} uses plain http to ${url.hostname}; the API key is sent only over https (http is allowed for loopback hosts).`,
      };
    }
  } else {
    return { ok: false, reason: `${what} must be an https URL, not ${url.protocol.replace(':', '')}.` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
