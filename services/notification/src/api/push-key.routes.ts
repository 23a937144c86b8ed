import { callerOf, type PlatformConfig, type ServiceApp } from '@fieldops/platform';
import { Type } from 'typebox';
import { vapidPublicKey } from '../channels/web-push.driver';

const PushKey = Type.Object({
  publicKey: Type.Union([Type.String(), Type.Null()], {
    description: 'The VAPID public key (base64url) to pass to pushManager.subscribe as applicationServerKey; null when Web Push is off',
  }),
});

/** The field app asks for the key before it subscribes its service worker to Web Push. */
export function pushKeyRoutes(app: ServiceApp, ctx: { config: Pick<PlatformConfig, 'env'> }): void {
  const publicKey = vapidPublicKey(ctx.config.env);
  app.get(
    '/api/v1/push-subscriptions/key',
    { schema: { operationId: 'getPushKey', summary: 'The key browsers subscribe to Web Push with', response: { 200: PushKey } } },
    async (request) => {
      callerOf(request);
      return { publicKey };
    },
  );
}
