/** Fails the run at once, with the fix, when the stack is not up (make test brings it up). */
export default async function globalSetup(): Promise<void> {
  const checks: [string, string][] = [
    ['Kafka Connect', 'http://127.0.0.1:8083/connectors/orders-outbox/status'],
    ['Apicurio Registry', 'http://127.0.0.1:8081/apis/ccompat/v7/subjects'],
  ];
  for (const [name, url] of checks) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`answered ${response.status}`);
    } catch (error) {
      throw new Error(
        `${name} is not ready (${(error as Error).message}); run the tests with make test`);
    }
  }
}
