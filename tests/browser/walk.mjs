// The reporter's whole path in headless Chromium with JavaScript off, in every language:
// home → take a code → submit a report with two attachments → log out → log back in with
// the code → mailbox; plus the login page and a "not found" error page.
// On every page: axe-core (WCAG 2.1 A and AA) in a separate JavaScript-enabled context on
// the same HTML, a screenshot, and the page's weight (≤ 16 KiB in ≤ 2 requests, nothing
// from another origin).
//
// Usage: node walk.mjs BASE_URL OUTDIR
// Writes OUTDIR/<page>-<lang>.png, OUTDIR/index.html, OUTDIR/weights.json and
// OUTDIR/weights.md. Exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, outdir] = process.argv.slice(2);
if (!base || !outdir) {
  console.error('usage: node walk.mjs BASE_URL OUTDIR');
  process.exit(2);
}
fs.mkdirSync(outdir, { recursive: true });
const LANGS = ['en', 'fr', 'ar'];
const PAGES = ['home', 'code', 'submit', 'sent', 'login', 'mailbox', 'error'];
const LIMIT = 16 * 1024;
const failures = [];
const weights = {};
const fail = (msg) => { console.error(`FAIL ${msg}`); failures.push(msg); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const viewport = { width: 800, height: 1000 };
// axe runs here, on the HTML the walk got, with the drop's real stylesheet.
const axeContext = await browser.newContext({ javaScriptEnabled: true, viewport });

async function axeCheck(name, lang, url, html) {
  const page = await axeContext.newPage();
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  for (const v of result.violations) {
    fail(`${name}/${lang}: axe ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  await page.close();
  return result.passes.length;
}

for (const lang of LANGS) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport, locale: 'en-US' });
  const page = await context.newPage();
  // Every request of the current page load, for its weight.
  let requests = [];
  page.on('request', (r) => requests.push(r));
  let current = null;

  async function record(name, load) {
    requests = [];
    const response = await load();
    await page.waitForLoadState('load');
    const url = page.url();
    const html = await page.content();
    const htmlLang = await page.getAttribute('html', 'lang');
    const htmlDir = await page.getAttribute('html', 'dir');
    if (htmlLang !== lang) fail(`${name}/${lang}: <html lang="${htmlLang}">`);
    if (htmlDir !== (lang === 'ar' ? 'rtl' : 'ltr')) fail(`${name}/${lang}: <html dir="${htmlDir}">`);
    // The document that was finally shown (after any redirect), and what it loaded.
    const docs = requests.filter((r) => r.resourceType() === 'document' && r.frame() === page.mainFrame());
    const finalDoc = docs[docs.length - 1];
    // Requests made after the shown document started, once per address.
    const after = requests.slice(requests.indexOf(finalDoc) + 1);
    const subs = [...new Map(after.filter((r) => r.resourceType() !== 'document').map((r) => [r.url(), r])).values()];
    let bytes = 0;
    for (const r of [finalDoc, ...subs]) {
      if (!r.url().startsWith(base)) fail(`${name}/${lang}: external resource ${r.url()}`);
      const resp = await r.response();
      if (!resp) continue;
      const sizes = await r.sizes();
      let body = sizes.responseBodySize;
      if (!body) body = (await resp.body().catch(() => Buffer.alloc(0))).length;
      bytes += body + sizes.responseHeadersSize;
    }
    // A cached stylesheet is not re-sent: count it as if it were, once per page.
    if (!subs.some((r) => r.url().endsWith('/style.css'))) bytes += cssBytes;
    const count = 1 + Math.max(1, subs.length);
    weights[name] ??= {};
    weights[name][lang] = { bytes, requests: count };
    if (bytes > LIMIT) fail(`${name}/${lang}: ${bytes} bytes > ${LIMIT}`);
    if (1 + subs.length > 2) fail(`${name}/${lang}: ${1 + subs.length} requests: ${subs.map((r) => r.url())}`);
    await page.screenshot({ path: path.join(outdir, `${name}-${lang}.png`) });
    const passes = await axeCheck(name, lang, url, html);
    console.log(`ok ${name}/${lang}: ${bytes} bytes, ${1 + subs.length} request(s), axe passes ${passes}`);
    current = { url, html, response };
  }

  // The stylesheet's weight on the wire, measured once.
  const css = await context.request.get(`${base}/style.css`);
  const cssBytes = (await css.body()).length + Object.entries(css.headers()).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);

  await record('home', () => page.goto(`${base}/?l=${lang}`));
  await record('code', () => page.click('form[action="/code"] button'));
  const code = (await page.textContent('#receipt-code')).trim();
  if (!/^[0-9a-z -]{20,}$/.test(code)) fail(`code/${lang}: odd receipt code ${JSON.stringify(code)}`);
  await record('submit', () => page.click('a[href="/submit"]'));
  await page.fill('#message', `A report from the browser test (${lang}).`);
  await page.setInputFiles('#files', [
    { name: 'first.txt', mimeType: 'text/plain', buffer: Buffer.from(`first attachment ${lang}\n`) },
    { name: 'second.txt', mimeType: 'text/plain', buffer: Buffer.from(`second attachment ${lang}\n`.repeat(50)) },
  ]);
  await record('sent', () => page.click('form[action="/submit"] button[type="submit"]'));
  if (!page.url().endsWith('/sent')) fail(`sent/${lang}: ended on ${page.url()}`);
  await page.click('form[action="/logout"] button');
  await page.waitForLoadState('load');
  const after = await context.request.get(`${base}/mailbox`, { maxRedirects: 0 });
  if (after.status() === 200) fail(`logout/${lang}: the mailbox is still open`);
  await record('login', () => page.goto(`${base}/login`));
  await page.fill('#code', code);
  await record('mailbox', () => page.click('form[action="/login"] button'));
  if (!page.url().endsWith('/mailbox')) fail(`mailbox/${lang}: ended on ${page.url()}`);
  const rows = await page.$$eval('tbody tr', (trs) => trs.map((r) => [...r.cells].map((c) => c.textContent.trim())));
  if (rows.length !== 1) fail(`mailbox/${lang}: ${rows.length} sent rows`);
  else if (rows[0][2] !== '2') fail(`mailbox/${lang}: the row does not show two files: ${rows[0]}`);
  await record('error', () => page.goto(`${base}/no-such-page`));
  await context.close();
}
await browser.close();

fs.writeFileSync(path.join(outdir, 'weights.json'), JSON.stringify(weights, null, 2) + '\n');
const kib = (b) => (b / 1024).toFixed(1);
let md = '| page | en | fr | ar |\n| --- | --- | --- | --- |\n';
for (const name of PAGES) {
  md += `| ${name} | ${LANGS.map((l) => weights[name]?.[l] ? `${kib(weights[name][l].bytes)} KiB, ${weights[name][l].requests} req.` : '—').join(' | ')} |\n`;
}
fs.writeFileSync(path.join(outdir, 'weights.md'), md);

let index = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Amana drop: the reporter\'s pages in English, French and Arabic</title>\n'
  + '<style>body{font-family:sans-serif;margin:1rem}table{border-collapse:collapse}td,th{padding:.25rem;vertical-align:top;border:1px solid #ccc}img{width:260px;height:auto}</style>\n</head>\n<body>\n'
  + '<h1>The reporter\'s pages, JavaScript off</h1>\n<p>Made by the browser test (tests/browser/walk.mjs). Viewport 800×1000.</p>\n'
  + '<table>\n<thead><tr><th scope="col">page</th>' + LANGS.map((l) => `<th scope="col">${l}</th>`).join('') + '</tr></thead>\n<tbody>\n';
for (const name of PAGES) {
  index += `<tr><th scope="row">${name}</th>` + LANGS.map((l) => `<td><a href="${name}-${l}.png"><img src="${name}-${l}.png" alt="${name} page, ${l}"></a></td>`).join('') + '</tr>\n';
}
index += '</tbody>\n</table>\n</body>\n</html>\n';
fs.writeFileSync(path.join(outdir, 'index.html'), index);

if (failures.length) {
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`walk: ${PAGES.length * LANGS.length} pages checked`);
