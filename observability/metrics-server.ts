import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { bearerTokenMatches } from './bearer-token';
import { metricsRegistry } from './metrics';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** A bare HTTP listener answering GET /metrics, for processes without an HTTP server of their own (workers). */
export interface MetricsServerOptions {
  port: number;
  host?: string;
  registry?: Registry;
  /** When non-empty, scrapes must send "Authorization: Bearer <one of these>" (METRICS_AUTH_TOKEN). */
  tokens?: readonly string[];
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const registry = options.registry ?? metricsRegistry;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here.\n');
      return;
    }
    if (options.tokens?.length && !bearerTokenMatches(req.headers.authorization, options.tokens)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('GET /metrics needs "Authorization: Bearer <METRICS_AUTH_TOKEN>".\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`Collecting metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`The metrics listener cannot listen on ${options.host ?? '0.0.0.0'}:${options.port} (${error.message}); set METRICS_PORT to a free port.`)));
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? 'localhost'}:${port}/metrics`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** METRICS_PORT, or undefined when metrics are off (the default). */
export function metricsPortFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.METRICS_PORT?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`METRICS_PORT must be a port number (or unset to turn worker metrics off), got "${raw}".`);
  return port;
}
