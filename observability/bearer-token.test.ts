import { bearerTokenMatches, tokensFromEnv } from './bearer-token';

describe('bearerTokenMatches', () => {
  const tokens = tokensFromEnv(' new-token , old-token ,');

  it('accepts "Bearer <token>" for any configured token', () => {
    expect(tokens).toEqual(['new-token', 'old-token']);
    expect(bearerTokenMatches('Bearer new-token', tokens)).toBe(true);
    expect(bearerTokenMatches('bearer old-token', tokens)).toBe(true);
  });

  it('refuses anything else, and everyone when no token is configured', () => {
    for (const header of [undefined, '', 'new-token', 'Bearer', 'Bearer other', 'Basic bmV3LXRva2Vu', 'Bearer new-token extra']) expect(bearerTokenMatches(header, tokens)).toBe(false);
    expect(bearerTokenMatches('Bearer new-token', [])).toBe(false);
  });
});
