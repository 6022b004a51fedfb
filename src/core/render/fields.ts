/**
 * How the record is laid out for a person: sections of labelled fields, then the collections.
 * Every documented field is placed exactly once (a unit test holds this against the schema).
 */
/** `atom`: text that never breaks inside itself (a time zone); `email` and `phone` neither. */
export type FieldKind = 'text' | 'date' | 'bool' | 'number' | 'money' | 'enum' | 'id' | 'email' | 'phone' | 'flag' | 'atom';

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** Masked until revealed when carecycle.privacy.maskIdentifiers is on. */
  readonly phi?: boolean;
}

export interface SectionSpec {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly FieldSpec[];
}

const f = (key: string, label: string, kind: FieldKind = 'text', phi = false): FieldSpec => ({ key, label, kind, phi });

export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'profile',
    title: 'Profile',
    fields: [
      f('salutation', 'Salutation'),
      f('firstName', 'First name'),
      f('middleName', 'Middle name'),
      f('lastName', 'Last name'),
      f('suffix', 'Suffix'),
      f('preferredName', 'Preferred name'),
      f('dateOfBirth', 'Date of birth', 'date', true),
      f('gender', 'Gender', 'enum'),
      f('maritalStatus', 'Marital status', 'enum'),
      f('language', 'Language'),
      f('ethnicity', 'Ethnicity'),
      f('isDecisionMaker', 'Decision maker', 'bool'),
      f('disqualificationReason', 'Disqualification reason'),
      f('productInterest', 'Product interest'),
      f('productFamily', 'Product family'),
      f('testCustomer', 'Test customer', 'bool'),
    ],
  },
  {
    id: 'contact',
    title: 'Contact and address',
    fields: [
      f('email', 'Email', 'email'),
      f('callerId', 'Phone (caller ID)', 'phone'),
      f('lineType', 'Line type', 'enum'),
      f('address', 'Address'),
      f('address2', 'Address line 2'),
      f('city', 'City'),
      f('county', 'County'),
      f('state', 'State'),
      f('postalCode', 'Postal code'),
      f('timezone', 'Time zone', 'atom'),
    ],
  },
  {
    id: 'medicare',
    title: 'Medicare and Medicaid',
    fields: [
      f('mbiNumber', 'Medicare Beneficiary Identifier (MBI)', 'text', true),
      f('medicareCard', 'Has Medicare card', 'bool'),
      f('medicarePartADate', 'Part A effective', 'date'),
      f('medicarePartBDate', 'Part B effective', 'date'),
      f('medicaid', 'Medicaid', 'bool'),
      f('medicaidNumber', 'Medicaid number', 'text', true),
      f('socialSecurityDisability', 'Social Security disability', 'bool'),
      f('veteran', 'Veteran', 'bool'),
      f('vaNumber', 'VA number', 'text', true),
    ],
  },
  {
    id: 'household',
    title: 'Household, income and subsidy',
    fields: [
      f('householdIncome', 'Household income', 'money'),
      f('annualIncome', 'Annual income', 'money'),
      f('filingStatus', 'Filing status'),
      f('dependentCount', 'Dependents', 'number'),
      f('subsidyAmount', 'Subsidy amount', 'money'),
      f('subsidyEligible', 'Subsidy eligible', 'bool'),
      f('healthSherpaCustomerId', 'HealthSherpa customer ID', 'id'),
    ],
  },
  {
    id: 'coverage',
    title: 'Coverage and enrollment',
    fields: [
      f('carrierName', 'Carrier'),
      f('planName', 'Plan'),
      f('planCode', 'Plan code', 'id'),
      f('enrollmentDate', 'Enrolled', 'date'),
      f('effectiveDate', 'Effective', 'date'),
      f('memberId', 'Member ID', 'id'),
      f('carrierAssignedCustomerId', 'Carrier customer ID', 'id'),
      f('existingCoverage', 'Existing coverage', 'enum'),
      f('existingCoveragePlanName', 'Previous plan (before this coverage)'),
      f('existingCoverageCarrier', 'Previous carrier'),
      f('desiredCoverageStartDate', 'Desired coverage start', 'date'),
      f('desiredCoverageStart', 'Desired coverage start (legacy)', 'date'),
    ],
  },
  {
    id: 'agent',
    title: 'Agent and source',
    fields: [
      f('agentName', 'Agent'),
      f('agentNpn', 'Agent NPN', 'id'),
      f('clientId', 'Agency (client) ID', 'id'),
      f('clientCustomerId', 'Agency customer ID', 'id'),
      f('currentSourceId', 'Current source ID', 'id'),
      f('originalSourceId', 'Original source ID', 'id'),
    ],
  },
  {
    id: 'preferences',
    title: 'Communication preferences',
    fields: [
      f('doNotCall', 'Do not call', 'flag'),
      f('doNotSMS', 'Do not text', 'flag'),
      f('doNotEmail', 'Do not email', 'flag'),
      f('doNotMail', 'Do not mail', 'flag'),
    ],
  },
  {
    id: 'activity',
    title: 'Activity',
    fields: [
      f('lastContactedAt', 'Last contacted', 'date'),
      f('totalCalls', 'Total calls', 'number'),
      f('lastCallDate', 'Last call', 'date'),
      f('lastCallDisposition', 'Last call disposition'),
      f('convertedAt', 'Converted', 'date'),
      f('createdAt', 'Created', 'date'),
      f('createdBy', 'Created by', 'id'),
      f('updatedAt', 'Updated', 'date'),
      f('updatedBy', 'Updated by', 'id'),
    ],
  },
];

