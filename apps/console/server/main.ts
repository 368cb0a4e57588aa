// The console's server: serves the built app and proxies ticketing (see console-server.ts).
import { createLogger } from '@loyaldesk/platform/logger';
import { createConsoleServer } from './console-server.ts';
import { consoleEnv } from './env.ts';

const env = consoleEnv();
const logger = createLogger('console', env.LOG_LEVEL);
const consoleServer = createConsoleServer({ ticketingUrl: env.TICKETING_URL, logger });
const port = await consoleServer.listen(env.CONSOLE_PORT, env.CONSOLE_HOST);
logger.info({ port, ticketing: env.TICKETING_URL }, 'console listening');
process.stdout.write(`console listening on http://${env.CONSOLE_HOST}:${port}/ (ticketing ${env.TICKETING_URL})\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void consoleServer.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
