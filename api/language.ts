import type { FastifyRequest } from 'fastify';
import { defaultLanguage, fromAcceptLanguage, type Language } from '../i18n';

/**
 * The language a request is answered in: the one the signed-in user chose (PATCH /api/me), else
 * the first of the browser's Accept-Language that has a catalogue, else English.
 */
export function requestLanguage(request: FastifyRequest, user?: { language: Language | null } | null): Language {
  return user?.language ?? fromAcceptLanguage(request.headers['accept-language']) ?? defaultLanguage;
}
