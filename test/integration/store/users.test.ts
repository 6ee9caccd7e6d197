import { randomBytes } from 'node:crypto';
import { SecretBoxError } from '../../../store/secret-box';
import {
  clearSalesforceConnection,
  getSalesforceCredentials,
  getUser,
  listUsersInOrg,
  setSalesforceConnection,
  setSalesforceStatus,
  upsertUser,
} from '../../../store/users';
import { countTaskSyncUsersInOrg, taskSyncUsersInOrg } from '../../../store/org-integrations';
import { saveSyncSettings } from '../../../store/settings';
import { dialects, newUser, useStore } from './store-fixtures';

const key = randomBytes(32);
const refreshToken = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrBW9IgYa3jF1.Ko3b6I0kQGbJ3FKWx';
const connection = {
  instanceUrl: 'https://acme.my.salesforce.com',
  sfUserId: '0055g00000AbCdEAAV',
  orgId: '00D5g00000XyZaBEAV',
  username: 'ann@acme.example',
  refreshToken,
};

describe.each(dialects)('users on %s', (_dialect, database) => {
  const store = useStore(database);

  it('creates and updates a profile without touching the sequence or the connection', async () => {
    const { db } = store();
    const t0 = new Date('2025-03-01T08:00:00Z');
    const created = await upsertUser(db, { id: 'ann-1', email: 'ann@sia.example', displayName: 'Ann', timeZone: 'Europe/Madrid', isAdmin: true }, t0);
    expect(created).toMatchObject({ id: 'ann-1', email: 'ann@sia.example', displayName: 'Ann', timeZone: 'Europe/Madrid', isAdmin: true, changeSeq: 0, createdAt: t0.toISOString() });
    expect(created.salesforce).toMatchObject({ status: 'not_connected', orgId: null });
    await setSalesforceConnection(db, key, 'ann-1', connection, t0);
    const updated = await upsertUser(db, { id: 'ann-1', email: 'ann@new.example' }, new Date('2025-03-02T08:00:00Z'));
    expect(updated).toMatchObject({ email: 'ann@new.example', timeZone: 'UTC', isAdmin: false, createdAt: t0.toISOString(), updatedAt: '2025-03-02T08:00:00.000Z' });
    expect(updated.salesforce).toMatchObject({ status: 'connected', orgId: connection.orgId });
    await expect(upsertUser(db, { id: 'x', email: 'x@x', timeZone: 'Mars/Olympus' })).rejects.toThrow(/Unknown time zone/);
  });

  it('keeps the refresh token sealed: round trip, never in the row, useless with another key or on another user', async () => {
    const { db } = store();
    const user = await newUser(db);
    const at = new Date('2025-03-01T09:00:00Z');
    await setSalesforceConnection(db, key, user.id, connection, at);
    expect(await getSalesforceCredentials(db, key, user.id)).toEqual(connection);

    const row = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.sf_refresh_token_enc).toBeTruthy();
    expect(row.sf_refresh_token_enc).not.toContain(refreshToken);
    expect(row.sf_refresh_token_enc).not.toContain(Buffer.from(refreshToken).toString('base64'));
    expect(JSON.stringify(row)).not.toContain(refreshToken);

    await expect(getSalesforceCredentials(db, randomBytes(32), user.id)).rejects.toThrow(SecretBoxError);

    const other = await newUser(db);
    await setSalesforceConnection(db, key, other.id, { ...connection, refreshToken: 'other-token' }, at);
    await db.updateTable('users').set({ sf_refresh_token_enc: row.sf_refresh_token_enc }).where('id', '=', other.id).execute();
    await expect(getSalesforceCredentials(db, key, other.id)).rejects.toThrow(SecretBoxError);

    const shown = await getUser(db, user.id);
    expect(shown?.salesforce).toEqual({
      status: 'connected',
      statusDetail: null,
      statusAt: at.toISOString(),
      instanceUrl: connection.instanceUrl,
      sfUserId: connection.sfUserId,
      orgId: connection.orgId,
      username: connection.username,
      email: null,
      connectedAt: at.toISOString(),
    });
    expect(JSON.stringify(shown)).not.toContain(refreshToken);
    // The Salesforce user's email, when the identity service gave one, is kept with the connection.
    await setSalesforceConnection(db, key, other.id, { ...connection, refreshToken: 'other-token', email: 'rep@acme.test' }, at);
    expect((await getUser(db, other.id))?.salesforce.email).toBe('rep@acme.test');
    expect((await listUsersInOrg(db, connection.orgId)).map((u) => u.id)).toEqual(expect.arrayContaining([user.id, other.id]));
  });

  it('marks a connection for reconnecting, and forgets it on disconnect', async () => {
    const { db } = store();
    const user = await newUser(db);
    await setSalesforceConnection(db, key, user.id, connection);
    await setSalesforceStatus(db, user.id, 'needs_reconnect', 'invalid_grant: expired access/refresh token', new Date('2025-03-03T00:00:00Z'));
    expect((await getUser(db, user.id))?.salesforce).toMatchObject({
      status: 'needs_reconnect',
      statusDetail: 'invalid_grant: expired access/refresh token',
      statusAt: '2025-03-03T00:00:00.000Z',
    });
    await clearSalesforceConnection(db, user.id);
    expect(await getSalesforceCredentials(db, key, user.id)).toBeUndefined();
    expect((await getUser(db, user.id))?.salesforce).toMatchObject({ status: 'not_connected', orgId: null, username: null, connectedAt: null });
    const row = await db.selectFrom('users').select('sf_refresh_token_enc').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.sf_refresh_token_enc).toBeNull();
  });

  it('finds the users of an org with task sync on and a connection, and counts them', async () => {
    const { db } = store();
    const orgId = `00D${randomBytes(6).toString('hex')}`;
    const connect = async (sfUserId: string, taskSync: 'two_way' | 'do_not_sync' | null) => {
      const user = await newUser(db);
      await setSalesforceConnection(db, key, user.id, { ...connection, orgId, sfUserId });
      if (taskSync) await saveSyncSettings(db, user.id, { taskSync: { mode: taskSync } });
      return user.id;
    };
    const on = await connect('005000000000001AAA', 'two_way');
    const switchedOff = await connect('005000000000002AAA', 'two_way');
    await saveSyncSettings(db, switchedOff, { taskSync: { mode: 'do_not_sync' } });
    await connect('005000000000003AAA', 'do_not_sync');
    await connect('005000000000004AAA', null);
    const disconnected = await connect('005000000000005AAA', 'two_way');
    await clearSalesforceConnection(db, disconnected);
    const backOn = await connect('005000000000006AAA', 'do_not_sync');
    await saveSyncSettings(db, backOn, { taskSync: { mode: 'two_way' } });

    expect(await taskSyncUsersInOrg(db, orgId)).toEqual(new Map([['005000000000001AAA', on], ['005000000000006AAA', backOn]]));
    expect(await countTaskSyncUsersInOrg(db, orgId)).toBe(2);
    expect(await countTaskSyncUsersInOrg(db, '00Dnobody')).toBe(0);
  });

  it('refuses to connect an unknown user', async () => {
    await expect(setSalesforceConnection(store().db, key, 'nobody', connection)).rejects.toThrow(/No user nobody/);
  });
});
