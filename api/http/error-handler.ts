import type { FastifyError, FastifyInstance } from 'fastify';
import { t } from '../../i18n';
import { requestLanguage } from '../language';
import { ApiError } from './api-error';

/** Fastify's own 4xx codes (bad JSON, wrong content type, too large …) in the API's words. */
const fastifyCodes: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * Shapes every error answer as `{ error: { code, message, fields? } }`, its texts in the
 * request's language (the user's choice, else Accept-Language); 5xx details go to the log only.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError | Error, request, reply) => {
    const lang = requestLanguage(request, request.auth?.user);
    if (error instanceof ApiError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.statusCode).send(error.toBody(lang));
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: fastifyCodes[status] ?? 'bad_request', message: t(lang, 'api.requestRefused', { detail: error.message }) } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal_error', message: t(lang, 'api.internalError') } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: t(requestLanguage(request), 'api.noRoute', { method: request.method, path: request.url.split('?')[0] ?? '/' }) } }),
  );
}
