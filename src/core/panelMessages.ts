import * as z from './zod';

/** Everything the record panel's script may ask. Anything else is dropped unread. */
export const panelMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('reveal'), maskId: z.string().check(z.regex(/^m\d{1,7}$/)) }),
  z.strictObject({ type: z.literal('revealAll') }),
  z.strictObject({ type: z.literal('refresh') }),
  z.strictObject({ type: z.literal('retry') }),
  z.strictObject({ type: z.literal('copyId') }),
  z.strictObject({ type: z.literal('copyJson') }),
  z.strictObject({ type: z.literal('openJson') }),
  z.strictObject({ type: z.literal('setApiKey') }),
  z.strictObject({ type: z.literal('openSettings') }),
  z.strictObject({ type: z.literal('showLog') }),
]);

export type PanelMessage = z.infer<typeof panelMessageSchema>;

export function parsePanelMessage(raw: unknown): PanelMessage | undefined {
  const r = panelMessageSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** The panel's persisted state (for restoring after a reload): the ID, nothing of the record. */
export const panelStateSchema = z.object({ id: z.string() });
