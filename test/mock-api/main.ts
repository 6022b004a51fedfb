/** `npm run mock-api [-- --port 4545]`: the stand-in on a fixed port, logging each request. */
import { DEMO_KEY, startMockApi } from './server';
import { SAMPLE_CUSTOMERS } from './customers';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 4545;
  const api = await startMockApi({
    port,
    onRequest: (r) => console.log(`${new Date(r.at).toISOString()} GET ${r.path} -> ${r.status}`),
  });
  console.log(`CareCycle stand-in API on ${api.url} with ${SAMPLE_CUSTOMERS.length} sample customers; demo key: ${DEMO_KEY}`);
  const stop = (): void => void api.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
