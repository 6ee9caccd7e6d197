import { findApiToken, issueApiToken } from './api-tokens';
import type { Store } from './open-store';
import { getUser, upsertUser, type User } from './users';

export interface EnsureAdminOptions {
  /** Also accept this token for the first admin (SIA_ADMIN_TOKEN), so a local stack keeps one across restarts. */
  token?: string;
  id?: string;
  email?: string;
  now?: Date;
}

export interface EnsuredAdmin {
  admin: User;
  created: boolean;
  /** A token issued now (shown once); undefined when the admin and its token already existed. */
  token?: string;
}

/**
 * Makes sure the deployment has an administrator to create the other users with. With no admin
 * yet, creates one and issues a token; with `token`, registers that token for the admin unless it
 * already is. Idempotent: a restart creates nothing new.
 */
export async function ensureAdmin(store: Store, options: EnsureAdminOptions = {}): Promise<EnsuredAdmin> {
  const now = options.now ?? new Date();
  return store.transaction(async (tx) => {
    const existing = await tx.selectFrom('users').select('id').where('is_admin', '=', 1).orderBy('created_at').orderBy('id').executeTakeFirst();
    const admin = existing
      ? await getUser(tx, existing.id)
      : await upsertUser(tx, { id: options.id ?? 'admin', email: options.email ?? 'admin@localhost', displayName: 'Administrator', isAdmin: true }, now);
    if (!admin) throw new Error(`Admin ${existing?.id} vanished while being read`);
    if (options.token !== undefined) {
      const known = await findApiToken(tx, options.token);
      if (known && known.userId !== admin.id) throw new Error('The configured admin token already belongs to another user: choose a new one (newApiToken()).');
      if (known?.revoked) throw new Error('The configured admin token was revoked: configure a new one.');
      if (!known) await issueApiToken(tx, admin.id, { token: options.token, label: 'configured admin token', now });
      return { admin, created: !existing, ...(known ? {} : { token: options.token }) };
    }
    if (existing) return { admin, created: false };
    const issued = await issueApiToken(tx, admin.id, { label: 'first admin', now });
    return { admin, created: true, token: issued.token };
  });
}
