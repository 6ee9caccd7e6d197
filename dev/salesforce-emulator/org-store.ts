/**
 * The orgs the emulator hosts and every record in them. The HTTP layer and the Email to
 * Salesforce listener both go through this store, so a task logged by email and one created
 * over REST obey the same rules (required fields, validation rules, visibility, audit fields).
 */
import { type Clock, floorToSecond, parseSfDateTime, toSfDateTime } from './clock';
import { derive } from './derived-fields';
import { beforeEmailInsert, checkEmailUpdate, type EmailStorePort } from './enhanced-email';
import { entityIsDeleted, insufficientAccess, notFound, SfError } from './errors';
import { IdGenerator, normalizeId } from './ids';
import type { ConnectedApp, EmailToSalesforceSettings, OrgData, OrgUser, StoredRecord } from './org-model';
import { coerceValue, missingRequired, readInput, requiredFieldMissing, type WriteMode } from './record-input';
import { fieldDef, objectAvailable, objectByKeyPrefix, objectDef, OBJECTS, ORG_KEY_PREFIX, type ObjectDef } from './schema';
import type { OrgSeed, RecordSeed, SeededOrg, UserSeed } from './seed-schema';
import { enforceRules, type ValidationRule } from './validation-rules';

export type Fields = Record<string, unknown>;

/** Salesforce keeps deleted records in the recycle bin for 15 days, then purges them. */
export const RECYCLE_BIN_MS = 15 * 86_400_000;

const AUDIT_USER_FIELDS = ['CreatedById', 'LastModifiedById'];

/** Undo steps of the writes made since a batch began (allOrNone collections roll back with them). */
export interface Batch {
  rollback(): void;
}

/** One record written by a user: what Change Data Capture turns into a change event. */
export interface RecordChange {
  orgId: string;
  sobject: string;
  recordId: string;
  kind: 'create' | 'update' | 'delete';
  userId: string;
  /** The record's fields before the write (update and delete). */
  before?: Fields;
  after: Fields;
}

/** Sees every record write as it happens; a write an allOrNone batch rolls back is withdrawn. */
export interface ChangeObserver {
  recorded(change: RecordChange): void;
  withdrawn(change: RecordChange): void;
}

/** Objects whose records only their owner (or View All Data) sees: no parent, no creator rule, not User. */
function seenByOwnerOnly(def: ObjectDef): boolean {
  return def.name !== 'User' && !def.creatorSees && !def.visibilityParent;
}

export class OrgStore {
  readonly ids = new IdGenerator();
  private orgs = new Map<string, OrgData>();
  private undoLog: (() => void)[] | undefined;
  /** Told of every create, update and delete made through the API or Email to Salesforce (not of seeding). */
  changeObserver: ChangeObserver | undefined;

  constructor(readonly clock: Clock) {}

  // ---------------------------------------------------------------- orgs, users, apps

  /** Removes every org. */
  reset(): void {
    this.orgs.clear();
  }

  /** Creates an org (or replaces one with the same id) with its apps, users and records. */
  seedOrg(seed: OrgSeed): SeededOrg {
    const orgId = seed.orgId ? this.requireId(seed.orgId) : this.ids.next(ORG_KEY_PREFIX);
    const userCount = seed.users?.length ?? 0;
    const org: OrgData = {
      settings: {
        orgId,
        name: seed.name ?? 'Emulated Org',
        edition: seed.edition ?? 'Enterprise',
        dailyApiLimit: seed.dailyApiLimit ?? 100_000 + 1_000 * userCount,
        apiEnabled: seed.apiEnabled ?? true,
        auditFieldsOnCreate: seed.auditFieldsOnCreate ?? false,
        emailToSalesforce: { active: seed.emailToSalesforce?.active ?? true, multipleMatch: seed.emailToSalesforce?.multipleMatch ?? 'all' },
        enhancedEmail: seed.enhancedEmail ?? true,
        createdMs: seed.createdDate ? this.requireDateTime(seed.createdDate) : this.clock.now() - 365 * 86_400_000,
        replicationIdLimit: seed.replicationIdLimit ?? 600_000,
      },
      users: new Map(),
      apps: new Map(),
      tables: new Map([...OBJECTS.values()].map((o) => [o.name, new Map<string, StoredRecord>()])),
      byOwner: new Map(),
      recycleBin: new Set(),
      purgedThroughMs: new Map(),
      validationRules: [],
    };
    this.orgs.set(orgId, org);
    for (const app of seed.connectedApps ?? []) this.addConnectedApp(orgId, app);
    const users = this.addUsers(orgId, seed.users ?? []);
    const recordIds = this.seedRecords(orgId, seed.records ?? []);
    return { orgId, users, recordIds };
  }

