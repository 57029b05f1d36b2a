/** Waits until a replica answers `GET /health`, as a load balancer's health check would. */

export async function waitForHealthy(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${url}: the process exited before it became healthy`);
    try {
      const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastError = `status ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms (${lastError})`);
}
