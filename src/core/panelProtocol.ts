import * as z from './zod';

/**
 * The messages between the record panel and its webview, both directions, defined once. The
 * extension validates what the page sends; the page (src/webview/panel.ts, bundled from this same
 * file) validates what the extension sends. Anything else is dropped unread.
 */

/** Buttons in the page carry one of these in `data-action`. */
export const PANEL_ACTIONS = [
  'refresh',
  'retry',
  'copyId',
  'copyJson',
  'copyJsonWithIdentifiers',
  'copyDeidentified',
  'toggleEmpty',
  'openJson',
  'revealAll',
  'hideAll',
  'setApiKey',
  'openSettings',
  'showLog',
  'switchBack',
] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

/** What a control in the page carries in `data-action`: an action above, or reveal/hide (with a mask ID). */
export type PageAction = PanelAction | 'reveal' | 'hide';
export const PAGE_ACTIONS: readonly PageAction[] = [...PANEL_ACTIONS, 'reveal', 'hide'];

/**
 * The `data-action` attribute of a control in the page. Templates write actions only through this, so
 * an action the protocol does not define (a typo) fails the build instead of a click doing nothing.
 */
export function actionAttr(action: PageAction): string {
  return `data-action="${action}"`;
}

const maskId = z.string().check(z.regex(/^m\d{1,7}$/));

/** Page -> extension. */
export const fromWebviewSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('reveal'), maskId }),
  z.strictObject({ type: z.literal('hide'), maskId }),
  ...PANEL_ACTIONS.map((a) => z.strictObject({ type: z.literal(a) })),
]);
export type FromWebview = z.infer<typeof fromWebviewSchema>;

export const VIEW_KINDS = ['loading', 'record', 'error'] as const;

/** Extension -> page. */
export const toWebviewSchema = z.discriminatedUnion('type', [
  /** The whole body (HTML built and escaped by the extension). */
  z.strictObject({
    type: z.literal('render'),
    id: z.string(),
    html: z.string(),
    view: z.literal(VIEW_KINDS),
    busy: z.boolean(),
    /** Whether empty fields are shown (the person's choice, remembered). */
    showEmpty: z.boolean(),
  }),
  /** Masked values to show as text (never as HTML). */
  z.strictObject({ type: z.literal('revealed'), items: z.array(z.strictObject({ maskId, text: z.string() })) }),
  /** Masked values to cover again. */
  z.strictObject({ type: z.literal('hidden'), maskIds: z.array(maskId) }),
]);
export type ToWebview = z.infer<typeof toWebviewSchema>;

export function parseFromWebview(raw: unknown): FromWebview | undefined {
  const r = fromWebviewSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

export function parseToWebview(raw: unknown): ToWebview | undefined {
  const r = toWebviewSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** The panel's persisted state (for restoring after a reload): the ID, nothing of the record. */
export const panelStateSchema = z.object({ id: z.string() });