  addConnectedApp(orgId: string, app: { clientId: string; clientSecret: string; callbackUrls?: string[]; refreshTokenLifetimeSeconds?: number }): void {
    const stored: ConnectedApp = { ...app, callbackUrls: app.callbackUrls ?? [] };
    this.org(orgId).apps.set(app.clientId, stored);
  }

  /** Adds users; answers username → id. */
  addUsers(orgId: string, seeds: UserSeed[]): Record<string, string> {
    const org = this.org(orgId);
    const out: Record<string, string> = {};
    for (const s of seeds) {
      if (this.userByUsername(s.username)) throw new SfError(400, 'DUPLICATE_USERNAME', `Duplicate Username: ${s.username}`);
      const id = s.id ? this.requireId(s.id) : this.ids.next('005');
      const lastName = s.lastName ?? s.username.split('@')[0] ?? s.username;
      const user: OrgUser = {
        id,
        orgId,
        username: s.username,
        password: s.password,
        email: s.email,
        firstName: s.firstName ?? null,
        lastName,
        viewAllData: s.viewAllData ?? false,
        apiEnabled: s.apiEnabled ?? true,
        isActive: s.isActive ?? true,
        timeZone: s.timeZone ?? 'GMT',
        emailToSalesforceAddress: s.emailToSalesforceAddress ?? null,
        acceptableEmailAddresses: s.acceptableEmailAddresses ?? [s.email],
      };
      org.users.set(id, user);
      const now = toSfDateTime(org.settings.createdMs);
      const fields: Fields = {
        Id: id,
        Username: user.username,
        FirstName: user.firstName,
        LastName: user.lastName,
        Email: user.email,
        IsActive: user.isActive,
        TimeZoneSidKey: user.timeZone,
        CreatedDate: now,
        CreatedById: id,
        LastModifiedDate: now,
        LastModifiedById: id,
        SystemModstamp: now,
      };
      derive('User', fields, undefined, org.settings.createdMs, () => undefined);
      this.table(org, 'User').set(id, { def: objectDef('User') as ObjectDef, fields, modstampMs: org.settings.createdMs, createdMs: org.settings.createdMs });
      out[s.username] = id;
    }
    return out;
  }

  /**
   * Loads records as they are, like a data import: any field may be set (audit fields,
   * SystemModstamp) and defaults and derived fields are filled in; validation rules do not run.
   */
  seedRecords(orgId: string, seeds: RecordSeed[]): string[] {
    const org = this.org(orgId);
    const firstUser = org.users.values().next().value;
    const nowMs = floorToSecond(this.clock.now());
    return seeds.map((seed) => {
      const def = this.requireObject(seed.sobject);
      const ownerId = seed.owner ? this.userByUsername(seed.owner)?.id : firstUser?.id;
      if (!ownerId) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', `No owner for seeded ${def.name}: seed a user first`);
      const fields: Fields = {};
      for (const [key, raw] of Object.entries(seed.fields)) {
        const fd = fieldDef(def, key);
        if (!fd) throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
        const v = coerceValue(fd, raw);
        fields[fd.name] = (fd.type === 'id' || fd.type === 'reference') && typeof v === 'string' ? this.requireId(v) : v;
      }
      const id = typeof fields.Id === 'string' ? fields.Id : this.ids.next(def.keyPrefix);
      const created = typeof fields.CreatedDate === 'string' ? this.requireDateTime(fields.CreatedDate) : nowMs;
      const modified = typeof fields.LastModifiedDate === 'string' ? this.requireDateTime(fields.LastModifiedDate) : created;
      const modstamp = typeof fields.SystemModstamp === 'string' ? this.requireDateTime(fields.SystemModstamp) : modified;
      const record: Fields = {
        Id: id,
        IsDeleted: false,
        ...this.defaults(def),
        ...(fieldDef(def, 'OwnerId') ? { OwnerId: ownerId } : {}),
        CreatedById: ownerId,
        LastModifiedById: ownerId,
        ...fields,
        CreatedDate: toSfDateTime(created),
        LastModifiedDate: toSfDateTime(modified),
        SystemModstamp: toSfDateTime(modstamp),
      };
      derive(def.name, record, undefined, created, (ref) => this.lookup(org, ref));
      const stored: StoredRecord = { def, fields: record, modstampMs: modstamp, createdMs: created };
      this.table(org, def.name).set(id, stored);
      org.byOwner.delete(def.name);
      if (seed.deletedDate) this.moveToRecycleBin(org, stored, this.requireDateTime(seed.deletedDate), ownerId);
      return id;
    });
  }

