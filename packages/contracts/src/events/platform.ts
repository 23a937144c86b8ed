import { type Static, Type } from 'typebox';

/**
 * Events of the platform itself. `platform.probe.written.v1` is what the platform's own tests publish and consume
 * (a consumer may only name catalogued types); no service publishes it.
 */
export const platformEvents = {
  'platform.probe.written.v1': Type.Object(
    { id: Type.String({ minLength: 1 }), n: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: false },
  ),
} as const;

export type PlatformEventData<T extends keyof typeof platformEvents> = Static<(typeof platformEvents)[T]>;
