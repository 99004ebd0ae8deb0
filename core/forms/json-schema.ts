/**
 * Every form as JSON Schema (zod v4's z.toJSONSchema of the very schema the core and the hub
 * check with; the input side: a phone number as typed), each with a valid example in `examples`
 * and the service it is for. Rules a JSON Schema cannot say (the catalogue's age and residence
 * rule, the schedule, the hours) are checked by the schema in core/forms, not by a JSON Schema
 * validator: `x-aichingu-checks` names them.
 */
import * as z from 'zod';
import { formFor, SERVICE_IDS, type FormOptions } from './registry.js';

export interface FormJsonSchema {
  $schema: string;
  $id: string;
  title: string;
  'x-aichingu-service': string;
  /** what a person is told once it is submitted (received, or requested: the centre confirms) */
  'x-aichingu-submitted': 'received' | 'requested';
  'x-aichingu-consent-version': string;
  /** the fields, in the order a screen shows them */
  'x-aichingu-fields': string[];
  examples: Record<string, unknown>[];
  [k: string]: unknown;
}

export function formsJsonSchemas(o: FormOptions = {}): FormJsonSchema[] {
  return SERVICE_IDS.map((service) => {
    const spec = formFor(service, o)!;
    const schema = z.toJSONSchema(spec.schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
    return {
      ...schema,
      $schema: String(schema.$schema ?? 'https://json-schema.org/draft/2020-12/schema'),
      $id: `urn:aichingu-1279:form:${service}`,
      title: service,
      'x-aichingu-service': service,
      'x-aichingu-submitted': spec.submitted ?? 'received',
      'x-aichingu-consent-version': spec.consentVersion,
      'x-aichingu-fields': spec.fields.map((f) => f.name),
      examples: spec.example ? [spec.example] : [],
    };
  });
}