  /** The org, or undefined. */
  findOrg(orgId: string): OrgData | undefined {
    const id = normalizeId(orgId);
    return id ? this.orgs.get(id) : undefined;
  }

  org(orgId: string): OrgData {
    const org = this.findOrg(orgId);
    if (!org) throw new SfError(404, 'NOT_FOUND', `No org ${orgId} in the emulator`);
    return org;
  }

  allOrgs(): OrgData[] {
    return [...this.orgs.values()];
  }

  user(orgId: string, userId: string): OrgUser {
    const id = normalizeId(userId);
    const user = id ? this.org(orgId).users.get(id) : undefined;
    if (!user) throw new SfError(404, 'NOT_FOUND', `No user ${userId} in org ${orgId}`);
    return user;
  }

  /** Usernames are unique across all of Salesforce, so a login needs no org. */
  userByUsername(username: string): OrgUser | undefined {
    const wanted = username.toLowerCase();
    for (const org of this.orgs.values()) for (const u of org.users.values()) if (u.username.toLowerCase() === wanted) return u;
    return undefined;
  }

  /**
   * The user whose personal Email to Salesforce address this is (case-insensitive), across all
   * orgs; undefined when no user has it. The listener then checks the sender against the
   * user's `acceptableEmailAddresses` itself.
   */
  findUserByEmailToSalesforceAddress(address: string): OrgUser | undefined {
    const wanted = address.trim().toLowerCase();
    for (const org of this.orgs.values())
      for (const u of org.users.values()) if (u.emailToSalesforceAddress?.toLowerCase() === wanted) return { ...u, acceptableEmailAddresses: [...u.acceptableEmailAddresses] };
    return undefined;
  }

  /** The org's Email to Salesforce settings: whether it is active and how it treats several matches. */
  getEmailToSalesforceSettings(orgId: string): EmailToSalesforceSettings {
    return { ...this.org(orgId).settings.emailToSalesforce };
  }

  /** Changes org settings a test may flip at run time (API access, audit fields, limits …). */
  updateOrgSettings(orgId: string, patch: Partial<Omit<OrgData['settings'], 'orgId'>>): void {
    const org = this.org(orgId);
    org.settings = { ...org.settings, ...patch, orgId: org.settings.orgId };
  }

  updateUser(orgId: string, userId: string, patch: Partial<Omit<OrgUser, 'id' | 'orgId'>>): void {
    const user = this.user(orgId, userId);
    Object.assign(user, patch);
  }

  installValidationRule(orgId: string, rule: ValidationRule): void {
    const org = this.org(orgId);
    const def = this.requireObject(rule.sobject);
    org.validationRules = org.validationRules.filter((r) => !(r.sobject.toLowerCase() === def.name.toLowerCase() && r.name === rule.name));
    org.validationRules.push({ ...rule, sobject: def.name });
  }

  removeValidationRules(orgId: string): void {
    this.org(orgId).validationRules = [];
  }

  // ---------------------------------------------------------------- reading

