import { isCustomerId } from './customerId';
import { isIdentifierKey, looksLikeIdentifier } from './mask';
import { setOwn } from './own';

/**
 * A copy of a record for tests and bug reports with the HIPAA Safe Harbor identifiers replaced,
 * consistently within the record (the same name, phone or ID is replaced the same way everywhere,
 * so relations between items survive), and still valid against the record schema.
 *
 * Replaced: names of the customer and dependents; street, city and county (state kept); ZIP to its
 * first 3 digits; every date to its year (a birth year that makes someone over 89 becomes the year
 * that makes them 90); phone, fax, caller ID and email; MBI (to 1AA0AA0AA00), Medicaid, VA and Social Security
 * numbers; member, carrier and other customer numbers; every UUID (the record's own ID included,
 * and the customerId of each item to match); free text (notes, reasons, dispositions) and every
 * string of an undocumented field.
 * Kept: state, statuses and other enum values, plan names and codes, carriers, amounts, counts,
 * flags, and the agent's and providers' names, NPN and NPI (they identify professionals, not the
 * customer; Safe Harbor does not list them).
 * Not guaranteed: that no rare combination of kept values points at one person (an 8-policy
 * customer of a small carrier in a small state may still be recognisable to someone who knows them).
 */
export function deidentify(record: Record<string, unknown>, now: Date = new Date()): Record<string, unknown> {
  return new Deidentifier(now.getUTCFullYear()).object(record, 0) as Record<string, unknown>;
}

/** Three-digit ZIP areas of 20,000 people or fewer (HHS, Safe Harbor guidance, 2010 census). */
const SPARSE_ZIP3 = new Set([
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
]);

const NAME_KEYS = new Set(['firstName', 'middleName', 'lastName', 'preferredName']);
const STREET_KEYS = new Set(['address', 'address2']);
const PHONE_KEYS = /^(phone|fax|callerId|mobile|cell|telephone)(Number)?$/i;
const EMAIL_KEYS = /^e-?mail(Address)?$/i;
const NUMBER_KEYS = new Set([
  'memberId',
  'clientCustomerId',
  'carrierAssignedCustomerId',
  'healthSherpaCustomerId',
  'medicaidNumber',
  'vaNumber',
  'mbiNumber',
  'ssn',
]);
const FREE_TEXT_KEYS = new Set(['notes', 'disqualificationReason', 'lastCallDisposition', 'textValue']);
/** Professionals, not the customer: kept (see above). */
const KEPT_KEYS = new Set([
  'agentName',
  'aorFirstName',
  'aorLastName',
  'providerName',
  'practiceName',
  'npi',
  'aorNpn',
  'agentNpn',
  'specialty',
]);
const DATE = /^(\d{4})-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Top-level and item fields the API documents; strings anywhere else are removed. */
const DOCUMENTED = new Set([
  ...NAME_KEYS,
  ...STREET_KEYS,
  ...NUMBER_KEYS,
  ...FREE_TEXT_KEYS,
  ...KEPT_KEYS,
  'id',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'clientId',
  'customerId',
  'status',
  'qualificationStatus',
  'intent',
  'productInterest',
  'productFamily',
  'salutation',
  'suffix',
  'lineType',
  'email',
  'dateOfBirth',
  'language',
  'ethnicity',
  'gender',
  'maritalStatus',
  'postalCode',
  'timezone',
  'state',
  'city',
  'county',
  'medicarePartADate',
  'medicarePartBDate',
  'filingStatus',
  'existingCoverage',
  'existingCoveragePlanName',
  'existingCoverageCarrier',
  'desiredCoverageStartDate',
  'currentSourceId',
  'originalSourceId',
  'carrierName',
  'planName',
  'planCode',
  'enrollmentDate',
  'effectiveDate',
  'lastContactedAt',
  'convertedAt',
  'desiredCoverageStart',
  'lastCallDate',
  'name',
  'sourceId',
  'policyType',
  'dosage',
  'frequency',
  'route',
  'providerType',
  'phone',
  'fax',
  'callerId',
  'relationshipType',
  'coverageStartDate',
  'coverageEndDate',
  'fieldDefinitionId',
  'recordId',
  'recordType',
  'numberValue',
  'dateValue',
  'selectValue',
  'multiSelectValue',
]);

class Deidentifier {
  private readonly seen = new Map<string, string>();
  private counter = 0;

  constructor(private readonly year: number) {}

  /** The same original always gets the same replacement. */
  private consistent(kind: string, original: string, make: (n: number) => string): string {
    const k = `${kind}\u0000${original.trim().toLowerCase()}`;
    let v = this.seen.get(k);
    if (v === undefined) {
      v = make(++this.counter);
      this.seen.set(k, v);
    }
    return v;
  }

  object(v: unknown, depth: number, key = ''): unknown {
    if (depth > 64) return null;
    if (Array.isArray(v)) return v.map((x) => this.object(x, depth + 1, key));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) setOwn(out, k, this.object(x, depth + 1, k));
      return out;
    }
    return typeof v === 'string' ? this.string(key, v) : v;
  }

  private string(key: string, v: string): string {
    if (v.trim() === '') return v;
    if (isCustomerId(v.trim())) return this.consistent('uuid', v, (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
    if (KEPT_KEYS.has(key)) return v;
    const date = DATE.exec(v.trim());
    if (date) {
      const year = Number(date[1]);
      return String(key === 'dateOfBirth' && this.year - year > 89 ? this.year - 90 : year);
    }
    if (NAME_KEYS.has(key)) return this.consistent(`name:${key}`, v, (n) => `${key === 'lastName' ? 'Surname' : 'Name'}${n}`);
    if (STREET_KEYS.has(key)) return this.consistent('street', v, (n) => `${n} Example Street`);
    if (key === 'city') return 'Anytown';
    if (key === 'county') return 'Example County';
    // Safe Harbor: the first three digits only where that area holds more than 20,000 people;
    // HHS lists the ones that do not, and they become 000.
    if (key === 'postalCode') return /^\d{5}/.test(v) && !SPARSE_ZIP3.has(v.slice(0, 3)) ? `${v.slice(0, 3)}00` : '00000';
    if (PHONE_KEYS.test(key)) return this.consistent('phone', v, (n) => `555-01${String(n % 100).padStart(2, '0')}`);
    if (EMAIL_KEYS.test(key)) return this.consistent('email', v, (n) => `person${n}@example.com`);
    // A well-formed MBI that is plainly made up.
    if (key === 'mbiNumber') return '1AA0AA0AA00';
    if (key === 'ssn' || /social/i.test(key)) return '000-00-0000';
    if (NUMBER_KEYS.has(key) || isIdentifierKey(key) || looksLikeIdentifier(v))
      return this.consistent('number', v, (n) => `ID-${String(n).padStart(6, '0')}`);
    if (FREE_TEXT_KEYS.has(key) || !DOCUMENTED.has(key)) return '[removed]';
    return v;
  }
}
