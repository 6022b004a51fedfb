import * as vscode from 'vscode';
import { omittedOf } from '../core/prune';
import { toCareCycleError } from '../core/api/errors';
import type { CustomerService } from '../core/customers';
import { customerIdAt } from '../core/customerId';
import { createFormatter } from '../core/render/format';
import { HOVER_COMMANDS, customerHoverMarkdown, hoverError, hoverNoKey, hoverNotFound } from '../core/render/hover';
import type { Config } from '../host/config';
import type { Environments } from '../host/environments';
import type { Log } from '../host/log';
import type { PointerTracker } from '../host/pointer';
import { ALL_DOCUMENTS } from '../host/documents';

type HoverDeps = { customers: CustomerService; config: Config; log: Log; envs: Environments; pointer: PointerTracker };

export function registerHover(deps: HoverDeps): vscode.Disposable {
  return vscode.languages.registerHoverProvider(ALL_DOCUMENTS, new CustomerHoverProvider(deps));
}

export class CustomerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly d: HoverDeps) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    // Wherever VS Code asks, the pointer rests there (inline names wait for it to move on).
    this.d.pointer.restsAt({ uri: doc.uri, line: pos.line });
    if (!this.d.config.hoverEnabled(doc)) return undefined;
    // Match first: no ID, no work and no request.
    const match = customerIdAt(doc.lineAt(pos.line).text, pos.character);
    if (!match) return undefined;
    const range = new vscode.Range(pos.line, match.start, pos.line, match.start + match.id.length);
    let md: string;
    const ctl = new AbortController();
    const sub = token.onCancellationRequested(() => ctl.abort());
    try {
      const got = await this.d.customers.get(match.id, { signal: ctl.signal });
      md = customerHoverMarkdown(got.record, {
        id: match.id,
        mask: this.d.config.maskIdentifiers,
        fmt: createFormatter(vscode.env.language),
        now: Date.now(),
        environment: this.d.envs.several ? got.environment : undefined,
        omitted: omittedOf(got),
        stale: got.stale && { message: got.stale.error.message, fetchedAt: got.fetchedAt },
      });
    } catch (err) {
      const e = toCareCycleError(err);
      if (e.kind === 'cancelled' || token.isCancellationRequested) return undefined;
      const env = this.d.envs.several ? this.d.envs.active.name : undefined;
      md = e.kind === 'not-found' ? hoverNotFound(env) : e.kind === 'no-key' ? hoverNoKey(env) : hoverError(e);
      if (e.kind !== 'not-found' && e.kind !== 'no-key') this.d.log.info(`hover ${match.id}: ${e.kind}`);
    } finally {
      sub.dispose();
    }
    if (token.isCancellationRequested) return undefined;
    const ms = new vscode.MarkdownString(md, true);
    ms.isTrusted = { enabledCommands: Object.values(HOVER_COMMANDS) };
    ms.supportHtml = false;
    return new vscode.Hover(ms, range);
  }
}
