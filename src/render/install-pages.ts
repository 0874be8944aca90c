/**
 * The pages a browser sees during "Add to Slack": the install page, and the one after Slack sends
 * the installer back. Plain HTML with no scripts and nothing from the request echoed except ids
 * and Slack's error code, escaped.
 */

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · career-path</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #1d1c1d; }
h1 { font-size: 1.5rem; }
a.button { display: inline-block; padding: .6rem 1.2rem; border-radius: .4rem; background: #4a154b; color: #fff; text-decoration: none; }
code { background: #f4f4f4; padding: 0 .25rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** GET /slack/install: what the app does and one button to Slack's authorize page. */
export function renderInstallPage(authorizeUrl: string): string {
  return page(
    'Add career-path to Slack',
    `<h1>Add career-path to your Slack</h1>
<p>career-path gives each person a private, guided look at the Staff Engineer and Engineering Manager tracks in their DM with the app, and ends in a brief for their next 1:1.</p>
<p>Installing it adds a bot user, the <code>/career-path</code> command and an App Home. Nobody's answers are posted anywhere unless they share their own brief.</p>
<p><a class="button" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>`,
  );
}

export interface InstalledInfo {
  /** The workspace, or the org for an org-wide install. */
  name?: string | undefined;
  orgWide: boolean;
  /** slack://app deep link into the app's Home, when Slack said which app and workspace. */
  openUrl?: string | undefined;
}

export function renderInstallSuccess(info: InstalledInfo): string {
  const where = info.name ? escapeHtml(info.name) : info.orgWide ? 'your org' : 'your workspace';
  const scope = info.orgWide
    ? `<p>It is installed for the whole org: an admin can now add it to each workspace from the org's app management page. One person is one person across the org's workspaces.</p>`
    : `<p>Anyone in the workspace can start with <code>/career-path start</code>, or by sending the app a message.</p>`;
  const open = info.openUrl
    ? `<p><a class="button" href="${escapeHtml(info.openUrl)}">Open career-path in Slack</a></p>`
    : '';
  return page(
    'Installed',
    `<h1>career-path is installed in ${where}</h1>
${scope}
${open}
<p>You can close this tab.</p>`,
  );
}

/** Why an install did not finish, in words; `code` is the OAuth library's or Slack's code. */
export function renderInstallFailure(code: string): { status: number; html: string } {
  const stale = /state/i.test(code);
  // The OAuth library's AuthorizationError on the way back means the installer pressed Cancel.
  const cancelled = /installer_authorization_error|access_denied/.test(code);
  const reason = stale
    ? 'This install link has expired or was started in another browser. Start again from the install page.'
    : cancelled
      ? 'The install was cancelled in Slack, so nothing was installed.'
      : 'Slack did not confirm the install, so nothing was installed. Try again in a minute; if it keeps failing, ask whoever runs career-path to check its logs.';
  return {
    status:
      stale || /missing_code|invalid_code|code_already_used/.test(code)
        ? 400
        : cancelled
          ? 200
          : 502,
    html: page(
      'Not installed',
      `<h1>career-path was not installed</h1>
<p>${reason}</p>
<p><a href="/slack/install">Back to the install page</a></p>
<p><small>Reason: <code>${escapeHtml(code)}</code></small></p>`,
    ),
  };
}
