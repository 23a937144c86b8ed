import type { FastifyInstance } from 'fastify';

/** A REST call the BFF made that the service refused; resolvers turn it into a GraphQL error. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(typeof problem === 'object' && problem && 'detail' in problem ? String(problem.detail) : `HTTP ${status}`);
    this.name = 'RestError';
  }
}

/**
 * The services' REST routes, called in-process through the gateway itself (local or forwarded alike) with the
 * caller's token: for reads that have no RPC (history, lists by filter, day plans).
 */
export class RestSource {
  constructor(
    private readonly app: FastifyInstance,
    private readonly authorization: string | undefined,
  ) {}

  async get<T>(url: string): Promise<T> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: this.authorization ? { authorization: this.authorization } : {},
    });
    const body: unknown = response.body ? JSON.parse(response.body) : undefined;
    if (response.statusCode >= 400) throw new RestError(response.statusCode, body);
    return body as T;
  }

  /** Undefined on 404: the record is outside the caller's scope, or the route's service is not deployed yet. */
  async find<T>(url: string): Promise<T | undefined> {
    try {
      return await this.get<T>(url);
    } catch (error) {
      if (error instanceof RestError && error.status === 404) return undefined;
      throw error;
    }
  }
}
