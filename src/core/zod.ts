// zod/mini, named imports only: the same validators as zod's classic API, and the bundle carries
// only the pieces used (a namespace import would drag in every locale).
import { config } from 'zod/mini';

// zod's JIT compiles validators with `new Function`, and to decide whether it may, it probes the
// global `navigator`, which VS Code's extension host reports as an error. Plain interpretation is
// fast enough for one record (see `npm run bench`) and needs neither.
config({ jitless: true });

export {
  array,
  boolean,
  check,
  discriminatedUnion,
  literal,
  looseObject,
  nullish,
  number,
  object,
  optional,
  regex,
  strictObject,
  string,
  union,
  unknown,
} from 'zod/mini';
export type { infer } from 'zod/mini';
