import * as z from '../zod';

/**
 * The documented customer record (GET /v2/customers/{id}). Every field is optional and nullable:
 * the server may drop or null any of them, and may add others, which are kept (loose objects).
 * Enums are open: known values are listed for documentation and display, any other string is kept.
 */
const str = z.nullish(z.string());
const int = z.nullish(z.number());
const bool = z.nullish(z.boolean());
/** Open enum: the known values, documented, but any string accepted. */
const openEnum = <const T extends readonly string[]>(_known: T) => z.nullish(z.string());

export const KNOWN_ENUMS = {
  status: ['Lead', 'Active', 'Inactive'],
  qualificationStatus: ['Qualified', 'Disqualified', 'Pending Review', 'Needs Information', 'In Progress'],
  intent: ['High', 'Medium', 'Low', 'Unknown'],
  lineType: [
    'landline',
    'mobile',
    'fixedVoip',
    'nonFixedVoip',
    'personal',
    'tollFree',
    'premium',
    'sharedCost',
    'uan',
    'voicemail',
    'pager',
    'unknown',
  ],
  gender: ['Male', 'Female', 'Non-Binary', 'Other', 'Prefer Not to Say'],
  maritalStatus: ['Single', 'Married', 'Divorced', 'Widowed', 'Separated', 'Domestic Partnership'],
  existingCoverage: ['None'],
  policyStatus: [
    'Active',
    'Pending',
    'Pending Effectuation',
    'Pending Followup',
    'Suspended',
    'Cancelled',
    'Terminated',
    'Future Cancel',
    'Deceased',
    'Not Approved',
  ],
  policyType: [
    'MA',
    'MAPD',
    'PDP',
    'MS',
    'ACA',
    'LTC',
    'Individual Health',
    'FE',
    'Annuity',
    'Life',
    'Dental',
    'Vision',
    'Hospital Indemnity',
    'Cancer',
    'Accident',
    'Group',
  ],
  route: ['Oral', 'Topical', 'Injection', 'Inhalation', 'Sublingual', 'Rectal', 'Intravenous'],
  prescriptionStatus: ['Active', 'Expired', 'Discontinued'],
  providerType: ['Primary Care', 'Specialist', 'Hospital', 'Pharmacy'],
  relationshipType: ['Spouse', 'Child', 'Parent', 'Sibling', 'Other'],
} as const;

const audit = {
  id: str,
  createdAt: str,
  createdBy: str,
  updatedAt: str,
  updatedBy: str,
  customerId: str,
};

export const policySchema = z.looseObject({
  ...audit,
  carrierName: str,
  planName: str,
  planCode: str,
  status: openEnum(KNOWN_ENUMS.policyStatus),
  policyType: openEnum(KNOWN_ENUMS.policyType),
  aorFirstName: str,
  aorLastName: str,
  aorNpn: z.nullish(z.union([z.string(), z.number()])),
  policyLives: int,
});

export const prescriptionSchema = z.looseObject({
  ...audit,
  name: str,
  dosage: str,
  frequency: str,
  route: openEnum(KNOWN_ENUMS.route),
  status: openEnum(KNOWN_ENUMS.prescriptionStatus),
});

export const providerSchema = z.looseObject({
  ...audit,
  providerType: openEnum(KNOWN_ENUMS.providerType),
  specialty: str,
  providerName: str,
  practiceName: str,
  npi: z.nullish(z.union([z.string(), z.number()])),
  phone: str,
  fax: str,
  email: str,
  address: str,
  address2: str,
  city: str,
  state: str,
  postalCode: str,
  isPrimaryProvider: bool,
  isActive: bool,
  notes: str,
});

export const dependentSchema = z.looseObject({
  ...audit,
  firstName: str,
  middleName: str,
  lastName: str,
  dateOfBirth: str,
  gender: openEnum(KNOWN_ENUMS.gender),
  annualIncome: int,
  relationshipType: openEnum(KNOWN_ENUMS.relationshipType),
  phone: str,
  email: str,
  ssn: str,
  isCovered: bool,
  coverageStartDate: str,
  coverageEndDate: str,
  isActive: bool,
  notes: str,
});

export const customFieldSchema = z.looseObject({
  ...audit,
  fieldDefinitionId: str,
  recordId: str,
  recordType: str,
  textValue: str,
  numberValue: z.nullish(z.union([z.string(), z.number()])),
  booleanValue: bool,
  dateValue: str,
  selectValue: str,
  multiSelectValue: z.nullish(z.array(z.string())),
});

/** Shapes not published: any object. */
export const looseItemSchema = z.looseObject({ id: z.optional(z.unknown()) });

export const sourceSchema = z.looseObject({ id: str, name: str, sourceId: str });

