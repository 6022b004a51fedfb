/** Public names (shared/contract.md) and internal IDs, in one place. */
export const EXTENSION_ID = 'carecycle.carecycle-vscode';
export const PRODUCT = 'CareCycle';

export const Commands = {
  openCustomer: 'carecycle.openCustomer',
  setApiKey: 'carecycle.setApiKey',
  clearApiKey: 'carecycle.clearApiKey',
  showLog: 'carecycle.showLog',
  refreshCustomer: 'carecycle.refreshCustomer',
  copyCustomerId: 'carecycle.copyCustomerId',
  clearRecentCustomers: 'carecycle.clearRecentCustomers',
  listCustomersInFile: 'carecycle.listCustomersInFile',
  removeRecentCustomer: 'carecycle.removeRecentCustomer',
  pinRecentCustomer: 'carecycle.pinRecentCustomer',
  unpinRecentCustomer: 'carecycle.unpinRecentCustomer',
  storeKeyFromDocument: 'carecycle.storeKeyFromDocument',
  toggleInlineNames: 'carecycle.toggleInlineNames',
  switchEnvironment: 'carecycle.switchEnvironment',
  openCustomerFromDebugValue: 'carecycle.openCustomerFromDebugValue',
  listCustomersInWorkspace: 'carecycle.listCustomersInWorkspace',
  cancelWorkspaceScan: 'carecycle.cancelWorkspaceScan',
} as const;

export const Views = {
  container: 'carecycle',
  recentCustomers: 'carecycle.recentCustomers',
  workspaceCustomers: 'carecycle.workspaceCustomers',
} as const;

export const PANEL_VIEW_TYPE = 'carecycle.customer';
/** The placeholder editor a Go to Definition on a customer ID opens; it hands over to the panel. */
export const CUSTOMER_EDITOR_VIEW_TYPE = 'carecycle.customerLink';

export const ContextKeys = {
  /** 'set' or 'missing' for the active environment; not set at all until the key has been read (no welcome flashes meanwhile). */
  keyState: 'carecycle.keyState',
  /** Whether the active text editor's selection or cursor is on a customer ID (the editor context menu offers Open Customer). */
  idAtCursor: 'carecycle.idAtCursor',
  recentEmpty: 'carecycle.recentEmpty',
} as const;

/** Where the key was kept before environments; it moves to the environment it was being sent to. */
export const LEGACY_SECRET_API_KEY = 'carecycle.apiKey';
export const STATE_RECENT = 'carecycle.recentCustomers';

export const TreeItemContext = {
  recent: 'recentCustomer',
  recentPinned: 'recentCustomerPinned',
} as const;
