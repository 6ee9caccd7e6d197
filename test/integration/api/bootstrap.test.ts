import { expect } from '@jest/globals';
import { newApiToken, verifyApiToken } from '../../../store/api-tokens';
import { ensureAdmin } from '../../../store/bootstrap';
import { openStore, type Store } from '../../../store/open-store';

let store: Store;
beforeEach(async () => {
  store = await openStore('sqlite::memory:');
});
afterEach(async () => {
  await store?.close();
});

describe('the first admin', () => {
  it('is created once with a token, and a restart creates nothing new', async () => {
    const first = await ensureAdmin(store);
    expect(first).toMatchObject({ created: true, admin: { id: 'admin', isAdmin: true }, token: expect.stringMatching(/^sia_/) });
    expect((await verifyApiToken(store.db, first.token!))?.user.id).toBe('admin');

    const again = await ensureAdmin(store);
    expect(again).toEqual({ admin: expect.objectContaining({ id: 'admin' }), created: false });
  });

  it('accepts a configured token once, and refuses one of the wrong shape', async () => {
    const configured = newApiToken();
    const first = await ensureAdmin(store, { token: configured });
    expect(first).toMatchObject({ created: true, token: configured });
    expect((await verifyApiToken(store.db, configured))?.user.isAdmin).toBe(true);
    expect(await ensureAdmin(store, { token: configured })).toEqual({ admin: expect.objectContaining({ id: 'admin' }), created: false });
    await expect(ensureAdmin(store, { token: 'admin' })).rejects.toThrow('An API token must look like sia_');
  });
});
