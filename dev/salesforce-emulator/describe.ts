/** Describe results (global, per object) in the shape the REST API gives them. */
import type { FieldDef, ObjectDef } from './schema';
import { OBJECTS } from './schema';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function describeField(d: FieldDef): Record<string, unknown> {
  const textual = !['boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime'].includes(d.type);
  const longText = d.type === 'textarea' && (d.length ?? 0) > 255;
  return {
    aggregatable: !longText,
    autoNumber: false,
    byteLength: textual ? (d.length ?? 0) * 3 : 0,
    calculated: false,
    caseSensitive: false,
    createable: d.createable,
    custom: d.custom === true,
    defaultValue: d.defaultValue ?? null,
    defaultedOnCreate: d.defaultValue !== undefined || ['Id', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted'].includes(d.name),
    dependentPicklist: false,
    digits: d.type === 'int' ? 9 : 0,
    externalId: d.externalId === true,
    filterable: !longText,
    groupable: !longText && d.type !== 'datetime',
    htmlFormatted: false,
    idLookup: d.name === 'Id' || d.externalId === true,
    label: d.label,
    length: textual ? (d.length ?? 0) : 0,
    name: d.name,
    nameField: d.name === 'Name' || (d.name === 'Subject'),
    namePointing: (d.referenceTo?.length ?? 0) > 1,
    nillable: d.nillable,
    permissionable: d.nillable && d.createable,
    picklistValues: (d.picklist?.values ?? []).map((p) => ({ active: true, defaultValue: p.isDefault === true, label: p.label ?? p.value, validFor: null, value: p.value })),
    polymorphicForeignKey: (d.referenceTo?.length ?? 0) > 1,
    precision: ['double', 'currency', 'percent'].includes(d.type) ? 18 : 0,
    referenceTo: d.referenceTo ?? [],
    relationshipName: d.relationshipName ?? null,
    restrictedPicklist: d.picklist?.restricted === true,
    scale: ['double', 'currency', 'percent'].includes(d.type) ? 2 : 0,
    soapType: SOAP_TYPES[d.type] ?? 'xsd:string',
    sortable: !longText,
    type: d.describeType ?? d.type,
    unique: d.unique === true,
    updateable: d.updateable,
  };
}

function urls(version: string, o: ObjectDef): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${o.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** The per-object entry of describeGlobal (and of the basic-information resource). */
export function globalEntry(version: string, o: ObjectDef): Record<string, unknown> {
  const writable = !o.readOnly;
  return {
    activateable: false,
    createable: writable,
    custom: false,
    customSetting: false,
    deletable: writable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isSubtype: false,
    keyPrefix: o.keyPrefix,
    label: o.label,
    labelPlural: o.labelPlural,
    layoutable: true,
    mergeable: ['Contact', 'Lead', 'Account'].includes(o.name),
    mruEnabled: true,
    name: o.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: writable,
    updateable: writable,
    urls: urls(version, o),
  };
}

/** Every object the org has (`has`: EmailMessage only with Enhanced Email). */
export function describeGlobal(version: string, has: (o: ObjectDef) => boolean = () => true): Record<string, unknown> {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: [...OBJECTS.values()].filter(has).map((o) => globalEntry(version, o)) };
}

export function describeObject(version: string, o: ObjectDef): Record<string, unknown> {
  return {
    ...globalEntry(version, o),
    actionOverrides: [],
    childRelationships: [],
    compactLayoutable: true,
    fields: o.fields.map(describeField),
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [],
    searchLayoutable: true,
    supportedScopes: [{ label: 'All', name: 'everything' }, { label: 'Mine', name: 'mine' }],
  };
}
