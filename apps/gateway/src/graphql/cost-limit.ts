import type { ValidationRule } from 'graphql';
import { graphqlModule } from './graphql-module';

const { GraphQLError, getNullableType, isListType } = graphqlModule;

/** What a list is assumed to hold when the cost of a query is estimated before it runs. */
export const LIST_SIZE_ESTIMATE = 10;

/**
 * Refuses a query whose estimated cost is above `maxCost`: every field costs 1, times the estimated size of each
 * list around it. Stops a query from fanning out (lists of lists of lists) however shallow it stays.
 */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context) => {
    let cost = 0;
    const multipliers: number[] = [1];
    return {
      Field: {
        enter() {
          const around = multipliers.at(-1) ?? 1;
          cost += around;
          const type = context.getType();
          multipliers.push(type && isListType(getNullableType(type)) ? around * LIST_SIZE_ESTIMATE : around);
        },
        leave() {
          multipliers.pop();
        },
      },
      Document: {
        leave() {
          if (cost > maxCost) context.reportError(new GraphQLError(`The query costs about ${cost}, more than the ${maxCost} allowed.`));
        },
      },
    };
  };
}
