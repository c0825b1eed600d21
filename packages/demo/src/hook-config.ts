/**
 * The hook checks examples/complete configures (health, version, home-under-load), aimed at the local test
 * listener; the version check is pinned to the release being deployed and the load probe is lighter, for a
 * shared laptop. When green is meant to fail, a check for a route the release should have added (and does
 * not) comes second.
 */
const hookConfig = (testListenerUrl: string, expectedVersion: string, greenFailsCheck: boolean): string =>
  JSON.stringify({
    targetUrl: testListenerUrl,
    readyTimeoutSeconds: 10,
    requestTimeoutMs: 2_000,
    checks: [
      { name: 'health', path: '/health', expect: { status: 200, json: { '/status': 'ok' } } },
      ...(greenFailsCheck ? [{ name: 'checkout page', path: '/checkout', expect: { status: 200 } }] : []),
      { name: 'version', path: '/version', expect: { status: 200, json: { '/version': expectedVersion } } },
      {
        name: 'home-under-load',
        path: '/',
        requests: 50,
        concurrency: 5,
        expect: { status: '2xx', bodyIncludes: expectedVersion, successRatio: 1, p95Ms: 2_000 },
      },
    ],
  });

export { hookConfig };
