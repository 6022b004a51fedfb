/** How much of a record the panel draws: the same limits bound what a huge record is cut down to (../prune.ts). */

/** Keys drawn per nested object (and under "Other fields"); the rest are counted, not drawn. */
export const MAX_KEYS = 200;
/**
 * Values drawn per record, in all. A record of 300,000 unknown keys built a million DOM nodes and
 * took the browser to 6 GB; past this budget the panel says how much it left out and offers the JSON.
 */
export const MAX_VALUES = 20_000;
/** Items rendered per collection; past this the panel points to Open JSON (a 17,000-policy record would be 50 MB of HTML). */
export const MAX_ITEMS = 500;
