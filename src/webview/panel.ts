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

/**
 * What a person opened and how far they scrolled, for the customer on screen: kept across every
 * redraw of the same customer (a refresh, a setting, the loading page of a key or environment change
 * in between), never across customers. Only row keys and a position: nothing of the record.
 */
let kept: { id: string; open: Set<string>; scrollY: number } | undefined;

function remember(id: string): void {
  if (root.dataset.view !== 'record' || root.dataset.id !== id) return;
  const open = new Set([...root.querySelectorAll<HTMLDetailsElement>('details[data-key][open]')].map((d) => d.dataset.key ?? ''));
  kept = { id, open, scrollY: window.scrollY };
}

function restore(id: string): void {
  if (!kept || kept.id !== id) return;
  for (const d of root.querySelectorAll<HTMLDetailsElement>('details[data-key]')) if (kept.open.has(d.dataset.key ?? '')) d.open = true;
  window.scrollTo(0, kept.scrollY);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseToWebview(event.data);
  if (!msg) return;
  switch (msg.type) {
    case 'render': {
      remember(msg.id);
      if (kept && kept.id !== msg.id) kept = undefined;
      root.innerHTML = msg.html;
      root.dataset.id = msg.id;
      root.dataset.view = msg.view;
      root.classList.toggle('show-empty', msg.showEmpty);
      if (msg.busy) root.setAttribute('aria-busy', 'true');
      else root.removeAttribute('aria-busy');
      vscode.setState({ id: msg.id });
      refreshRelativeTimes();
      syncRevealAll();
      if (msg.view === 'record') restore(msg.id);
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

/** The More actions menu: a button that shows and hides a group of actions; Escape or a click elsewhere closes it. */
function setMenu(button: HTMLElement, open: boolean, focusFirst = false): void {
  const menu = document.getElementById(button.dataset.menu ?? '');
  if (!menu) return;
  menu.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (open && focusFirst) menu.querySelector<HTMLElement>('button:not([hidden])')?.focus();
}

function closeMenus(except?: Element | null): void {
  for (const b of root.querySelectorAll<HTMLElement>('[data-menu][aria-expanded="true"]')) if (b !== except) setMenu(b, false);
}

document.addEventListener('keydown', (event) => {
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (event.key === 'Escape') {
    const open = root.querySelector<HTMLElement>('[data-menu][aria-expanded="true"]');
    if (open) {
      setMenu(open, false);
      open.focus();
      event.preventDefault();
    }
    return;
  }
  // Arrow keys move between the menu's actions, as in any menu.
  const menu = target?.closest<HTMLElement>('.menu');
  if (menu && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    const items = [...menu.querySelectorAll<HTMLElement>('button:not([hidden])')];
    const i = items.indexOf(target!);
    items[(i + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    event.preventDefault();
  }
  if (target?.dataset.menu && event.key === 'ArrowDown') {
    setMenu(target, true, true);
    event.preventDefault();
  }
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const toggle = target?.closest<HTMLElement>('[data-menu]');
  closeMenus(toggle);
  if (toggle) {
    // Opened from the keyboard (Enter or Space: a click with no pointer position), the first action takes focus.
    setMenu(toggle, toggle.getAttribute('aria-expanded') !== 'true', event.detail === 0);
    return;
  }
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