  /** Sees the record: owns it, has View All Data, or (child objects) sees its parent or created it where that counts. Users are public. */
  canSee(org: OrgData, user: OrgUser, rec: StoredRecord): boolean {
    if (user.viewAllData || rec.def.name === 'User') return true;
    if (rec.def.creatorSees && rec.fields.CreatedById === user.id) return true;
    const parent = rec.def.visibilityParent;
    if (parent) {
      const parentId = rec.fields[parent.field];
      const parentRec = typeof parentId === 'string' ? this.table(org, parent.sobject).get(parentId) : undefined;
      return parentRec !== undefined && this.canSee(org, user, parentRec);
    }
    return rec.fields.OwnerId === user.id;
  }

  /** The object's records the user may see; deleted ones (recycle bin) only when asked. */
  visibleRecords(orgId: string, userId: string, sobject: string, opts: { includeDeleted: boolean }): StoredRecord[] {
    const org = this.org(orgId);
    this.purgeExpired(org);
    const user = this.user(orgId, userId);
    const def = this.requireObject(sobject, org);
    // Where only owners see records, canSee is `OwnerId === user.id`: the owner's own records are all there is to check.
    const candidates = !user.viewAllData && seenByOwnerOnly(def) ? this.ownedBy(org, def.name, user.id) : this.table(org, def.name).values();
    const out: StoredRecord[] = [];
    for (const rec of candidates) {
      if (rec.deletedMs !== undefined && !opts.includeDeleted) continue;
      if (this.canSee(org, user, rec)) out.push(rec);
    }
    return out;
  }

  private ownedBy(org: OrgData, sobject: string, ownerId: string): readonly StoredRecord[] {
    let index = org.byOwner.get(sobject);
    if (!index) {
      index = new Map();
      for (const rec of this.table(org, sobject).values()) {
        const owned = index.get(rec.fields.OwnerId);
        if (owned) owned.push(rec);
        else index.set(rec.fields.OwnerId, [rec]);
      }
      org.byOwner.set(sobject, index);
    }
    return index.get(ownerId) ?? [];
  }

  /** A record by id for this user: NOT_FOUND when absent or invisible, ENTITY_IS_DELETED when in the recycle bin. */
  getVisible(orgId: string, userId: string, sobject: string | undefined, rawId: string): StoredRecord {
    const org = this.org(orgId);
    this.purgeExpired(org);
    const id = normalizeId(rawId);
    const def = id ? objectByKeyPrefix(id) : undefined;
    if (!id || !def || !objectAvailable(def, org.settings) || (sobject !== undefined && def.name !== this.requireObject(sobject, org).name)) throw notFound();
    const rec = this.table(org, def.name).get(id);
    if (!rec || !this.canSee(org, this.user(orgId, userId), rec)) throw notFound();
    if (rec.deletedMs !== undefined) throw entityIsDeleted();
    return rec;
  }

