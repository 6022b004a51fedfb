import { z } from './zod';

/** Everything the record panel's script may ask. Anything else is dropped unread. */
export const panelMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('reveal'), maskId: z.string().regex(/^m\d{1,7}$/) }).strict(),
  z.object({ type: z.literal('revealAll') }).strict(),
  z.object({ type: z.literal('refresh') }).strict(),
  z.object({ type: z.literal('retry') }).strict(),
  z.object({ type: z.literal('copyId') }).strict(),
  z.object({ type: z.literal('copyJson') }).strict(),
  z.object({ type: z.literal('openJson') }).strict(),
  z.object({ type: z.literal('setApiKey') }).strict(),
  z.object({ type: z.literal('openSettings') }).strict(),
  z.object({ type: z.literal('showLog') }).strict(),
]);

export type PanelMessage = z.infer<typeof panelMessageSchema>;

export function parsePanelMessage(raw: unknown): PanelMessage | undefined {
  const r = panelMessageSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** The panel's persisted state (for restoring after a reload): the ID, nothing of the record. */
export const panelStateSchema = z.object({ id: z.string() });
