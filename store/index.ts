/** The store: one query layer over SQLite (embedded default) and PostgreSQL (several workers). */
export * from './admin-settings';
export * from './api-usage';
export * from './apply-from-salesforce';
export * from './emails';
export * from './links';
export * from './open-store';
export * from './record-pushed';
export * from './schema';
export * from './secret-box';
export * from './settings';
export * from './sync-errors';
export * from './sync-log';
export * from './task-model';
export * from './tasks';
export * from './transaction';
export * from './users';
export * from './task-lookup';
