import type { Payload, PayloadCodec } from '@temporalio/common';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { EncryptionCodec, loadCodecKeyring } from '../config/payload-codec';
import { bearerTokenMatches, tokensFromEnv } from '../observability/bearer-token';

/**
 * Temporal's remote codec protocol, so an authorised operator's Temporal UI (or
 * `temporal workflow show --codec-endpoint`) shows decrypted payloads:
 * `POST /codec/decode` and `POST /codec/encode`, body and answer
 * `{"payloads":[{"metadata":{"encoding":"<base64>"},"data":"<base64>"}]}`.
 *
 * Every request needs `Authorization: Bearer <token>`: decoding reveals what the encryption
 * hides, so an open endpoint would undo it. Browsers reach it from the UI's origin only (CORS,
 * credentials allowed); the preflight carries no token and is answered without one.
 */

export interface CodecRoutesOptions {
  codec: PayloadCodec;
  /** Accepted bearer tokens (CODEC_AUTH_TOKEN); empty refuses everyone. */
  tokens: readonly string[];
  /** Origins of Temporal UIs allowed to call from a browser, e.g. http://localhost:8233. */
  allowedOrigins: readonly string[];
  /** Namespaces whose payloads this endpoint opens (X-Namespace); a request naming another gets 403. */
  namespaces: readonly string[];
}

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const maxBodyBytes = 32 * 1024 * 1024;
const challenge = 'Bearer realm="temporal-codec"';

export const codecRoutes: FastifyPluginAsync<CodecRoutesOptions> = async (app, options) => {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && options.allowedOrigins.includes(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-allow-credentials', 'true');
      reply.header('vary', 'Origin');
    }
  });

  const preflight = async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (!origin || !options.allowedOrigins.includes(origin)) {
      return reply.code(403).send({ error: `Origin ${origin ?? '(none)'} may not call this codec endpoint: add it to CODEC_ALLOWED_ORIGINS.` });
    }
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
    reply.header('access-control-allow-headers', 'Content-Type, Authorization, X-Namespace');
    reply.header('access-control-max-age', '600');
    return reply.code(204).send();
  };
  const undocumented = { config: { undocumented: "Temporal's remote codec protocol, for operators' Temporal UI and CLI (docs/operations.md)." } };
  app.options('/codec/:operation', undocumented, preflight);
  app.options('/codec/t/:token/:operation', undocumented, preflight);

  const handle = (operation: 'encode' | 'decode') => async (request: FastifyRequest, reply: FastifyReply) => {
    // The Temporal UI cannot send a fixed header, so its endpoint may carry the token in the path
    // (`/codec/t/<token>`), known only to whoever configured the UI: a capability URL.
    const pathToken = (request.params as { token?: string }).token;
    const authorised = bearerTokenMatches(request.headers.authorization, options.tokens) || (pathToken !== undefined && bearerTokenMatches(`Bearer ${pathToken}`, options.tokens));
    if (!authorised) {
      reply.header('www-authenticate', challenge);
      return reply.code(401).send({ error: 'The codec endpoint needs "Authorization: Bearer <token>" with a token from CODEC_AUTH_TOKEN.' });
    }
    const namespace = request.headers['x-namespace'];
    if (typeof namespace === 'string' && namespace !== '' && !options.namespaces.includes(namespace)) {
      return reply.code(403).send({ error: `This codec endpoint serves namespace ${options.namespaces.join(', ')}, not ${namespace}.` });
    }
    const payloads = parseBody(request.body);
    if (typeof payloads === 'string') return reply.code(400).send({ error: payloads });
    let answer: { payloads: JsonPayload[] };
    try {
      answer = { payloads: (await options.codec[operation](payloads.map(fromJson))).map(toJson) };
    } catch (error) {
      return reply.code(400).send({ error: `Cannot ${operation} these payloads: ${error instanceof Error ? error.message : String(error)}` });
    }
    return reply.code(200).header('content-type', 'application/json').send(answer);
  };
  app.post('/codec/decode', { ...undocumented, bodyLimit: maxBodyBytes }, handle('decode'));
  app.post('/codec/encode', { ...undocumented, bodyLimit: maxBodyBytes }, handle('encode'));
  app.post('/codec/t/:token/decode', { ...undocumented, bodyLimit: maxBodyBytes }, handle('decode'));
  app.post('/codec/t/:token/encode', { ...undocumented, bodyLimit: maxBodyBytes }, handle('encode'));
};

function parseBody(body: unknown): JsonPayload[] | string {
  const payloads = (body as { payloads?: unknown } | null)?.payloads;
  const shape = 'The body must be JSON {"payloads":[{"metadata":{"<key>":"<base64>"},"data":"<base64>"}]}.';
  if (!Array.isArray(payloads)) return shape;
  for (const p of payloads) {
    if (typeof p !== 'object' || p === null) return shape;
    const { metadata, data } = p as { metadata?: unknown; data?: unknown };
    if (data !== undefined && typeof data !== 'string') return shape;
    if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null || Object.values(metadata).some((v) => typeof v !== 'string'))) return shape;
  }
  return payloads as JsonPayload[];
}

function fromJson(p: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}

function toJson(p: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

/**
 * Options from the environment: TEMPORAL_CODEC_KEY (+ TEMPORAL_CODEC_PREVIOUS_KEYS),
 * CODEC_AUTH_TOKEN (required, comma-separated for rotation), CODEC_ALLOWED_ORIGINS
 * (http://localhost:8233), TEMPORAL_NAMESPACE (default).
 */
export function codecRoutesOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): CodecRoutesOptions {
  const tokens = tokensFromEnv(env.CODEC_AUTH_TOKEN);
  if (tokens.length === 0) throw new Error('CODEC_AUTH_TOKEN is not set: the codec endpoint decrypts payloads and must not run open. Set it to a long random token (openssl rand -hex 32) and give it only to operators.');
  return {
    codec: new EncryptionCodec(loadCodecKeyring({ env })),
    tokens,
    allowedOrigins: tokensFromEnv(env.CODEC_ALLOWED_ORIGINS ?? 'http://localhost:8233'),
    namespaces: [env.TEMPORAL_NAMESPACE ?? 'default'],
  };
}

/** The codec endpoint on its own (when the API server is not where operators' browsers can reach). */
export async function buildCodecServer(options: CodecRoutesOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(codecRoutes, options);
  return app;
}

if (require.main === module) {
  (async () => {
    const options = codecRoutesOptionsFromEnv();
    const app = await buildCodecServer(options);
    const url = await app.listen({ port: Number(process.env.CODEC_PORT ?? 8089), host: process.env.CODEC_HOST ?? '127.0.0.1' });
    process.stdout.write(`Temporal codec endpoint on ${url}/codec (UI origins: ${options.allowedOrigins.join(', ')})\n`);
  })().catch((error: unknown) => {
    process.stderr.write(`codec endpoint failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
