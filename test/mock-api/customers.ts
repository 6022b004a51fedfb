/**
 * Sample customers for the stand-in API and the demo. Together they use every documented field and
 * every nested collection, a spread of enum values (including some the spec does not list), nulls,
 * missing fields and extra fields. Identifiers are fake: MBIs follow the CMS format (1EG4TE5MK73 is
 * CMS's own sample), SSNs use the never-issued 9xx area, phone numbers the 555-01xx range.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Customer = { id: string } & Record<string, Json>;

const AGENCY = '5e505642-9024-474d-9434-e5a44f505cc5';
const AGENT_USER = '25a02396-1048-48f9-bf93-102d2fb7895e';
const OPS_USER = 'b0efe45f-0520-4e21-90f0-7e35f137732e';

export { SAMPLE_IDS, UNKNOWN_ID } from '../support/constants.mjs';
import { SAMPLE_IDS } from '../support/constants.mjs';

function audit(customerId: string, n: number, created = '2025-01-15T14:03:22.000Z'): Record<string, Json> {
  return {
    id: `${customerId.slice(0, 24)}${String(100000000000 + n).slice(-12)}`,
    createdAt: created,
    createdBy: AGENT_USER,
    updatedAt: '2026-10-02T09:41:07.000Z',
    updatedBy: OPS_USER,
    customerId,
  };
}

function policy(cid: string, n: number, p: Partial<Record<string, Json>>): Record<string, Json> {
  return {
    ...audit(cid, n),
    carrierName: 'Humana',
    planName: 'Humana Gold Plus H1036-077 (HMO)',
    planCode: 'H1036-077-000',
    status: 'Active',
    policyType: 'MAPD',
    aorFirstName: 'Dana',
    aorLastName: 'Whitfield',
    aorNpn: '17439582',
    policyLives: 1,
    ...p,
  };
}

const margaretId = SAMPLE_IDS.margaret;
const margaret: Customer = {
  id: margaretId,
  createdAt: '2024-09-03T15:12:44.000Z',
  createdBy: AGENT_USER,
  updatedAt: '2026-11-20T17:05:31.000Z',
  updatedBy: OPS_USER,
  clientId: AGENCY,
  clientCustomerId: 'SUN-004812',
  status: 'Active',
  qualificationStatus: 'Qualified',
  intent: 'High',
  isDecisionMaker: true,
  disqualificationReason: null,
  productInterest: 'Medicare Advantage',
  productFamily: 'Medicare',
  salutation: 'Mrs.',
  suffix: null,
  firstName: 'Margaret',
  middleName: 'Ann',
  lastName: 'Okafor',
  preferredName: 'Peggy',
  callerId: '+1 (614) 555-0142',
  lineType: 'mobile',
  email: 'peggy.okafor@example.com',
  dateOfBirth: '1954-03-18',
  language: 'English',
  ethnicity: 'Black or African American',
  gender: 'Female',
  maritalStatus: 'Widowed',
  postalCode: '43215',
  timezone: 'America/New_York',
  state: 'OH',
  city: 'Columbus',
  county: 'Franklin',
  address: '1420 Neil Avenue',
  address2: 'Apt 3B',
  mbiNumber: '1EG4TE5MK73',
  medicareCard: true,
  medicarePartADate: '2019-03-01',
  medicarePartBDate: '2019-03-01',
  medicaid: true,
  medicaidNumber: 'OH4471928305',
  socialSecurityDisability: false,
  veteran: true,
  vaNumber: 'VA-28841937',
  healthSherpaCustomerId: 'hs_71c0d2e9',
  householdIncome: 31200,
  annualIncome: 24800,
  filingStatus: 'Single',
  dependentCount: 1,
  subsidyAmount: 0,
  subsidyEligible: false,
  existingCoverage: 'Medicare Advantage',
  existingCoveragePlanName: 'AARP Medicare Advantage Choice (PPO)',
  existingCoverageCarrier: 'UnitedHealthcare',
  desiredCoverageStartDate: '2027-01-01',
  currentSourceId: '92ff85a4-bd9b-47e4-9ade-cbb65530f3f4',
  originalSourceId: 'a3edc39e-7854-4380-8541-1f199004a6a0',
  agentName: 'Dana Whitfield',
  agentNpn: 17439582,
  memberId: '92983ab9-49c8-444b-85ae-6e40402cf72e',
  carrierName: 'Humana',
  planName: 'Humana Gold Plus H1036-077 (HMO)',
  planCode: 'H1036-077-000',
  enrollmentDate: '2025-10-21',
  effectiveDate: '2026-01-01',
  carrierAssignedCustomerId: 'HUM-88120457',
  doNotCall: false,
  doNotSMS: true,
  doNotEmail: false,
  doNotMail: false,
  lastContactedAt: '2026-11-18T16:22:09.000Z',
  convertedAt: '2025-10-21T19:45:00.000Z',
  testCustomer: false,
  desiredCoverageStart: '2027-01-01',
  totalCalls: 14,
  lastCallDate: '2026-11-18T16:22:09.000Z',
  lastCallDisposition: 'Annual review scheduled',
  campaigns: [
    { id: 'a7c1e3f5-0b2d-4e6f-8a1c-3e5f7a9b1c2d', name: 'AEP 2027 Outreach', channel: 'Phone', joinedAt: '2026-10-01T12:00:00.000Z', status: 'Enrolled' },
    { id: 'b8d2f4a6-1c3e-4f70-9b2d-4f6a8c0e2d3e', name: 'Veterans Benefits Review', channel: 'Mail', joinedAt: '2026-06-15T12:00:00.000Z', status: 'Completed' },
  ],
  source: { id: '92ff85a4-bd9b-47e4-9ade-cbb65530f3f4', name: 'Inbound call — TV spot (Columbus)', sourceId: 'TV-COL-2025Q4' },
  customFields: [
    { ...audit(margaretId, 301), fieldDefinitionId: 'cf-preferred-pharmacy', recordId: margaretId, recordType: 'customer', textValue: 'Kroger Pharmacy #412', numberValue: null, booleanValue: null, dateValue: null, selectValue: null, multiSelectValue: null },
    { ...audit(margaretId, 302), fieldDefinitionId: 'cf-monthly-budget', recordId: margaretId, recordType: 'customer', textValue: null, numberValue: '85.50', booleanValue: null, dateValue: null, selectValue: null, multiSelectValue: null },
    { ...audit(margaretId, 303), fieldDefinitionId: 'cf-needs-transport', recordId: margaretId, recordType: 'customer', textValue: null, numberValue: null, booleanValue: true, dateValue: null, selectValue: null, multiSelectValue: null },
    { ...audit(margaretId, 304), fieldDefinitionId: 'cf-next-review', recordId: margaretId, recordType: 'customer', textValue: null, numberValue: null, booleanValue: null, dateValue: '2027-02-14', selectValue: null, multiSelectValue: null },
    { ...audit(margaretId, 305), fieldDefinitionId: 'cf-contact-window', recordId: margaretId, recordType: 'customer', textValue: null, numberValue: null, booleanValue: null, dateValue: null, selectValue: 'Mornings', multiSelectValue: null },
    { ...audit(margaretId, 306), fieldDefinitionId: 'cf-benefit-priorities', recordId: margaretId, recordType: 'customer', textValue: null, numberValue: null, booleanValue: null, dateValue: null, selectValue: null, multiSelectValue: ['Dental', 'Vision', 'OTC allowance'] },
  ],
  policies: [
    policy(margaretId, 1, {}),
    policy(margaretId, 2, { carrierName: 'Mutual of Omaha', planName: 'Dental Vision Hearing Basic', planCode: 'DVH-OH-2026', policyType: 'Dental', status: 'Pending Effectuation' }),
    policy(margaretId, 3, { carrierName: 'UnitedHealthcare', planName: 'AARP Medicare Advantage Choice (PPO)', planCode: 'H2001-017-000', status: 'Cancelled', policyType: 'MA' }),
  ],
  prescriptions: [
    { ...audit(margaretId, 101), name: 'Metformin', dosage: '500 mg', frequency: 'Twice daily', route: 'Oral', status: 'Active' },
    { ...audit(margaretId, 102), name: 'Lisinopril', dosage: '10 mg', frequency: 'Once daily', route: 'Oral', status: 'Active' },
    { ...audit(margaretId, 103), name: 'Albuterol HFA', dosage: '90 mcg/actuation', frequency: 'As needed', route: 'Inhalation', status: 'Active' },
    { ...audit(margaretId, 104), name: 'Atorvastatin', dosage: '20 mg', frequency: 'At bedtime', route: 'Oral', status: 'Discontinued' },
  ],
  providers: [
    { ...audit(margaretId, 201), providerType: 'Primary Care', specialty: 'Internal Medicine', providerName: 'Dr. Alicia Romero', practiceName: 'Short North Family Health', npi: '1538246790', phone: '614-555-0110', fax: '614-555-0111', email: 'frontdesk@shortnorth.example', address: '880 N High St', address2: 'Suite 200', city: 'Columbus', state: 'OH', postalCode: '43215', isPrimaryProvider: true, isActive: true, notes: 'Sees patient every 3 months.' },
    { ...audit(margaretId, 202), providerType: 'Pharmacy', specialty: null, providerName: 'Kroger Pharmacy #412', practiceName: 'Kroger', npi: '1922004855', phone: '614-555-0177', fax: null, email: null, address: '1441 N High St', address2: null, city: 'Columbus', state: 'OH', postalCode: '43201', isPrimaryProvider: false, isActive: true, notes: null },
  ],
  scopeOfAppointments: [
    { id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', signedAt: '2026-10-14T15:00:00.000Z', method: 'Electronic signature', products: ['Medicare Advantage', 'Dental/Vision/Hearing'], appointmentDate: '2026-10-16', expiresAt: '2026-12-31', agentNpn: 17439582 },
  ],
  dependents: [
    { ...audit(margaretId, 401), firstName: 'Tobi', middleName: null, lastName: 'Okafor', dateOfBirth: '2009-07-02', gender: 'Male', annualIncome: 0, relationshipType: 'Child', phone: null, email: null, ssn: '912-44-7781', isCovered: false, coverageStartDate: null, coverageEndDate: null, isActive: true, notes: 'Grandson; lives with Margaret.' },
  ],
};

/** A compact customer built from a few facts; the rest of the record is filled plausibly. */
function person(id: string, f: Record<string, Json>): Customer {
  return {
    id,
    createdAt: '2025-03-11T10:00:00.000Z',
    createdBy: AGENT_USER,
    updatedAt: '2026-11-02T11:30:00.000Z',
    updatedBy: AGENT_USER,
    clientId: AGENCY,
    status: 'Lead',
    qualificationStatus: 'Pending Review',
    intent: 'Medium',
    isDecisionMaker: true,
    lineType: 'landline',
    language: 'English',
    medicareCard: true,
    medicaid: false,
    veteran: false,
    doNotCall: false,
    doNotSMS: false,
    doNotEmail: false,
    doNotMail: false,
    testCustomer: false,
    totalCalls: 2,
    campaigns: [],
    customFields: [],
    policies: [],
    prescriptions: [],
    providers: [],
    scopeOfAppointments: [],
    dependents: [],
    source: { id: 'a3edc39e-7854-4380-8541-1f199004a6a0', name: 'Web form — medicare-quotes', sourceId: 'WEB-MQ' },
    ...f,
  };
}

