/**
 * Polls `probe` until it returns a value other than undefined. The generous default timeout keeps tests
 * robust on a loaded machine; simulated time is what makes them quick.
 */
const waitFor = async <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export { waitFor };
