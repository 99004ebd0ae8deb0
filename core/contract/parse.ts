/**
 * A call's input checked against its schema, the same way wherever a call is answered (the
 * registry; the web host's answer to `settings` before its core has loaded): the parsed value, or
 * a `bad_request` naming the first field at fault — a key the schema does not take by its name.
 */
import type { z } from 'zod';
import { KioskApiError } from './result.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
  const field = path.join('.') || undefined;
  throw new KioskApiError({ code: 'bad_request', message: `${field ?? 'input'}: ${issue?.message ?? 'not valid'}`, field });
}
