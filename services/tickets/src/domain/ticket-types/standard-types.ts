import {
  complaintFields,
  dataCorrectionFields,
  equipmentInstallFields,
  equipmentRepairFields,
  merchantFollowUpFields,
  onboardingTaskFields,
  photoShootFields,
} from './fields';
import type { TicketTypeDefinition, TicketTypeName } from './ticket-type';

/** What a country varies in the standard ticket types. */
export interface CountryTicketVariant {
  terminalModels: readonly string[];
  /** Pattern of a terminal serial number in the country's fleet. */
  serialPattern: string;
  complaintChannels: readonly string[];
  /** Each type's label in the country's language, for a country whose reps do not read English first. */
  localLabels?: { locale: string; labels: Readonly<Record<TicketTypeName, string>> };
}

/** The standard ticket types with a country's variant of their fields. */
export function standardTypes(variant: CountryTicketVariant): TicketTypeDefinition[] {
  const types: TicketTypeDefinition[] = [
    {
      type: 'equipment-repair',
      label: 'Repair a payment terminal',
      fields: equipmentRepairFields(variant.terminalModels, variant.serialPattern),
      defaultPriority: 'high',
      queue: 'field-service',
      assignment: 'covering-rep',
    },
    {
      type: 'equipment-install',
      label: 'Install payment terminals',
      fields: equipmentInstallFields(variant.terminalModels),
      defaultPriority: 'normal',
      queue: 'field-service',
      assignment: 'covering-rep',
    },
    {
      type: 'onboarding-task',
      label: 'Onboarding task for a new merchant',
      fields: onboardingTaskFields(),
      defaultPriority: 'normal',
      queue: 'onboarding',
      assignment: 'covering-rep',
    },
    {
      type: 'complaint',
      label: 'Merchant complaint',
      fields: complaintFields(variant.complaintChannels),
      defaultPriority: 'high',
      queue: 'merchant-care',
      assignment: 'least-loaded',
    },
    {
      type: 'data-correction',
      label: 'Correct merchant data',
      fields: dataCorrectionFields(),
      defaultPriority: 'low',
      queue: 'data-quality',
      assignment: 'queue',
    },
    {
      type: 'photo-shoot',
      label: 'Photo shoot at the merchant',
      fields: photoShootFields(),
      defaultPriority: 'normal',
      queue: 'field-service',
      assignment: 'covering-rep',
    },
    {
      type: 'merchant-follow-up',
      label: 'Follow up a suspended or at-risk merchant',
      fields: merchantFollowUpFields(),
      defaultPriority: 'high',
      queue: 'merchant-care',
      assignment: 'covering-rep',
    },
  ];
  const local = variant.localLabels;
  if (!local) return types;
  return types.map((t) => ({ ...t, labels: { [local.locale]: local.labels[t.type] } }));
}

/** The onboarding tasks every converted merchant gets, unless a country lists its own. */
export const STANDARD_ONBOARDING = [
  { title: 'Put up signage and the QR stand', fields: { task: 'signage' } },
  { title: 'Photograph the menu', fields: { task: 'menu-photos' } },
  { title: 'Train the staff on the terminal', fields: { task: 'staff-training' } },
] as const;
