import { SLA_PRIORITIES } from './sla-history';
import { SLA_CLOCKS, type SlaPolicy, type SlaPolicySet } from './sla-policy';

/** A broken rule of a policy, naming the field (the shape of the platform's `FieldProblem`). */
export interface SlaPolicyProblem {
  readonly field: string;
  readonly message: string;
}

const isWholeMinutes = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** What is wrong with one priority's policy; `path` prefixes each field, e.g. `/body/high`. */
function policyProblems(policy: SlaPolicy, path: string): SlaPolicyProblem[] {
  const problems: SlaPolicyProblem[] = [];
  for (const clock of SLA_CLOCKS) {
    const target = policy.targets[clock];
    if (!isWholeMinutes(target) || target === 0) {
      problems.push({ field: `${path}/targets/${clock}`, message: 'must be a whole number of working minutes above 0' });
    }
  }
  const targetsSound = problems.length === 0;
  const shortest = Math.min(...SLA_CLOCKS.map((clock) => policy.targets[clock]));
  if (!isWholeMinutes(policy.warnBeforeMinutes)) {
    problems.push({ field: `${path}/warnBeforeMinutes`, message: 'must be a whole number of working minutes' });
  } else if (targetsSound && policy.warnBeforeMinutes >= shortest) {
    // A warning at or before the start of a clock warns about nothing.
    problems.push({ field: `${path}/warnBeforeMinutes`, message: `must be less than the shortest target (${shortest})` });
  }
  policy.escalations.forEach((escalation, index) => {
    const field = `${path}/escalations/${index}`;
    if (escalation.level !== index + 1) problems.push({ field: `${field}/level`, message: `must be ${index + 1}` });
    const previous = policy.escalations[index - 1];
    if (!isWholeMinutes(escalation.afterBreachMinutes)) {
      problems.push({ field: `${field}/afterBreachMinutes`, message: 'must be a whole number of working minutes' });
    } else if (previous !== undefined && escalation.afterBreachMinutes <= previous.afterBreachMinutes) {
      problems.push({ field: `${field}/afterBreachMinutes`, message: 'must come after the previous level' });
    }
  });
  return problems;
}

/** What is wrong with the policies of one ticket type: every priority present and each policy sound. */
export function slaPolicySetProblems(set: Partial<SlaPolicySet>, path = ''): SlaPolicyProblem[] {
  return SLA_PRIORITIES.flatMap((priority) => {
    const policy = set[priority];
    if (policy === undefined) return [{ field: `${path}/${priority}`, message: 'is required' }];
    return policyProblems(policy, `${path}/${priority}`);
  });
}
