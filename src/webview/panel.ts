// The record panel's only script (loaded by nonce). It shows what the extension sends (HTML the
// extension built and escaped), turns clicks into messages of the shared protocol, and shows
// revealed identifiers as text (textContent, never HTML). No inline handlers: delegated listeners.
import { relativeTime } from '../core/summary';
import { PAGE_ACTIONS, PANEL_ACTIONS, parseToWebview, type FromWebview, type PageAction, type PanelAction } from '../core/panelProtocol';

interface VsCodeApi {
  postMessage(msg: FromWebview): void;
  setState(state: { id: string }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
const MASK = '••••••••';
const ACTIONS: ReadonlySet<string> = new Set(PANEL_ACTIONS);
const KNOWN: ReadonlySet<string> = new Set(PAGE_ACTIONS);

function holder(maskId: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`.masked[data-mask-id="${CSS.escape(maskId)}"]`);
}

function setMasked(el: HTMLElement, text: string | undefined): void {
  const value = el.querySelector<HTMLElement>('.mask-value');
  const button = el.querySelector<HTMLButtonElement>('button[data-mask-id]');
  const label = el.dataset.label ?? 'value';
  if (!value || !button) return;
  value.textContent = text ?? MASK;
  el.classList.toggle('revealed', text !== undefined);
  if (text === undefined) value.setAttribute('aria-label', `${label} hidden`);
  else value.removeAttribute('aria-label');
  const next: PageAction = text === undefined ? 'reveal' : 'hide';
  button.dataset.action = next;
  button.textContent = text === undefined ? 'Reveal' : 'Hide';
  button.setAttribute('aria-label', `${text === undefined ? 'Reveal' : 'Hide'} ${label}`);
}

function syncRevealAll(): void {
  const hidden = root.querySelector('.masked:not(.revealed)') !== null;
  const shown = root.querySelector('.masked.revealed') !== null;
  const revealAll = document.getElementById('reveal-all');
  const hideAll = document.getElementById('hide-all');
  if (revealAll) revealAll.hidden = !hidden;
  if (hideAll) hideAll.hidden = !shown;
}

/** Relative times ("fetched 2 minutes ago") stay true while the panel is open, in the extension's words. */
function refreshRelativeTimes(): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-relative]')) {
    const ms = Number(el.dataset.relative);
    if (Number.isFinite(ms)) el.textContent = relativeTime(ms, Date.now());
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseToWebview(event.data);
  if (!msg) return;
  switch (msg.type) {
    case 'render': {
      const y = window.scrollY;
      const sameRecord = root.dataset.id === msg.id && root.dataset.view === 'record' && msg.view === 'record';
      root.innerHTML = msg.html;
      root.dataset.id = msg.id;
      root.dataset.view = msg.view;
      root.classList.toggle('show-empty', msg.showEmpty);
      if (msg.busy) root.setAttribute('aria-busy', 'true');
      else root.removeAttribute('aria-busy');
      vscode.setState({ id: msg.id });
      refreshRelativeTimes();
      syncRevealAll();
      if (sameRecord) window.scrollTo(0, y);
      return;
    }
    case 'revealed':
      for (const item of msg.items) {
        const el = holder(item.maskId);
        if (el) setMasked(el, item.text);
      }
      syncRevealAll();
      return;
    case 'hidden':
      for (const id of msg.maskIds) {
        const el = holder(id);
        if (el) setMasked(el, undefined);
      }
      syncRevealAll();
      return;
  }
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  // Section links: move focus to the section's heading, so the next Tab continues from there.
  const link = target?.closest<HTMLAnchorElement>('a[href^="#"]');
  if (link) {
    const dest = document.getElementById(link.getAttribute('href')!.slice(1));
    if (dest) {
      event.preventDefault();
      const heading = dest.matches('h1, h2, h3') ? dest : (dest.querySelector<HTMLElement>('h2, h3') ?? dest);
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      dest.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    }
    return;
  }
  const el = target?.closest<HTMLElement>('[data-action]');
  if (!el || (el as HTMLButtonElement).disabled) return;
  const action = el.dataset.action ?? '';
  const maskId = el.dataset.maskId;
  // Every action in the page is written through actionAttr() (checked at build time); one that is
  // not known here is a bug to see in the developer tools, not a click that silently does nothing.
  if (!KNOWN.has(action)) {
    console.error(`CareCycle panel: unknown action "${action}"`);
    return;
  }
  // Shown at once; the extension remembers the choice and draws every panel the same way.
  if (action === 'toggleEmpty') root.classList.toggle('show-empty');
  if ((action === 'reveal' || action === 'hide') && maskId) {
    vscode.postMessage({ type: action, maskId });
  } else if (ACTIONS.has(action)) {
    vscode.postMessage({ type: action as PanelAction });
  }
});

// Only the ID is kept as state: enough to fetch the record again after a reload, nothing more.
if (root.dataset.customerId) vscode.setState({ id: root.dataset.customerId });
setInterval(refreshRelativeTimes, 30_000);
vscode.postMessage({ type: 'ready' });
