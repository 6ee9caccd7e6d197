import { expect } from '@jest/globals';
import type { ErrorBody } from '../../../api/http/api-error';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import { dialects, startApi, type ApiHarness } from './api-harness';

interface Me {
  displayName: string | null;
  ownAddresses: string[];
  salesforce: { email: string | null };
}

let temporal: TestTemporal;
beforeAll(async () => {
  temporal = await startTestTemporal();
});
afterAll(async () => {
  await temporal?.stop();
});

describe.each(dialects)('the profile on %s', (dialect) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ dialect, temporal });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('saves the further addresses a user sends from, normalised and once each, and shows them', async () => {
    const user = await api.newUser();
    expect((await api.call<Me>('GET', '/api/me', { token: user.token })).body).toMatchObject({ ownAddresses: [], salesforce: { email: null } });

    const saved = await api.call<{ ownAddresses: string[] }>('PATCH', '/api/me', { token: user.token, body: { ownAddresses: [' Rita.Alias@Sales.Example ', 'rita.alias@sales.example', 'rita@home.example'] } });
    expect(saved.status).toBe(200);
    expect(saved.body.ownAddresses).toEqual(['rita.alias@sales.example', 'rita@home.example']);
    expect((await api.call<{ ownAddresses: string[] }>('GET', '/api/me', { token: user.token })).body.ownAddresses).toEqual(['rita.alias@sales.example', 'rita@home.example']);

    // A profile change without the list keeps it.
    await api.call('PATCH', '/api/me', { token: user.token, body: { displayName: 'Rita' } });
    expect((await api.call<Me>('GET', '/api/me', { token: user.token })).body).toMatchObject({ displayName: 'Rita', ownAddresses: ['rita.alias@sales.example', 'rita@home.example'] });
  });

  it('refuses an address that is not one, naming it, and keeps the saved list', async () => {
    const user = await api.newUser();
    await api.call('PATCH', '/api/me', { token: user.token, body: { ownAddresses: ['kept@sales.example'] } });
    const refused = await api.call<ErrorBody>('PATCH', '/api/me', { token: user.token, body: { ownAddresses: ['ok@sales.example', 'not an address'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_request', fields: [expect.objectContaining({ message: expect.stringContaining('"not an address" is not an email address') })] });
    expect((await api.call<{ ownAddresses: string[] }>('GET', '/api/me', { token: user.token })).body.ownAddresses).toEqual(['kept@sales.example']);
  });
});