  /** Live records whose external id field equals the value (case-insensitive, as unique text ids compare). */
  findByExternalId(orgId: string, userId: string, sobject: string, field: string, value: string): StoredRecord[] {
    const def = this.requireObject(sobject);
    const fd = fieldDef(def, field);
    if (!fd || !(fd.externalId || fd.name === 'Id')) {
      throw new SfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`);
    }
    const wanted = value.toLowerCase();
    return this.visibleRecords(orgId, userId, def.name, { includeDeleted: false }).filter(
      (r) => typeof r.fields[fd.name] === 'string' && (r.fields[fd.name] as string).toLowerCase() === wanted,
    );
  }

  /**
   * Live records of an object that satisfy the predicate, whoever owns them (the way Salesforce
   * itself matches an incoming email). Answers copies: changing them changes nothing.
   */
  queryRecords(orgId: string, sobject: string, predicate: (record: Fields) => boolean): Fields[] {
    const org = this.org(orgId);
    this.purgeExpired(org);
    const out: Fields[] = [];
    for (const rec of this.table(org, this.requireObject(sobject).name).values()) {
      if (rec.deletedMs !== undefined) continue;
      const copy = { ...rec.fields };
      if (predicate(copy)) out.push(copy);
    }
    return out;
  }

  // ---------------------------------------------------------------- writing

  /**
   * Creates a record as the given user, exactly as an API create would: required fields,
   * picklists, lengths, references and the org's validation rules all apply. Answers a copy of
   * the stored record (with its Id); throws SfError with Salesforce's error code otherwise.
   */
  createRecord(orgId: string, asUserId: string, sobject: string, fields: Fields): Fields {
    return { ...this.create(orgId, asUserId, sobject, fields).fields };
  }

  create(orgId: string, userId: string, sobject: string, body: Fields, opts: { allowed?: string[] } = {}): StoredRecord {
    const org = this.org(orgId);
    const user = this.user(orgId, userId);
    const def = this.writableObject(sobject, org);
    if ('Id' in body || 'id' in body) {
      throw new SfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Record ID: cannot specify Id in an insert call', ['Id']);
    }
    const input = readInput(def, body, { mode: 'create', auditFieldsOnCreate: org.settings.auditFieldsOnCreate, allowed: opts.allowed });
    const nowMs = floorToSecond(this.clock.now());
    const record: Fields = { IsDeleted: false, ...this.defaults(def), ...(fieldDef(def, 'OwnerId') ? { OwnerId: user.id } : {}), ...input };
    const missing = missingRequired(def, record);
    if (missing.length > 0) throw requiredFieldMissing(missing);
    this.checkReferences(org, user, def, input, 'create');
    const created = typeof input.CreatedDate === 'string' ? this.requireDateTime(input.CreatedDate) : nowMs;
    const createdBy = (input.CreatedById as string | undefined) ?? user.id;
    record.CreatedDate = toSfDateTime(created);
    record.CreatedById = createdBy;
    record.LastModifiedDate = input.LastModifiedDate ?? record.CreatedDate;
    record.LastModifiedById = input.LastModifiedById ?? createdBy;
    // SystemModstamp is always the system's own time, even when audit fields are set.
    record.SystemModstamp = toSfDateTime(nowMs);
    derive(def.name, record, undefined, nowMs, (ref) => this.lookup(org, ref));
    enforceRules(org.validationRules, def.name, record, undefined);
    this.checkUnique(org, def, record, undefined);
    beforeEmailInsert(def, record, nowMs, this.emailPort(org, user));
    const id = this.ids.next(def.keyPrefix);
    const stored: StoredRecord = { def, fields: { Id: id, ...record }, modstampMs: nowMs, createdMs: created };
    this.table(org, def.name).set(id, stored);
    org.byOwner.delete(def.name);
    this.undoLog?.push(() => {
      this.table(org, def.name).delete(id);
      org.byOwner.delete(def.name);
    });
    this.noteChange(org, 'create', stored, undefined, user.id);
    return stored;
  }

  update(orgId: string, userId: string, sobject: string | undefined, rawId: string, body: Fields, opts: { allowed?: string[] } = {}): StoredRecord {
    const org = this.org(orgId);
    const user = this.user(orgId, userId);
    const rec = this.writableRecord(orgId, userId, sobject, rawId);
    const { Id: bodyId, id: bodyId2, ...rest } = body;
    const givenId = bodyId ?? bodyId2;
    if (givenId !== undefined && normalizeId(typeof givenId === 'string' ? givenId : JSON.stringify(givenId)) !== rec.fields.Id) {
      throw new SfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: Id.', ['Id']);
    }
    const input = readInput(rec.def, rest, { mode: 'update', auditFieldsOnCreate: false, allowed: opts.allowed });
    const prev = { ...rec.fields };
    checkEmailUpdate(rec.def, prev, input, this.emailPort(org, user));
    const next: Fields = { ...rec.fields, ...input };
    const missing = missingRequired(rec.def, next).filter((f) => f in input);
    if (missing.length > 0) throw requiredFieldMissing(missing);
    this.checkReferences(org, user, rec.def, input, 'update');
    const nowMs = floorToSecond(this.clock.now());
    next.LastModifiedDate = toSfDateTime(nowMs);
    next.LastModifiedById = user.id;
    next.SystemModstamp = toSfDateTime(nowMs);
    derive(rec.def.name, next, prev, nowMs, (ref) => this.lookup(org, ref));
    enforceRules(org.validationRules, rec.def.name, next, prev);
    this.checkUnique(org, rec.def, next, rec.fields.Id as string);
    this.replaceFields(org, rec, next, nowMs);
    this.noteChange(org, 'update', rec, prev, user.id);
    return rec;
  }

  /** Moves the record (and the activities and contact roles hanging off it) to the recycle bin. */
  delete(orgId: string, userId: string, sobject: string | undefined, rawId: string): StoredRecord {
    const org = this.org(orgId);
    const rec = this.writableRecord(orgId, userId, sobject, rawId);
    const nowMs = floorToSecond(this.clock.now());
    this.moveToRecycleBin(org, rec, nowMs, userId);
    this.noteChange(org, 'delete', rec, undefined, userId);
    const id = rec.fields.Id as string;
    for (const [table, fields] of [
      ['Task', ['WhoId', 'WhatId']],
      ['OpportunityContactRole', ['ContactId', 'OpportunityId']],
      ['EmailMessageRelation', ['EmailMessageId']],
    ] as const) {
      for (const child of this.table(org, table).values()) {
        // An email's Task goes with it.
        const activity = table === 'Task' && child.fields.Id === rec.fields.ActivityId && rec.def.name === 'EmailMessage';
        if (child.deletedMs === undefined && (activity || fields.some((f) => child.fields[f] === id))) {
          this.moveToRecycleBin(org, child, nowMs, userId);
          this.noteChange(org, 'delete', child, undefined, userId);
        }
      }
    }
    return rec;
  }

  /**
   * Upsert on an external id field: updates the one live match, creates when none matches,
   * and answers 300 (MULTIPLE_CHOICES) with the matches' URLs when several do.
   */
  upsert(orgId: string, userId: string, sobject: string, field: string, value: string, body: Fields): { record: StoredRecord; created: boolean } {
    const def = this.writableObject(sobject);
    const matches = this.findByExternalId(orgId, userId, def.name, field, value);
    const fd = fieldDef(def, field) as NonNullable<ReturnType<typeof fieldDef>>;
    const given = Object.entries(body).find(([k]) => k.toLowerCase() === fd.name.toLowerCase());
    if (given && given[1] !== value) {
      throw new SfError(400, 'INVALID_FIELD', `The value of the external ID field in the request body (${String(given[1])}) doesn't match the value in the request URL (${value})`);
    }
    if (matches.length > 1) throw new MultipleMatches(matches.map((m) => m.fields.Id as string), def.name);
    const { [given?.[0] ?? fd.name]: _ignored, ...rest } = body;
    if (matches.length === 1) {
      return { record: this.update(orgId, userId, def.name, (matches[0] as StoredRecord).fields.Id as string, rest), created: false };
    }
    return { record: this.create(orgId, userId, def.name, { ...rest, [fd.name]: value }), created: true };
  }

