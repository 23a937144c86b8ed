import type { ValidationRule } from 'graphql';
import { graphqlModule } from './graphql-module';

const { GraphQLError } = graphqlModule;

/** The longest query text read at all; the screens' own queries are a few hundred characters. */
export const MAX_QUERY_LENGTH = 20_000;
/** Tokens the parser reads before it gives up (graphql-js `maxTokens`). */
export const MAX_QUERY_TOKENS = 5_000;
/** Brackets open at once: the parser and validators recurse per level, and thousands of levels overflow the stack. */
export const MAX_QUERY_NESTING = 40;
/** Aliases let one query ask for the same costly field many times over, each too cheap for the cost limit alone. */
export const MAX_QUERY_ALIASES = 50;

/** How deeply `{`, `[` and `(` nest in a GraphQL source, outside strings and comments; counted without parsing. */
export function nestingOf(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (char === '"') {
      const block = source.startsWith('"""', i);
      const end = block ? '"""' : '"';
      i += end.length;
      while (i < source.length && !source.startsWith(end, i)) i += source[i] === '\\' ? 2 : 1;
      i += end.length - 1;
    } else if (char === '{' || char === '[' || char === '(') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === '}' || char === ']' || char === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** Why a query text is refused before it is parsed, or undefined. */
export function queryTextProblem(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  if (query.length > MAX_QUERY_LENGTH) return `The query is ${query.length} characters long, more than the ${MAX_QUERY_LENGTH} allowed.`;
  const nesting = nestingOf(query);
  if (nesting > MAX_QUERY_NESTING) return `The query nests ${nesting} levels deep, more than the ${MAX_QUERY_NESTING} allowed.`;
  return undefined;
}

/** Refuses a query with more than `maxAliases` aliased fields. */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > maxAliases)
            context.reportError(new GraphQLError(`The query has ${aliases} aliases, more than the ${maxAliases} allowed.`));
        },
      },
    };
  };
}
