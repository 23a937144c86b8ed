import type { ScreenQueryName } from '@fieldops/gateway/screen-queries';
import { send } from './client';

export class GraphQLQueryError extends Error {
  constructor(readonly errors: { message: string }[]) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'GraphQLQueryError';
  }
}

/**
 * Runs one of the BFF's persisted screen queries by name (the gateway holds the documents, so only the name and
 * the variables travel). Any GraphQL error fails the whole screen: its data would be partial.
 */
export async function screenQuery<T>(name: ScreenQueryName, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await send<{ data: T | null; errors?: { message: string }[] }>('POST', '/graphql', {
    body: { persisted: true, query: name, variables },
  });
  if (answer.errors?.length || !answer.data) throw new GraphQLQueryError(answer.errors ?? [{ message: 'no data' }]);
  return answer.data;
}
