import { z } from 'zod';

// zod's JIT compiles validators with `new Function`, and to decide whether it may, it probes the
// global `navigator`, which VS Code's extension host reports as an error. Plain interpretation is
// fast enough for one record (see `npm run bench`) and needs neither.
z.config({ jitless: true });

export { z };
