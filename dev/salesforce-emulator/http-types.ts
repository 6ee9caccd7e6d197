/** What a route answers; the server turns it into an HTTP response (or, for a lost answer, none). */
import type { IncomingMessage } from 'node:http';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the body as is (text/html, form-encoded) rather than as JSON. */
  raw?: { contentType: string; text: string };
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });

export interface RequestInfo {
  req: IncomingMessage;
  method: string;
  /** Path without the query string, percent-decoding left to each route. */
  path: string;
  query: URLSearchParams;
  bodyText: string;
  /** The emulator's own base URL as the client reached it (`http://127.0.0.1:PORT`). */
  baseUrl: string;
}

/** Parses a JSON body; a malformed one is JSON_PARSER_ERROR, as Salesforce answers it. */
export function parseJsonBody(info: RequestInfo): unknown {
  if (info.bodyText.trim() === '') return {};
  try {
    return JSON.parse(info.bodyText) as unknown;
  } catch (e) {
    throw Object.assign(new Error((e as Error).message), { jsonParserError: true });
  }
}