  /** Starts recording writes so an allOrNone collection can undo them all. */
  beginBatch(): Batch {
    const log: (() => void)[] = [];
    this.undoLog = log;
    return {
      rollback: () => {
        for (const undo of log.reverse()) undo();
        log.length = 0;
        if (this.undoLog === log) this.undoLog = undefined;
      },
    };
  }

  endBatch(): void {
    this.undoLog = undefined;
  }

  // ---------------------------------------------------------------- recycle bin

  /** Hard-deletes recycle-bin records older than 15 days, as Salesforce does. */
  purgeExpired(org: OrgData): void {
    const cutoff = this.clock.now() - RECYCLE_BIN_MS;
    for (const rec of org.recycleBin) if ((rec.deletedMs as number) <= cutoff) this.purge(org, rec);
  }

  /** Empties the recycle bin now (all objects, or one), like an admin emptying it. */
  purgeRecycleBin(orgId: string, sobject?: string): number {
    const org = this.org(orgId);
    const name = sobject ? this.requireObject(sobject).name : undefined;
    let n = 0;
    for (const rec of [...org.recycleBin]) {
      if (name && rec.def.name !== name) continue;
      this.purge(org, rec);
      n++;
    }
    return n;
  }

  /** Pretends a deleted record was deleted at another time (e.g. twenty days ago). */
  backdateDeletion(orgId: string, rawId: string, deletedAtMs: number): void {
    const org = this.org(orgId);
    const id = normalizeId(rawId);
    const def = id ? objectByKeyPrefix(id) : undefined;
    const rec = id && def ? this.table(org, def.name).get(id) : undefined;
    if (!rec || rec.deletedMs === undefined) throw new SfError(404, 'NOT_FOUND', `No deleted record ${rawId} in the recycle bin`);
    const ms = floorToSecond(deletedAtMs);
    rec.deletedMs = ms;
    rec.modstampMs = ms;
    rec.fields.SystemModstamp = toSfDateTime(ms);
    rec.fields.LastModifiedDate = toSfDateTime(ms);
    this.purgeExpired(org);
  }