export interface CollectionSpec {
  readonly key: string;
  readonly title: string;
  readonly singular: string;
  /** Fields that make an item's one-line summary, in order (the status is a badge after them). */
  readonly summary: readonly string[];
  /** Column headings for the summary cells, when the collection reads as a table. */
  readonly columns?: readonly string[];
  readonly phi?: readonly string[];
  readonly dates?: readonly string[];
}

export const COLLECTIONS: readonly CollectionSpec[] = [
  {
    key: 'policies',
    title: 'Policies',
    singular: 'policy',
    summary: ['carrierName', 'planName', 'policyType', 'effectiveDate'],
    columns: ['Carrier', 'Plan', 'Type', 'Effective'],
    dates: ['createdAt', 'updatedAt'],
  },
  {
    key: 'prescriptions',
    title: 'Prescriptions',
    singular: 'prescription',
    summary: ['name', 'dosage', 'frequency'],
    columns: ['Medication', 'Dosage', 'Frequency'],
    dates: ['createdAt', 'updatedAt'],
  },
  {
    key: 'providers',
    title: 'Providers',
    singular: 'provider',
    summary: ['providerName', 'providerType', 'specialty', 'city'],
    columns: ['Provider', 'Type', 'Specialty', 'City'],
    dates: ['createdAt', 'updatedAt'],
  },
  {
    key: 'scopeOfAppointments',
    title: 'Scopes of appointment',
    singular: 'scope of appointment',
    summary: ['signedAt', 'method', 'products'],
  },
  {
    key: 'dependents',
    title: 'Dependents',
    singular: 'dependent',
    summary: ['firstName', 'lastName', 'relationshipType'],
    columns: ['First name', 'Last name', 'Relationship'],
    phi: ['ssn', 'dateOfBirth'],
    dates: ['coverageStartDate', 'coverageEndDate', 'createdAt', 'updatedAt'],
  },
  { key: 'customFields', title: 'Custom fields', singular: 'custom field', summary: ['fieldDefinitionId'], columns: ['Field'] },
  { key: 'campaigns', title: 'Campaigns', singular: 'campaign', summary: ['name', 'channel'] },
];

/** Keys with their own rendering outside SECTIONS and COLLECTIONS. */
export const SPECIAL_KEYS = ['id', 'status', 'qualificationStatus', 'intent', 'source'] as const;
