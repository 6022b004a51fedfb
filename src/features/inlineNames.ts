import * as vscode from 'vscode';
import { omittedOf } from '../core/prune';
import { Commands } from '../constants';
import { cacheKey, type CustomerService } from '../core/customers';
import { INLINE_NAMES_SHARE, idsInText, inlineLabel, nextMode, type InlineNamesMode } from '../core/inlineNames';
import { RateLimiter } from '../core/limiter';
import { createFormatter } from '../core/render/format';
import { HOVER_COMMANDS, customerHoverMarkdown } from '../core/render/hover';
import type { Config } from '../host/config';
import { ALL_DOCUMENTS } from '../host/documents';
import { Disposable } from '../host/lifecycle';
import type { Log } from '../host/log';
import type { PointerTracker } from '../host/pointer';

const MODE_WORDS: Record<InlineNamesMode, string> = {
  off: 'off',
  viewed: 'customers already looked up (no requests)',
  visible: `customers on screen (up to ${INLINE_NAMES_SHARE.limit} lookups a minute)`,
};

/**
 * Names beside customer IDs, as inlay hints: `497f6eca-…  · Margaret Okafor · Active`. VS Code asks
 * for the visible range only, which is what makes this affordable on a 20 MB log. In "viewed" mode
 * no request is ever made; in "visible" mode the customers on screen are looked up within their own
 * small share of the rate limit, and lookups for lines scrolled away are cancelled.
 */
export class InlineNames extends Disposable implements vscode.InlayHintsProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly share = new RateLimiter(INLINE_NAMES_SHARE.limit, INLINE_NAMES_SHARE.windowMs);
  /** Lookups under way, per document: only what is on screen is worth the budget. */
  private readonly pending = new Map<string, Map<string, AbortController>>();
  private toldSpent = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Per document, the (line, customer) pairs a name was shown for: those stay where they are. */
  private readonly shown = new Map<string, Set<string>>();
  /** A name held back from the line under the pointer, to show once it moves on. */
  private held = false;

  constructor(
    private readonly customers: CustomerService,
    private readonly config: Config,
    private readonly log: Log,
    private readonly pointer: PointerTracker,
  ) {
    super();
    this.register(
      pointer.onDidMove(() => {
        if (!this.held) return;
        this.held = false;
        this.changed.fire();
      }),
    );
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.shown.delete(d.uri.toString())));
    this.register(vscode.languages.registerInlayHintsProvider(ALL_DOCUMENTS, this));
    // A name became known (a hover, a panel, a lookup of ours): hints fill in.
    this.register(this.customers.onDidFetch(() => this.changedSoon()));
    this.register(
      config.onDidChange((e) => {
        if (!e.affects('inlineNames')) return;
        if (this.config.inlineNames() === 'off') this.cancelAll();
        this.changed.fire();
      }),
    );
    this.register({ dispose: () => (this.cancelAll(), clearTimeout(this.timer)) });
    this.register(vscode.commands.registerCommand(Commands.toggleInlineNames, () => this.toggle()));
  }

  private changedSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), 100);
  }

  private cancelAll(): void {
    for (const m of this.pending.values()) for (const c of m.values()) c.abort();
    this.pending.clear();
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): vscode.InlayHint[] {
    const mode = this.config.inlineNames(doc);
    if (mode === 'off' || token.isCancellationRequested) return [];
    const base = doc.offsetAt(range.start);
    const hints: vscode.InlayHint[] = [];
    // With word wrap on, a name appearing on the line under the pointer re-wraps it and the ID jumps
    // away from the pointer: a new name waits there until the pointer moves on.
    const wraps = vscode.workspace.getConfiguration('editor', doc).get<string>('wordWrap', 'off') !== 'off';
    const pointerLine = wraps ? this.pointer.lineIn(doc.uri) : undefined;
    const key = doc.uri.toString();
    const shown = this.shown.get(key) ?? new Set<string>();
    this.shown.set(key, shown);
    const wanted = new Map<string, string>();
    const fmt = createFormatter(vscode.env.language);
    for (const { id, end } of idsInText(doc.getText(range))) {
      const got = this.customers.peek(id);
      const at = doc.positionAt(base + end);
      const pair = `${at.line}:${cacheKey(id)}`;
      if (got && at.line === pointerLine && !shown.has(pair)) {
        this.held = true;
      } else if (got) {
        if (shown.size > 20_000) shown.clear();
        shown.add(pair);
        const part = new vscode.InlayHintLabelPart(inlineLabel(got.record));
        part.command = { command: Commands.openCustomer, title: 'Open record', arguments: [id] };
        const card = new vscode.MarkdownString(
          customerHoverMarkdown(got.record, {
            id,
            mask: this.config.maskIdentifiers,
            fmt,
            now: Date.now(),
            omitted: omittedOf(got),
          }),
          true,
        );
        card.isTrusted = { enabledCommands: Object.values(HOVER_COMMANDS) };
        part.tooltip = card;
        const hint = new vscode.InlayHint(at, [part]);
        hint.paddingLeft = true;
        hints.push(hint);
      } else if (mode === 'visible' && !this.customers.knownMissing(id)) {
        wanted.set(cacheKey(id), id);
      }
      // An ID the API said is no customer gets no hint: the hover says so quietly.
    }
    if (mode === 'visible') this.lookUp(doc.uri.toString(), wanted);
    return hints;
  }

  /** Looks up the customers on screen within the share; drops lookups for what scrolled away. */
  private lookUp(doc: string, wanted: ReadonlyMap<string, string>): void {
    const mine = this.pending.get(doc) ?? new Map<string, AbortController>();
    this.pending.set(doc, mine);
    for (const [k, ctl] of mine) {
      if (!wanted.has(k)) {
        ctl.abort();
        mine.delete(k);
      }
    }
    for (const [k, id] of wanted) {
      if (mine.has(k)) continue;
      if (!this.share.tryAcquire()) {
        if (!this.toldSpent)
          this.log.info(
            `Inline names: the share for names on screen (${INLINE_NAMES_SHARE.limit} lookups a minute) is spent; more names as it refills`,
          );
        this.toldSpent = true;
        return;
      }
      this.toldSpent = false;
      const ctl = new AbortController();
      mine.set(k, ctl);
      void this.customers
        .get(id, { signal: ctl.signal })
        .catch(() => undefined)
        .finally(() => {
          if (mine.get(k) === ctl) mine.delete(k);
        });
    }
  }

  private async toggle(): Promise<void> {
    const next = nextMode(this.config.inlineNames());
    await this.config.set('inlineNames', next);
    void vscode.window.setStatusBarMessage(`$(account) CareCycle inline names: ${MODE_WORDS[next]}`, 4000);
  }
}