  // ---------------------------------------------------------------- internals

  private noteChange(org: OrgData, kind: RecordChange['kind'], rec: StoredRecord, before: Fields | undefined, userId: string): void {
    const observer = this.changeObserver;
    if (!observer) return;
    const change: RecordChange = { orgId: org.settings.orgId, sobject: rec.def.name, recordId: rec.fields.Id as string, kind, userId, before, after: { ...rec.fields } };
    observer.recorded(change);
    this.undoLog?.push(() => observer.withdrawn(change));
  }

  private purge(org: OrgData, rec: StoredRecord): void {
    org.recycleBin.delete(rec);
    this.table(org, rec.def.name).delete(rec.fields.Id as string);
    org.byOwner.delete(rec.def.name);
    const through = org.purgedThroughMs.get(rec.def.name) ?? 0;
    org.purgedThroughMs.set(rec.def.name, Math.max(through, rec.deletedMs as number));
  }

  private moveToRecycleBin(org: OrgData, rec: StoredRecord, atMs: number, byUserId: string): void {
    const before = { fields: { ...rec.fields }, modstampMs: rec.modstampMs };
    rec.deletedMs = atMs;
    rec.fields = { ...rec.fields, IsDeleted: true, LastModifiedDate: toSfDateTime(atMs), LastModifiedById: byUserId, SystemModstamp: toSfDateTime(atMs) };
    rec.modstampMs = atMs;
    org.recycleBin.add(rec);
    this.undoLog?.push(() => {
      rec.fields = before.fields;
      rec.modstampMs = before.modstampMs;
      rec.deletedMs = undefined;
      org.recycleBin.delete(rec);
    });
  }

  private replaceFields(org: OrgData, rec: StoredRecord, next: Fields, nowMs: number): void {
    const before = { fields: rec.fields, modstampMs: rec.modstampMs };
    const ownerChanged = before.fields.OwnerId !== next.OwnerId;
    rec.fields = next;
    rec.modstampMs = nowMs;
    if (ownerChanged) org.byOwner.delete(rec.def.name);
    this.undoLog?.push(() => {
      rec.fields = before.fields;
      rec.modstampMs = before.modstampMs;
      if (ownerChanged) org.byOwner.delete(rec.def.name);
    });
  }

  private writableObject(sobject: string, org?: OrgData): ObjectDef {
    const def = this.requireObject(sobject, org);
    if (def.readOnly) throw insufficientAccess();
    return def;
  }

  /** The record the user is about to change: INSUFFICIENT_ACCESS when they cannot see it. */
  private writableRecord(orgId: string, userId: string, sobject: string | undefined, rawId: string): StoredRecord {
    const org = this.org(orgId);
    this.purgeExpired(org);
    const id = normalizeId(rawId);
    const def = id ? objectByKeyPrefix(id) : undefined;
    if (sobject !== undefined) this.writableObject(sobject, org);
    if (!id || !def) throw new SfError(400, 'MALFORMED_ID', `malformed id ${rawId}`, ['Id']);
    if (!objectAvailable(def, org.settings)) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (sobject !== undefined && def.name !== this.requireObject(sobject).name) {
      throw new SfError(400, 'MALFORMED_ID', `${this.requireObject(sobject).name} ID: id value of incorrect type: ${rawId}`, ['Id']);
    }
    if (def.readOnly) throw insufficientAccess();
    const rec = this.table(org, def.name).get(id);
    if (!rec) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (rec.deletedMs !== undefined) throw entityIsDeleted();
    if (!this.canSee(org, this.user(orgId, userId), rec)) throw insufficientAccess();
    return rec;
  }

