// The record panel's only script (loaded by nonce). It renders what the extension sends (HTML the
// extension built and escaped), turns clicks into validated messages, and reveals masked values
// as text (textContent, never HTML). No inline handlers: one delegated listener.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');

  function render(msg) {
    const y = window.scrollY;
    const sameCustomer = root.dataset.id === msg.id && root.dataset.state === 'record' && msg.state === 'record';
    root.innerHTML = msg.html;
    root.dataset.id = msg.id;
    root.dataset.state = msg.state;
    root.removeAttribute('aria-busy');
    vscode.setState({ id: msg.id });
    if (sameCustomer) window.scrollTo(0, y);
  }

  function reveal(items) {
    for (const item of items) {
      const holder = root.querySelector('.masked[data-mask-id="' + CSS.escape(item.maskId) + '"]');
      if (!holder) continue;
      const span = document.createElement('span');
      span.className = 'revealed text';
      span.textContent = item.text;
      holder.replaceWith(span);
    }
    if (!root.querySelector('.masked')) {
      const all = document.getElementById('reveal-all');
      if (all) all.hidden = true;
    }
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'render' && typeof msg.html === 'string' && typeof msg.id === 'string') render(msg);
    else if (msg.type === 'revealed' && Array.isArray(msg.items)) reveal(msg.items);
    else if (msg.type === 'busy') {
      if (msg.busy) root.setAttribute('aria-busy', 'true');
      else root.removeAttribute('aria-busy');
    }
  });

  const ACTIONS = new Set(['refresh', 'retry', 'copyId', 'copyJson', 'openJson', 'revealAll', 'setApiKey', 'openSettings', 'showLog']);
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target) return;
    const action = target.getAttribute('data-action');
    if (action === 'reveal') {
      vscode.postMessage({ type: 'reveal', maskId: target.getAttribute('data-mask-id') });
    } else if (ACTIONS.has(action)) {
      if (action === 'refresh' || action === 'retry') root.setAttribute('aria-busy', 'true');
      vscode.postMessage({ type: action });
    }
  });

  // Only the ID is kept as state: enough to fetch the record again after a reload, nothing more.
  if (root.dataset.customerId) vscode.setState({ id: root.dataset.customerId });
  vscode.postMessage({ type: 'ready' });
})();
