import { Request } from 'express';
import { z } from 'zod';
import { validateInput } from '../../../../libs/http/validate-input';

/** A path parameter checked by its schema; a bad one is a 400 that names the parameter. */
export function pathParam<T extends z.ZodType>(req: Request, name: string, schema: T):
  z.infer<T> {
  const checked = validateInput(z.object({ [name]: schema }), { [name]: req.params[name] });
  return checked[name] as z.infer<T>;
}
