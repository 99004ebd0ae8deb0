/**
 * What a form is (the types every form module shares: core/forms/registry.ts's forms and the
 * counsellor's outreach forms in core/counsellor/forms.ts), apart from the registry itself.
 */
import type { z } from 'zod';

export type FieldCode = 'required' | 'invalid' | 'too_long' | 'out_of_range' | 'not_eligible' | 'too_many' | 'unknown';

export interface FieldProblem {
  /** the form's field (`phone`), or the name of a field the form does not have */
  field: string;
  code: FieldCode;
  /** the i18next key of the message that says what to do */
  key: string;
  /** the figures the message names (i18next interpolation: the hours a visit, the centre), from the catalogue — never what was typed */
  values?: Record<string, string | number>;
}

export interface FormSpec<S extends z.ZodType = z.ZodType> {
  /** the service id the form applies for (an application's `service`) */
  service: string;
  /** the form's fields, in the order a screen shows them, each with the problems it can have (a message for each in every locale) */
  fields: readonly { name: string; codes: readonly Exclude<FieldCode, 'unknown'>[] }[];
  schema: S;
  /**
   * The version of the consent text the person agreed to (SECURITY.md "Personal data": one
   * consent per application, recorded with its text version). Sealed with the application.
   */
  consentVersion: string;
  /** what a person is told once it is submitted: `received`, or `requested` — a reservation the centre confirms (i18next `forms.state.<state>`) */
  submitted?: 'received' | 'requested';
  /** a form this schema takes (the JSON Schema's `examples`) */
  example?: Record<string, unknown>;
  /**
   * The form's own rules — the catalogue's eligibility rule, limits weighing several answers —
   * on the fields answered so far (each passed its own check): a screen that asks a step at a
   * time hears a problem at the step that settles it, not at the end. What the answers cannot
   * settle yet is no problem. The schema applies the very same rules to a whole form.
   */
  rules?: (known: Record<string, unknown>, say: (field: string, code: string, values?: Record<string, string | number>) => void) => void;
}
