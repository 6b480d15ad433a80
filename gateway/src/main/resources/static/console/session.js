// The signed-in user's token, kept in this tab's session storage only (never a cookie): it dies with the tab.

const KEY = 'cygnetci.console.session';
const listeners = new Set();
let expiryTimer;

export function current() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY));
    return session && Date.parse(session.expires_at) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

/** Keeps a token answer of POST /auth/token or /tenants/{id}/switch, with who the user is. */
export function start(token, user) {
  const session = {
    access_token: token.access_token,
    expires_at: token.expires_at,
    tenant_id: token.tenant_id ?? null,
    tenant_slug: token.tenant_slug ?? null,
    roles: token.roles ?? [],
    user,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  watchExpiry(session);
  return session;
}

export function end(reason) {
  sessionStorage.removeItem(KEY);
  clearTimeout(expiryTimer);
  listeners.forEach((listener) => listener(reason));
}

/** Called with a reason ('logout', 'expired') whenever the session ends. */
export function onEnd(listener) {
  listeners.add(listener);
}

export function watchExpiry(session) {
  clearTimeout(expiryTimer);
  const left = Date.parse(session.expires_at) - Date.now();
  // setTimeout holds at most about 24 days; tokens live an hour
  expiryTimer = setTimeout(() => end('expired'), Math.max(0, Math.min(left, 2 ** 31 - 1)));
}

export const roles = {
  has: (session, role) => session?.roles.includes(role) ?? false,
  platformAdmin: (session) => roles.has(session, 'platform_admin'),
  tenantAdmin: (session) => roles.has(session, 'tenant_admin') || roles.platformAdmin(session),
  /** members and tenant admins change things; viewers only look */
  canWrite: (session) => roles.has(session, 'member') || roles.has(session, 'tenant_admin')
    || roles.platformAdmin(session),
};
