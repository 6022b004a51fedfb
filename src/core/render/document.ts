/** The record panel's whole document: strict CSP with a per-render nonce, styles from the extension's media only. */
import { escapeHtml as h } from './escape';

export interface DocumentParts {
  readonly title: string;
  /** The customer shown: the page keeps it as its state, so a reload can bring the panel back. */
  readonly customerId?: string | undefined;
  readonly body: string;
  readonly nonce: string;
  readonly cspSource: string;
  readonly styleUri: string;
  readonly scriptUri: string;
}

/** The whole page: strict CSP, styles from the extension's media only, one nonce'd script. */
export function renderDocument(p: DocumentParts): string {
  const csp = [
    "default-src 'none'",
    `style-src ${p.cspSource}`,
    `font-src ${p.cspSource}`,
    `img-src ${p.cspSource} data:`,
    `script-src 'nonce-${p.nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${h(p.styleUri)}">
<title>${h(p.title)}</title>
</head>
<body>
<div id="root"${p.customerId ? ` data-customer-id="${h(p.customerId)}"` : ''}>${p.body}</div>
<script nonce="${h(p.nonce)}" src="${h(p.scriptUri)}"></script>
</body>
</html>`;
}
