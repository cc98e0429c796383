/** The page's HTML: progress, what the device offers, and the log. The script does the rest. */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>evalkit browser benchmark</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 1rem; max-width: 60rem; }
  pre { background: #f4f4f4; padding: .6rem; white-space: pre-wrap; word-break: break-word; font-size: 13px; }
  #status { font-weight: 600; }
  #status[data-state="done"] { color: #116611; }
  #status[data-state="failed"] { color: #aa1111; }
</style>
</head>
<body>
<h1>evalkit browser benchmark</h1>
<p>Kernels and zoo decoders through onnxruntime-web on every backend this browser offers. Keep this tab
in front and the screen on until it says finished; results go back to the machine that served this page.</p>
<p id="status" data-state="loading">loading</p>
<h2>This device</h2>
<pre id="device">probing…</pre>
<h2>Progress</h2>
<pre id="log"></pre>
<script type="module" src="app.js"></script>
</body>
</html>
`;
}
