import { clone, create, type DescMessage, type DescMethod, type DescMethodUnary, type MessageInitShape } from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  type ConnectRouter,
  createContextValues,
  createHandlerContext,
  createRouterTransport,
  type HandlerContext,
  type Interceptor,
  type Transport,
  type UnaryRequest,
  type UnaryResponse,
} from '@connectrpc/connect';

type RpcRoutes = (router: ConnectRouter) => void;
type UnaryImpl = (input: unknown, context: HandlerContext) => unknown;
type AnyCall = (request: UnaryRequest) => Promise<UnaryResponse>;

/** Aborts a finished call's context (its deadline timer and signal) without making an error per call. */
const FINISHED = new ConnectError('the call has finished', Code.Canceled);

const keyOf = (method: DescMethod) => `${method.parent.typeName}/${method.name}`;

/**
 * Unary calls to a service mounted in this process, answered by its handler directly: the request and the answer are
 * copied (`clone`), not encoded and parsed again, and no HTTP request is made up between the two sides. What the
 * network server does around a handler is done here alike: a context with the call's deadline and the caller's
 * headers, the server's interceptors (the token check), a handler's own `ConnectError` passed on as it is and any
 * other failure answered `internal`. Streams, and methods this process does not implement, go through Connect's router
 * transport.
 */
export function createInProcessTransport(routes: RpcRoutes, options: { interceptors: Interceptor[]; defaultTimeoutMs: number }): Transport {
  const unaries = new Map<string, UnaryImpl>();
  const collector: ConnectRouter = {
    handlers: [],
    service(service, impl) {
      for (const method of service.methods) {
        const fn = (impl as Record<string, unknown>)[method.localName];
        if (method.methodKind === 'unary' && typeof fn === 'function') unaries.set(keyOf(method), fn.bind(impl) as UnaryImpl);
      }
      return collector;
    },
    rpc() {
      return collector;
    },
  };
  routes(collector);
  const routed = createRouterTransport(routes, {
    transport: { defaultTimeoutMs: options.defaultTimeoutMs },
    router: { interceptors: options.interceptors },
  });

  async function unary<I extends DescMessage, O extends DescMessage>(
    method: DescMethodUnary<I, O>,
    signal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    header: Parameters<Transport['unary']>[3],
    input: MessageInitShape<I>,
  ): Promise<UnaryResponse<I, O>> {
    const impl = unaries.get(keyOf(method));
    if (!impl) return routed.unary(method, signal, timeoutMs, header, input);
    const service = method.parent;
    const url = `/${service.typeName}/${method.name}`;
    const deadline = timeoutMs === undefined ? options.defaultTimeoutMs : timeoutMs <= 0 ? undefined : timeoutMs;
    const context = createHandlerContext({
      service,
      method,
      protocolName: 'in-process',
      requestMethod: 'POST',
      url,
      timeoutMs: deadline,
      requestSignal: signal,
      requestHeader: header,
      contextValues: createContextValues(),
    });
    const handle: AnyCall = async (request) => ({
      stream: false,
      service,
      method,
      header: context.responseHeader,
      trailer: context.responseTrailer,
      message: create(
        method.output,
        (await impl(request.message, { ...context, requestHeader: request.header, values: request.contextValues })) as never,
      ),
    });
    const call = options.interceptors.reduceRight<AnyCall>((next, interceptor) => interceptor(next as never) as AnyCall, handle);
    const request: UnaryRequest<I, O> = {
      stream: false,
      service,
      method,
      requestMethod: 'POST',
      url,
      signal: context.signal,
      header: context.requestHeader,
      contextValues: context.values,
      message: clone(method.input, create(method.input, input)),
    };
    try {
      const response = await Promise.race([call(request), abortedBy(context.signal)]);
      return { ...response, method, message: clone(method.output, response.message as never) } as UnaryResponse<I, O>;
    } catch (error) {
      throw error instanceof ConnectError ? error : new ConnectError('internal error', Code.Internal, undefined, undefined, error);
    } finally {
      context.abort(FINISHED);
    }
  }

  return { unary, stream: (...args) => routed.stream(...args) };
}

/** Rejects when the signal aborts (the caller left, or the deadline passed), with its reason. */
function abortedBy(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () =>
      reject(signal.reason instanceof ConnectError ? signal.reason : new ConnectError('the call was canceled', Code.Canceled));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
