/** The "Acme Demo" org that `npm run salesforce-emulator` and `seedDemo` start with. */
import type { OrgStore } from './org-store';
import type { RecordSeed } from './seed-schema';

export const DEMO = {
  orgName: 'Acme Demo',
  clientId: 'sia-demo-client',
  clientSecret: 'sia-demo-secret',
  password: 'demo-password',
  users: {
    alice: 'alice@acme.demo',
    bob: 'bob@acme.demo',
    integration: 'integration@acme.demo',
  },
} as const;

export interface DemoOrg {
  orgId: string;
  clientId: string;
  clientSecret: string;
  password: string;
  /** username → user id */
  users: Record<string, string>;
  emailToSalesforceAddresses: Record<string, string>;
}

const DAY = 86_400_000;
const day = (offsetDays: number, now: number): string => new Date(now + offsetDays * DAY).toISOString().slice(0, 10);

export function seedDemoOrg(store: OrgStore): DemoOrg {
  const e2s = {
    [DEMO.users.alice]: 'emailtosalesforce@alice.1x9k2q.acme-demo.le.salesforce.com',
    [DEMO.users.bob]: 'emailtosalesforce@bob.7m3p0z.acme-demo.le.salesforce.com',
  };
  const seeded = store.seedOrg({
    name: DEMO.orgName,
    edition: 'Enterprise',
    auditFieldsOnCreate: true,
    connectedApps: [{ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret }],
    users: [
      { username: DEMO.users.alice, password: DEMO.password, email: DEMO.users.alice, firstName: 'Alice', lastName: 'Adams', emailToSalesforceAddress: e2s[DEMO.users.alice] },
      { username: DEMO.users.bob, password: DEMO.password, email: DEMO.users.bob, firstName: 'Bob', lastName: 'Brown', emailToSalesforceAddress: e2s[DEMO.users.bob] },
      { username: DEMO.users.integration, password: DEMO.password, email: DEMO.users.integration, firstName: 'SIA', lastName: 'Integration', viewAllData: true },
    ],
  });
  const { orgId } = seeded;
  const now = store.clock.now();
  const [globex, initech] = store.seedRecords(orgId, [
    { sobject: 'Account', fields: { Name: 'Globex Corporation', Industry: 'Technology' }, owner: DEMO.users.alice },
    { sobject: 'Account', fields: { Name: 'Initech', Industry: 'Finance' }, owner: DEMO.users.bob },
  ]);
  const [hank, peter] = store.seedRecords(orgId, [
    { sobject: 'Contact', fields: { FirstName: 'Hank', LastName: 'Scorpio', Email: 'hank@globex.example', AccountId: globex }, owner: DEMO.users.alice },
    { sobject: 'Contact', fields: { FirstName: 'Peter', LastName: 'Gibbons', Email: 'peter@initech.example', AccountId: initech }, owner: DEMO.users.bob },
    { sobject: 'Contact', fields: { FirstName: 'Milton', LastName: 'Waddams', Email: 'milton@initech.example', AccountId: initech }, owner: DEMO.users.bob },
  ]);
  store.seedRecords(orgId, [
    { sobject: 'Lead', fields: { FirstName: 'Lisa', LastName: 'Turner', Company: 'Turner Bakery', Email: 'lisa@turnerbakery.example' }, owner: DEMO.users.alice },
    { sobject: 'Lead', fields: { FirstName: 'Sam', LastName: 'Ortiz', Company: 'Ortiz Logistics', Email: 'sam@ortiz.example' }, owner: DEMO.users.bob },
  ]);
  const [globexDeal] = store.seedRecords(orgId, [
    { sobject: 'Opportunity', fields: { Name: 'Globex – platform renewal', StageName: 'Negotiation/Review', CloseDate: day(30, now), AccountId: globex, Amount: 120000 }, owner: DEMO.users.alice },
    { sobject: 'Opportunity', fields: { Name: 'Initech – TPS reports', StageName: 'Prospecting', CloseDate: day(60, now), AccountId: initech, Amount: 15000 }, owner: DEMO.users.bob },
  ]);
  store.seedRecords(orgId, [{ sobject: 'OpportunityContactRole', fields: { OpportunityId: globexDeal, ContactId: hank, Role: 'Decision Maker', IsPrimary: true } }]);
  const tasks: RecordSeed[] = [
    { sobject: 'Task', fields: { Subject: 'Call Hank about renewal', WhoId: hank, WhatId: globexDeal, ActivityDate: day(0, now), Priority: 'High' }, owner: DEMO.users.alice },
    { sobject: 'Task', fields: { Subject: 'Send pricing to Globex', WhoId: hank, ActivityDate: day(1, now), Status: 'In Progress' }, owner: DEMO.users.alice },
    { sobject: 'Task', fields: { Subject: 'Intro email', WhoId: hank, Type: 'Email', Status: 'Completed', ActivityDate: day(-3, now) }, owner: DEMO.users.alice },
    { sobject: 'Task', fields: { Subject: 'Follow up with Peter', WhoId: peter, ActivityDate: day(1, now) }, owner: DEMO.users.bob },
  ];
  store.seedRecords(orgId, tasks);
  return { orgId, clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, password: DEMO.password, users: seeded.users, emailToSalesforceAddresses: e2s };
}
