import { createHash, timingSafeEqual } from 'node:crypto';

/** Tokens from a comma-separated env value (several, so one can be replaced without a gap). */
export function tokensFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when `header` is "Bearer <one of tokens>"; compared in constant time. */
export function bearerTokenMatches(header: string | undefined, tokens: readonly string[]): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = digest(match[1]);
  let ok = false;
  for (const token of tokens) ok = timingSafeEqual(given, digest(token)) || ok;
  return ok;
}