  /** Lookups must point at a live record of an allowed type that the user can see. */
  private checkReferences(org: OrgData, user: OrgUser, def: ObjectDef, input: Fields, mode: WriteMode): void {
    for (const [name, value] of Object.entries(input)) {
      const fd = fieldDef(def, name);
      if (!fd || fd.type !== 'reference' || typeof value !== 'string') continue;
      const target = objectByKeyPrefix(value);
      if (!target || !(fd.referenceTo ?? []).includes(target.name)) {
        throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', `${fd.label}: id value of incorrect type: ${value}`, [fd.name]);
      }
      const rec = this.table(org, target.name).get(value);
      if (!rec) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [fd.name]);
      if (rec.deletedMs !== undefined) throw new SfError(400, 'ENTITY_IS_DELETED', 'entity is deleted', [fd.name]);
      if (target.name === 'User') {
        const u = org.users.get(value);
        if (fd.name === 'OwnerId' && !u?.isActive) throw new SfError(400, 'INACTIVE_OWNER_OR_USER', 'operation performed with inactive user', [fd.name]);
        if (mode === 'create' && AUDIT_USER_FIELDS.includes(fd.name) && !u) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [fd.name]);
        continue;
      }
      if (!this.canSee(org, user, rec)) {
        throw new SfError(400, 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', `insufficient access rights on cross-reference id: ${value}`, []);
      }
    }
  }

  /** Unique fields (the External ID SIA_Task_Id__c) refuse a second live record with the same value. */
  private checkUnique(org: OrgData, def: ObjectDef, record: Fields, selfId: string | undefined): void {
    for (const fd of def.fields) {
      const v = record[fd.name];
      if (!fd.unique || typeof v !== 'string') continue;
      const wanted = v.toLowerCase();
      for (const other of this.table(org, def.name).values()) {
        if (other.deletedMs !== undefined || other.fields.Id === selfId) continue;
        const ov = other.fields[fd.name];
        if (typeof ov === 'string' && ov.toLowerCase() === wanted) {
          throw new SfError(400, 'DUPLICATE_VALUE', `duplicate value found: ${fd.name} duplicates value on record with id: ${String(other.fields.Id)}`, []);
        }
      }
    }
  }

  private defaults(def: ObjectDef): Fields {
    const out: Fields = {};
    for (const fd of def.fields) {
      if (fd.defaultValue !== undefined) out[fd.name] = fd.defaultValue;
      else if (fd.type === 'boolean') out[fd.name] = false;
      else if (fd.name !== 'Id') out[fd.name] = null;
    }
    return out;
  }

  lookup(org: OrgData, id: string): Fields | undefined {
    const def = objectByKeyPrefix(id);
    return def ? this.table(org, def.name).get(id)?.fields : undefined;
  }

  table(org: OrgData, sobject: string): Map<string, StoredRecord> {
    let t = org.tables.get(sobject);
    if (!t) {
      t = new Map();
      org.tables.set(sobject, t);
    }
    return t;
  }

  /** The object by name; with an org, one the org does not have (EmailMessage without Enhanced Email) is as unknown. */
  requireObject(sobject: string, org?: OrgData): ObjectDef {
    const def = objectDef(sobject);
    if (!def || (org && !objectAvailable(def, org.settings))) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return def;
  }

  /** What Enhanced Email's behaviour (enhanced-email.ts) may do, as this user in this org. */
  private emailPort(org: OrgData, user: OrgUser): EmailStorePort {
    const orgId = org.settings.orgId;
    return {
      createTask: (fields) => this.create(orgId, user.id, 'Task', fields).fields.Id as string,
      updateTask: (taskId, fields) => void this.update(orgId, user.id, 'Task', taskId, fields),
      lookup: (id) => {
        const rec = this.lookup(org, id);
        return rec && rec.IsDeleted !== true ? rec : undefined;
      },
    };
  }

  private requireId(raw: string): string {
    const id = normalizeId(raw);
    if (!id) throw new SfError(400, 'MALFORMED_ID', `malformed id ${raw}`);
    return id;
  }

  private requireDateTime(text: string): number {
    const ms = parseSfDateTime(text);
    if (ms === undefined) throw new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of datetime from VALUE_STRING value ${text}`);
    return floorToSecond(ms);
  }
}

/** Several records share the external id: REST answers 300 with their URLs. */
export class MultipleMatches extends Error {
  constructor(
    readonly ids: string[],
    readonly sobject: string,
  ) {
    super('Multiple records found');
  }
}
