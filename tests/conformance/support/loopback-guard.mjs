// A safety net for suites that hand the package endpoints it should refuse (plain http to
// another host): if the package sent anyway, the request must not leave the machine. The
// guard wraps the global fetch, which the package looks up at each call, and passes every
// request for a loopback host to the real fetch unchanged; anything else is recorded and
// rejected as a network failure would be. It replaces nothing a test relies on: a test that
// installs it asserts at the end that it blocked nothing.

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|\[::ffff:7f00:1\])$/;

/** Installs the guard; returns `{blocked, uninstall}`, `blocked` listing refused URLs. */
export function installLoopbackGuard() {
  const realFetch = globalThis.fetch;
  const blocked = [];
  globalThis.fetch = function guardedFetch(resource, init) {
    const url = new URL(resource instanceof Request ? resource.url : String(resource));
    if (!LOOPBACK_HOSTS.test(url.hostname)) {
      blocked.push(url.href);
      return Promise.reject(new TypeError(`loopback guard: refused to fetch ${url.origin}`));
    }
    return realFetch.call(this, resource, init);
  };
  return {
    blocked,
    uninstall() {
      globalThis.fetch = realFetch;
    },
  };
}
