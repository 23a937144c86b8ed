import { type MerchantContact, PLACE_CATEGORIES, type PlaceCategory } from '@fieldops/contracts';
import { type FieldProblem, ValidationError } from '@fieldops/platform';
import type { MerchantContext } from '../config';
import { onboardingDocumentProblems } from '../domain/onboarding-documents';

export interface ContactInput {
  name: string;
  role: string;
  phone?: string | null;
  email?: string;
}

/**
 * Field checks by the country policy: each problem names its field (`/body/businessId`, `/body/contacts/0/phone`),
 * and all of them are reported together.
 */
export class MerchantFieldChecks {
  readonly problems: FieldProblem[] = [];

  constructor(
    private readonly ctx: MerchantContext,
    private readonly country: string,
    private readonly prefix = '/body',
  ) {}

  businessId(input: string): string {
    const result = this.ctx.countries.get(this.country).validateBusinessId(input);
    if (result.ok) return result.normalized;
    this.problems.push({ field: `${this.prefix}/businessId`, message: `is not a valid business id in ${this.country}: ${result.reason}` });
    return input;
  }

  phone(input: string | null | undefined, field: string): string | null {
    if (input === undefined || input === null || input.trim() === '') return null;
    const result = this.ctx.countries.get(this.country).parsePhone(input);
    if (result.ok) return result.e164;
    this.problems.push({ field: `${this.prefix}/${field}`, message: `is not a valid phone number in ${this.country}: ${result.reason}` });
    return null;
  }

  contacts(input: ContactInput[]): MerchantContact[] {
    return input.map((c, i) => ({
      name: c.name.trim(),
      role: c.role.trim(),
      phone: this.phone(c.phone, `contacts/${i}/phone`),
      ...(c.email ? { email: c.email.trim() } : {}),
    }));
  }

  /** A category from outside a request schema (a record imported from another system). */
  category(input: string): PlaceCategory {
    const known = PLACE_CATEGORIES.find((category) => category === input);
    if (known) return known;
    this.problems.push({ field: `${this.prefix}/category`, message: `is not one of ${PLACE_CATEGORIES.join(', ')}` });
    return 'other';
  }

  /** The onboarding documents by kind: kinds of the country's list, each file among the merchant's `documents`. */
  onboardingDocuments(input: Record<string, string>, documents: readonly string[]): Record<string, string> {
    const required = this.ctx.countries.get(this.country).requiredOnboardingDocuments;
    for (const { kind, message } of onboardingDocumentProblems(input, required, documents)) {
      this.problems.push({ field: `${this.prefix}/onboardingDocuments/${kind}`, message });
    }
    return input;
  }

  /** Throws the collected problems, if any. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }
}

/** A stored JSON object of strings; null or anything else is empty. */
export const parseJsonRecord = (text: string | null): Record<string, string> => {
  const value: unknown = text === null ? null : JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
};

export const parseJsonList = <T>(text: string): T[] => {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
};