export const SAMPLE_CUSTOMERS: readonly Customer[] = [
  margaret,
  person(SAMPLE_IDS.robert, {
    firstName: 'Robert', lastName: 'Castillo', middleName: 'J.', suffix: 'Jr.', salutation: 'Mr.', gender: 'Male', maritalStatus: 'Married',
    dateOfBirth: '1958-11-30', city: 'Tucson', state: 'AZ', county: 'Pima', postalCode: '85719', address: '2210 E Speedway Blvd', timezone: 'America/Phoenix',
    status: 'Active', qualificationStatus: 'Qualified', intent: 'High', mbiNumber: '4TP2EH7KM53',
    carrierName: 'Aetna', planName: 'Aetna Medicare Eagle (PPO)', planCode: 'H5521-241-000', effectiveDate: '2026-01-01', enrollmentDate: '2025-12-02',
    lastContactedAt: '2026-11-21T18:02:00.000Z', lineType: 'fixedVoip', email: 'rcastillo58@example.net', callerId: '520-555-0188',
    policies: [policy(SAMPLE_IDS.robert, 1, { carrierName: 'Aetna', planName: 'Aetna Medicare Eagle (PPO)', planCode: 'H5521-241-000', policyType: 'MA' }),
      policy(SAMPLE_IDS.robert, 2, { carrierName: 'Aetna', planName: 'Aetna Medicare Eagle (PPO)', planCode: 'H5521-241-000', policyType: 'MA', status: 'Future Cancel', policyLives: 2 })],
    dependents: [{ ...audit(SAMPLE_IDS.robert, 9), firstName: 'Elena', lastName: 'Castillo', dateOfBirth: '1960-05-14', gender: 'Female', relationshipType: 'Spouse', ssn: '987-65-4320', isCovered: true, coverageStartDate: '2026-01-01', isActive: true, annualIncome: 18000 }],
  }),
  person(SAMPLE_IDS.linda, {
    firstName: 'Linda', lastName: 'Nguyen', gender: 'Female', maritalStatus: 'Domestic Partnership', dateOfBirth: '1959-08-09', city: 'Houston', state: 'TX', postalCode: '77004',
    status: 'Lead', qualificationStatus: 'Needs Information', intent: 'Low', productInterest: 'Medicare Supplement', productFamily: 'Medicare',
    language: 'Vietnamese', ethnicity: 'Asian', existingCoverage: 'Employer', existingCoverageCarrier: 'Blue Cross Blue Shield of Texas',
    doNotCall: true, doNotEmail: true, lastCallDisposition: 'Asked not to be called', totalCalls: 5, lineType: 'nonFixedVoip',
    prescriptions: [{ ...audit(SAMPLE_IDS.linda, 1), name: 'Levothyroxine', dosage: '75 mcg', frequency: 'Once daily', route: 'Oral', status: 'Active' },
      { ...audit(SAMPLE_IDS.linda, 2), name: 'Insulin glargine', dosage: '20 units', frequency: 'At bedtime', route: 'Injection', status: 'Active' }],
  }),
  person(SAMPLE_IDS.james, {
    firstName: 'James', lastName: "O'Brien", gender: 'Male', dateOfBirth: '1949-01-27', city: 'Boston', state: 'MA', postalCode: '02127', veteran: true, vaNumber: 'VA-55120348',
    status: 'Inactive', qualificationStatus: 'Disqualified', disqualificationReason: 'Already enrolled through VA and TRICARE for Life', intent: 'Unknown',
    mbiNumber: '2A93KV4FJ81', socialSecurityDisability: true, maritalStatus: 'Widowed',
  }),
  person(SAMPLE_IDS.patricia, {
    firstName: 'Patricia', lastName: 'Johnson-Reyes', preferredName: 'Pat', gender: 'Prefer Not to Say', dateOfBirth: '1961-12-01', city: 'Albuquerque', state: 'NM', postalCode: '87102',
    status: 'Active', qualificationStatus: 'Qualified', intent: 'High', productInterest: 'ACA Marketplace', productFamily: 'Under 65',
    householdIncome: 41800, annualIncome: 41800, filingStatus: 'Head of Household', dependentCount: 2, subsidyAmount: 612, subsidyEligible: true,
    healthSherpaCustomerId: 'hs_2204ab91', medicareCard: false, desiredCoverageStartDate: '2027-01-01',
    policies: [policy(SAMPLE_IDS.patricia, 1, { carrierName: 'Ambetter', planName: 'Ambetter Balanced Care 12 (Silver)', planCode: '36297NM0010012-01', policyType: 'ACA', policyLives: 3 })],
    dependents: [
      { ...audit(SAMPLE_IDS.patricia, 2), firstName: 'Marisol', lastName: 'Reyes', dateOfBirth: '2012-04-22', gender: 'Female', relationshipType: 'Child', ssn: '900-12-3456', isCovered: true, coverageStartDate: '2026-01-01', isActive: true },
      { ...audit(SAMPLE_IDS.patricia, 3), firstName: 'Andrés', lastName: 'Reyes', dateOfBirth: '2015-09-30', gender: 'Male', relationshipType: 'Ward', ssn: '900-65-4321', isCovered: true, coverageStartDate: '2026-01-01', isActive: true },
    ],
  }),
  person(SAMPLE_IDS.william, {
    firstName: 'William', lastName: 'Harris', gender: 'Male', dateOfBirth: '1956-06-06', city: 'Atlanta', state: 'GA', postalCode: '30303',
    status: 'Prospect', qualificationStatus: 'Callback Requested', intent: 'Very High', lineType: 'satellite', maritalStatus: 'Engaged',
    productInterest: 'Final Expense', productFamily: 'Life',
    policies: [policy(SAMPLE_IDS.william, 1, { carrierName: 'Mutual of Omaha', planName: 'Living Promise Level', planCode: 'FE-LP-L', policyType: 'FE', status: 'Pending Underwriting' })],
  }),
  person(SAMPLE_IDS.dorothy, {
    firstName: 'Dorothy', lastName: 'Kowalski', gender: 'Female', dateOfBirth: '1945-02-11', city: 'Milwaukee', state: 'WI', postalCode: '53202',
    status: 'Active', qualificationStatus: 'Qualified', intent: 'Medium', mbiNumber: '7HW2CX3YN65', medicaid: true, medicaidNumber: 'WI0038812744',
    carrierName: 'UnitedHealthcare', planName: 'UHC Dual Complete WI-S001 (HMO D-SNP)', planCode: 'H5253-041-000',
    policies: [policy(SAMPLE_IDS.dorothy, 1, { carrierName: 'UnitedHealthcare', planName: 'UHC Dual Complete WI-S001 (HMO D-SNP)', planCode: 'H5253-041-000', policyType: 'MAPD' }),
      policy(SAMPLE_IDS.dorothy, 2, { carrierName: 'Wellcare', planName: 'Wellcare Value Script (PDP)', planCode: 'S4802-088-000', policyType: 'PDP', status: 'Terminated' })],
    providers: [{ ...audit(SAMPLE_IDS.dorothy, 3), providerType: 'Specialist', specialty: 'Cardiology', providerName: 'Dr. Samuel Achebe', practiceName: 'Lakeshore Heart', npi: '1730519447', phone: '414-555-0163', city: 'Milwaukee', state: 'WI', postalCode: '53211', isPrimaryProvider: false, isActive: true },
      { ...audit(SAMPLE_IDS.dorothy, 4), providerType: 'Home Health', specialty: 'Nursing', providerName: 'Bayview Home Care', npi: '1457390012', isPrimaryProvider: false, isActive: false, notes: 'Service ended after rehab.' }],
    prescriptions: [{ ...audit(SAMPLE_IDS.dorothy, 5), name: 'Warfarin', dosage: '5 mg', frequency: 'Once daily', route: 'Oral', status: 'Active' },
      { ...audit(SAMPLE_IDS.dorothy, 6), name: 'Nitroglycerin patch', dosage: '0.2 mg/hr', frequency: 'Daily', route: 'Transdermal', status: 'Active' }],
  }),
  person(SAMPLE_IDS.charles, {
    firstName: 'Charles', lastName: 'Whitehorse', gender: 'Male', dateOfBirth: null, city: 'Rapid City', state: 'SD', postalCode: '57701',
    status: 'Lead', qualificationStatus: 'In Progress', intent: null, email: null, callerId: null, address: null, mbiNumber: null,
    lastContactedAt: null, totalCalls: 0, source: null,
  }),
  person(SAMPLE_IDS.barbara, {
    firstName: 'Barbara', lastName: 'Lindqvist', gender: 'Female', dateOfBirth: '1957-10-19', city: 'Duluth', state: 'MN', postalCode: '55802', status: 'Active',
    qualificationStatus: 'Qualified', intent: 'High', testCustomer: true, doNotMail: true,
    customFields: [{ ...audit(SAMPLE_IDS.barbara, 1), fieldDefinitionId: 'cf-referral-code', recordId: SAMPLE_IDS.barbara, recordType: 'customer', textValue: 'FRIEND-2291' },
      { ...audit(SAMPLE_IDS.barbara, 2), fieldDefinitionId: 'cf-languages', recordId: SAMPLE_IDS.barbara, recordType: 'customer', multiSelectValue: ['English', 'Swedish'] }],
    campaigns: [{ id: 'c9e3a5b7-2d4f-4a81-8c3e-5a7b9d1f3e4a', name: 'Turning 65 — Q1', channel: 'Email' }],
    scopeOfAppointments: [{ id: 'f2a3b4c5-d6e7-4f80-9a1b-2c3d4e5f6a7b', signedAt: '2026-09-01T13:00:00.000Z', method: 'Recorded phone call', products: ['Medicare Supplement', 'PDP'] }],
  }),
  person(SAMPLE_IDS.george, {
    firstName: 'George', lastName: 'Papadopoulos', gender: 'Male', dateOfBirth: '1952-07-04', city: 'Tampa', state: 'FL', postalCode: '33602', status: 'Active',
    qualificationStatus: 'Qualified', intent: 'Medium', lineType: 'tollFree', language: 'Greek', maritalStatus: 'Separated',
    agentName: 'Marcus Bell', agentNpn: 20418833, lastCallDisposition: 'Left voicemail',
    // Extra fields the documentation does not name: shown under "Other fields".
    preferredContactTime: 'Weekday afternoons', loyaltyTier: 'Gold', riskScore: 0.82,
  }),
  person(SAMPLE_IDS.helen, {
    firstName: 'Helen', lastName: 'Ramírez-Søndergaard', preferredName: 'Nell', gender: 'Female', dateOfBirth: '1950-12-25', city: 'San José', state: 'CA', postalCode: '95112',
    status: 'Active', qualificationStatus: 'Qualified', intent: 'High', language: 'Spanish',
    notes: 'Prefers Spanish. Asks for large-print mail.',
    policies: Array.from({ length: 12 }, (_, i) => policy(SAMPLE_IDS.helen, i + 1, { carrierName: ['Kaiser Permanente', 'SCAN Health Plan', 'Blue Shield of California'][i % 3], planName: `Plan ${i + 1}`, planCode: `H${5000 + i}-0${10 + i}-000`, policyType: ['MA', 'PDP', 'MS', 'Dental'][i % 4], status: ['Active', 'Terminated', 'Cancelled'][i % 3] })),
  }),
  person(SAMPLE_IDS.frank, {
    firstName: 'Frank', lastName: 'Mueller', gender: 'Male', dateOfBirth: '1955-04-01', city: 'Portland', state: 'OR', postalCode: '97205', status: 'Lead',
    qualificationStatus: 'Qualified', intent: 'Low', convertedAt: null, totalCalls: 1, lastCallDisposition: 'Wrong number',
  }),
  person(SAMPLE_IDS.nil, {
    firstName: 'Test', lastName: 'Fixture (nil UUID)', status: 'Inactive', testCustomer: true, qualificationStatus: 'Disqualified', disqualificationReason: 'Internal test record',
  }),
  person(SAMPLE_IDS.upperCase, {
    firstName: 'Ruth', lastName: 'Abernathy', gender: 'Female', dateOfBirth: '1947-09-15', city: 'Savannah', state: 'GA', postalCode: '31401', status: 'Active',
    qualificationStatus: 'Qualified', intent: 'Medium',
  }),
];
