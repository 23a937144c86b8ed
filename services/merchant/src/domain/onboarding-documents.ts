/** Onboarding documents by kind (the country's list, e.g. SG `acra_bizfile`) → the file id among the documents. */
export type OnboardingDocuments = Readonly<Record<string, string>>;

export interface OnboardingProblem {
  kind: string;
  message: string;
}

/** Kinds the country does not ask for, and files that are not among the merchant's documents. */
export function onboardingDocumentProblems(
  documents: OnboardingDocuments,
  required: readonly string[],
  listed: readonly string[],
): OnboardingProblem[] {
  return Object.entries(documents).flatMap(([kind, fileId]) => {
    if (!required.includes(kind)) return [{ kind, message: `is not an onboarding document here (${required.join(', ')})` }];
    if (!listed.includes(fileId)) return [{ kind, message: "is not among the merchant's documents" }];
    return [];
  });
}

/** The kinds still missing before a merchant may go active: each required kind needs a file among its documents. */
export function missingOnboardingDocuments(
  documents: OnboardingDocuments,
  required: readonly string[],
  listed: readonly string[],
): string[] {
  return required.filter((kind) => {
    const fileId = documents[kind];
    return fileId === undefined || !listed.includes(fileId);
  });
}
