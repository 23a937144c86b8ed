import { Type } from 'typebox';

/** Field schemas the countries share; a country varies them through the arguments. */

const closed = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export function equipmentRepairFields(terminalModels: readonly string[], serialPattern: string) {
  return Type.Object(
    {
      terminalModel: Type.Enum([...terminalModels], { description: 'The broken terminal’s model' }),
      serialNumber: Type.String({ pattern: serialPattern, description: 'As printed under the terminal' }),
      symptom: Type.Enum(['no-power', 'no-network', 'printer', 'card-reader', 'screen', 'other']),
      notes: Type.Optional(Text(1000)),
    },
    closed,
  );
}

export function equipmentInstallFields(terminalModels: readonly string[]) {
  return Type.Object(
    {
      terminalModel: Type.Enum([...terminalModels]),
      quantity: Type.Integer({ minimum: 1, maximum: 20 }),
      withQrStand: Type.Optional(Type.Boolean()),
    },
    closed,
  );
}

export function onboardingTaskFields() {
  return Type.Object(
    {
      task: Type.Enum(['signage', 'menu-photos', 'staff-training', 'documents']),
      notes: Type.Optional(Text(1000)),
    },
    closed,
  );
}

export function complaintFields(channels: readonly string[]) {
  return Type.Object(
    {
      channel: Type.Enum([...channels], { description: 'Where the complaint came in' }),
      category: Type.Enum(['settlement', 'fees', 'service', 'equipment', 'other']),
      customerReference: Type.Optional(Text(64)),
    },
    closed,
  );
}

export function dataCorrectionFields() {
  return Type.Object(
    {
      field: Type.Enum(['legal-name', 'brand-name', 'address', 'phone', 'business-id', 'category', 'location']),
      currentValue: Type.Optional(Text(500)),
      correctValue: Text(500),
    },
    closed,
  );
}

export function photoShootFields() {
  return Type.Object(
    {
      shots: Type.Array(Type.Enum(['storefront', 'interior', 'menu', 'products', 'owner']), {
        minItems: 1,
        maxItems: 5,
        uniqueItems: true,
      }),
      preferredDate: Type.Optional(Type.String({ format: 'date' })),
    },
    closed,
  );
}

export function merchantFollowUpFields() {
  return Type.Object(
    {
      trigger: Type.Enum(['suspended', 'churn-risk', 'other'], { description: 'What the follow-up is about' }),
      reason: Type.Optional(Text(1000)),
    },
    closed,
  );
}