export const customerSchema = z.looseObject({
  id: z.string(),
  createdAt: str,
  createdBy: str,
  updatedAt: str,
  updatedBy: str,
  clientId: str,
  clientCustomerId: str,
  status: openEnum(KNOWN_ENUMS.status),
  qualificationStatus: openEnum(KNOWN_ENUMS.qualificationStatus),
  intent: openEnum(KNOWN_ENUMS.intent),
  isDecisionMaker: bool,
  disqualificationReason: str,
  productInterest: str,
  productFamily: str,
  salutation: str,
  suffix: str,
  firstName: str,
  middleName: str,
  lastName: str,
  preferredName: str,
  callerId: str,
  lineType: openEnum(KNOWN_ENUMS.lineType),
  email: str,
  dateOfBirth: str,
  language: str,
  ethnicity: str,
  gender: openEnum(KNOWN_ENUMS.gender),
  maritalStatus: openEnum(KNOWN_ENUMS.maritalStatus),
  postalCode: str,
  timezone: str,
  state: str,
  city: str,
  county: str,
  address: str,
  address2: str,
  mbiNumber: str,
  medicareCard: bool,
  medicarePartADate: str,
  medicarePartBDate: str,
  medicaid: bool,
  medicaidNumber: str,
  socialSecurityDisability: bool,
  veteran: bool,
  vaNumber: str,
  healthSherpaCustomerId: str,
  householdIncome: int,
  annualIncome: int,
  filingStatus: str,
  dependentCount: int,
  subsidyAmount: int,
  subsidyEligible: bool,
  existingCoverage: openEnum(KNOWN_ENUMS.existingCoverage),
  existingCoveragePlanName: str,
  existingCoverageCarrier: str,
  desiredCoverageStartDate: str,
  currentSourceId: str,
  originalSourceId: str,
  agentName: str,
  agentNpn: int,
  memberId: str,
  carrierName: str,
  planName: str,
  planCode: str,
  enrollmentDate: str,
  effectiveDate: str,
  carrierAssignedCustomerId: str,
  doNotCall: bool,
  doNotSMS: bool,
  doNotEmail: bool,
  doNotMail: bool,
  lastContactedAt: str,
  convertedAt: str,
  testCustomer: bool,
  desiredCoverageStart: str,
  totalCalls: int,
  lastCallDate: str,
  lastCallDisposition: str,
  campaigns: z.nullish(z.array(looseItemSchema)),
  source: z.nullish(sourceSchema),
  customFields: z.nullish(z.array(customFieldSchema)),
  policies: z.nullish(z.array(policySchema)),
  prescriptions: z.nullish(z.array(prescriptionSchema)),
  providers: z.nullish(z.array(providerSchema)),
  scopeOfAppointments: z.nullish(z.array(looseItemSchema)),
  dependents: z.nullish(z.array(dependentSchema)),
});

export type CustomerRecord = z.infer<typeof customerSchema>;

/** Every top-level field the spec names, in its order. */
export const DOCUMENTED_FIELDS: readonly string[] = Object.keys(customerSchema.shape);

/** Error bodies: `{message, code}`, 422 adds `errors`, 429 adds `retryAfter`. All loose. */
export const errorBodySchema = z.looseObject({
  message: z.optional(z.string()),
  code: z.optional(z.string()),
  retryAfter: z.optional(z.union([z.number(), z.string()])),
  errors: z.optional(
    z.array(
      z.looseObject({
        path: z.optional(z.array(z.union([z.string(), z.number()]))),
        message: z.optional(z.string()),
        expected: z.optional(z.unknown()),
        received: z.optional(z.unknown()),
        code: z.optional(z.string()),
      }),
    ),
  ),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface ParsedCustomer {
  readonly record: CustomerRecord;
  /** Where the body differs from the documented types: paths and types only, never values. */
  readonly warnings: readonly string[];
}

export type ParseFailure = { readonly ok: false; readonly reason: string };

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${String(k)}` : String(k);
  return s || '(root)';
}

/**
 * Turns a parsed JSON body into a usable record. Fails only when the body is not an object or has
 * no string `id`; wrong types elsewhere become warnings and the value is kept as received, so a
 * person still sees it (the renderer is written for any value).
 */
export function parseCustomer(body: unknown): ({ readonly ok: true } & ParsedCustomer) | ParseFailure {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, reason: `expected a JSON object, got ${describeType(body)}` };
  }
  const id = (body as Record<string, unknown>).id;
  if (typeof id !== 'string' || id === '') {
    return { ok: false, reason: id === undefined ? 'the record has no "id"' : `"id" is ${describeType(id)}, not a string` };
  }
  // Only the documented fields are checked (the schema has no transforms, so what passes is what
  // arrived): a record with 300,000 undocumented keys is not copied key by key.
  const src = body as Record<string, unknown>;
  const documented: Record<string, unknown> = {};
  for (const k of DOCUMENTED_FIELDS) if (Object.prototype.hasOwnProperty.call(src, k)) documented[k] = src[k];
  const result = customerSchema.safeParse(documented);
  if (result.success) return { ok: true, record: body as CustomerRecord, warnings: [] };
  const warnings = result.error.issues.slice(0, 50).map((issue) => {
    const at = formatPath(issue.path);
    const got = describeType(getAt(body, issue.path));
    return issue.code === 'invalid_type' ? `${at}: expected ${issue.expected}, got ${got}` : `${at}: ${issue.message}`;
  });
  if (result.error.issues.length > 50) warnings.push(`…and ${result.error.issues.length - 50} more`);
  return { ok: true, record: body as CustomerRecord, warnings };
}
