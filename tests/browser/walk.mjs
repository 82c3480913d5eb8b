// The reporter's whole path in headless Chromium with JavaScript off, in every language:
// home → take a code → submit a report with two attachments → log out → log back in with
// the code → mailbox (nothing yet) → log out → the desk answers → log back in → mailbox
// with the reply and its status. Then the error pages a reporter can meet: not found,
// session ended, malformed code, unknown code, a form from another tab (bad token), a refused
// form (nothing to send; too many files), and "busy" (from a second drop that holds no
// sessions).
// On every page: axe-core (WCAG 2.1 A and AA) in a separate JavaScript-enabled context on
// the same HTML, a screenshot, the HTTP status, and the page's weight (≤ 16 KiB in ≤ 2
// requests, nothing from another origin).
//
// Usage: node walk.mjs BASE_URL BUSY_BASE_URL OUTDIR
// The desk's side is driven over stdin/stdout: when a report is in, the walk prints one line
// `desk {"lang":…,"marker":…,"status":…,"text":…,…}` and waits for the line `answered` on
// its standard input (tests/drop_server/browser.rs exports, opens, replies and imports).
// Writes OUTDIR/<page>-<lang>.png, OUTDIR/index.html, OUTDIR/weights.json and
// OUTDIR/weights.md. Exits non-zero on any failure.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, busyBase, outdir] = process.argv.slice(2);
if (!base || !busyBase || !outdir) {
  console.error('usage: node walk.mjs BASE_URL BUSY_BASE_URL OUTDIR');
  process.exit(2);
}
fs.mkdirSync(outdir, { recursive: true });
const LANGS = ['en', 'fr', 'ar'];
const PAGES = ['home', 'code', 'submit', 'sent', 'login', 'mailbox', 'mailbox-reply',
  'error-not-found', 'error-session', 'error-code-format', 'error-code-unknown',
  'error-forbidden', 'error-empty', 'error-too-many-files', 'error-busy'];
// What each page is, for the side-by-side page.
const ABOUT = {
  home: 'the drop, its desks, safety advice',
  code: 'the receipt code, shown before anything is sent',
  submit: 'the report form',
  sent: 'the confirmation',
  login: 'coming back with the code',
  mailbox: 'the mailbox before the desk answered',
  'mailbox-reply': 'the mailbox with the desk\'s reply and its status',
  'error-not-found': 'no page at this address (404)',
  'error-session': 'the session has ended (401)',
  'error-code-format': 'not a receipt code (400)',
  'error-code-unknown': 'nothing arrived under this code (401)',
  'error-forbidden': 'a login form from an older tab (403)',
  'error-empty': 'a report with nothing to send (400)',
  'error-too-many-files': 'one file more than the drop accepts (400)',
  'error-busy': 'the drop is busy (503)',
};
const LIMIT = 16 * 1024;
const failures = [];
const weights = {};
const fail = (msg) => { console.error(`FAIL ${msg}`); failures.push(msg); };

// The messages of one language's drop.ftl (single-line ones), to check what a page says.
function messages(lang) {
  const file = new URL(`../../src/intake/i18n/${lang}/drop.ftl`, import.meta.url);
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([a-z][a-z0-9-]*) = (.+)$/.exec(line);
    if (m && !m[2].includes('{')) out[m[1]] = m[2].trim();
  }
  return out;
}
const EN = messages('en');

// What the desk answers each language's report with: every status a reply can carry but
// "received" (which the mailbox also shows before any reply).
const REPLIES = {
  en: { status: 'in-review', text: 'Thank you. We have received your report and both documents, and we are looking into them.' },
  fr: {
    status: 'referred', text: 'Merci. Nous avons bien reçu votre signalement et les deux documents.',
    referred_to: 'Pôle financier du parquet', reason: 'Les faits relèvent du droit pénal.',
  },
  ar: { status: 'closed', text: 'شكرًا لك. تلقّينا بلاغك والوثيقتين المرفقتين.', reason: 'عولجت الوقائع المبلَّغ عنها وأُحيلت نتائجها إلى القضاء.' },
};

// The desk's side, answered by the test that runs this walk.
const desk = readline.createInterface({ input: process.stdin });
const input = desk[Symbol.asyncIterator]();
async function deskAnswers(request) {
  console.log(`desk ${JSON.stringify(request)}`);
  const { value, done } = await input.next();
  if (done || value.trim() !== 'answered') throw new Error(`the desk did not answer ${request.lang}: ${value}`);
}

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

  async function record(name, load, status = 200) {
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
    const origin = new URL(url).origin;
    const shown = (await finalDoc.response())?.status();
    if (shown !== status) fail(`${name}/${lang}: HTTP ${shown}, expected ${status}`);
    // Requests made after the shown document started, once per address.
    const after = requests.slice(requests.indexOf(finalDoc) + 1);
    const subs = [...new Map(after.filter((r) => r.resourceType() !== 'document').map((r) => [r.url(), r])).values()];
    let bytes = 0;
    for (const r of [finalDoc, ...subs]) {
      if (new URL(r.url()).origin !== origin) fail(`${name}/${lang}: external resource ${r.url()}`);
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

  const say = messages(lang);
  // The text of the first element matching `selector`, spaces collapsed.
  const textOf = async (selector) => ((await page.textContent(selector)) ?? '').replace(/[ \t\r\n\f]+/g, ' ').trim();
  async function expectText(name, selector, key) {
    const want = say[key];
    if (!want) return fail(`${name}/${lang}: no single-line message ${key}`);
    if (lang !== 'en' && want === EN[key]) fail(`${name}/${lang}: ${key} is not translated`);
    const seen = await textOf(selector);
    if (seen !== want) fail(`${name}/${lang}: ${selector} says ${JSON.stringify(seen)}, expected ${key} ${JSON.stringify(want)}`);
  }
  // An error page: its status, its title and (when it has no arguments) its message.
  async function errorPage(name, load, status, titleKey, messageKey) {
    await record(name, load, status);
    await expectText(name, 'h1', titleKey);
    if (messageKey) await expectText(name, 'p.error', messageKey);
  }
  const logout = async () => {
    await page.click('form[action="/logout"] button');
    await page.waitForLoadState('load');
  };
  const login = (code) => async () => {
    await page.fill('#code', code);
    await page.click('form[action="/login"] button');
  };

  await record('home', () => page.goto(`${base}/?l=${lang}`));
  await record('code', () => page.click('form[action="/code"] button'));
  const code = (await page.textContent('#receipt-code')).trim();
  if (!/^[0-9a-z -]{20,}$/.test(code)) fail(`code/${lang}: odd receipt code ${JSON.stringify(code)}`);
  await record('submit', () => page.click('a[href="/submit"]'));
  const marker = `A report from the browser test (${lang}).`;
  await page.fill('#message', marker);
  await page.setInputFiles('#files', [
    { name: 'first.txt', mimeType: 'text/plain', buffer: Buffer.from(`first attachment ${lang}\n`) },
    { name: 'second.txt', mimeType: 'text/plain', buffer: Buffer.from(`second attachment ${lang}\n`.repeat(50)) },
  ]);
  await record('sent', () => page.click('form[action="/submit"] button[type="submit"]'));
  if (!page.url().endsWith('/sent')) fail(`sent/${lang}: ended on ${page.url()}`);
  await logout();
  const after = await context.request.get(`${base}/mailbox`, { maxRedirects: 0 });
  if (after.status() === 200) fail(`logout/${lang}: the mailbox is still open`);

  // Back with the code before the desk has answered.
  await record('login', () => page.goto(`${base}/login`));
  await record('mailbox', login(code));
  if (!page.url().endsWith('/mailbox')) fail(`mailbox/${lang}: ended on ${page.url()}`);
  const rows = await page.$$eval('tbody tr', (trs) => trs.map((r) => [...r.cells].map((c) => c.textContent.trim())));
  if (rows.length !== 1) fail(`mailbox/${lang}: ${rows.length} sent rows`);
  else if (rows[0][2] !== '2') fail(`mailbox/${lang}: the row does not show two files: ${rows[0]}`);
  await expectText('mailbox', 'p.status', 'mailbox-status-received');
  if (await page.$('article.reply')) fail(`mailbox/${lang}: a reply before the desk answered`);
  await logout();

  // The desk exports, opens, replies with a status; the drop imports the reply.
  const reply = REPLIES[lang];
  await deskAnswers({ lang, marker, ...reply });

  // Back with the code: the reply and the status, in this language.
  await page.goto(`${base}/login`);
  await record('mailbox-reply', login(code));
  if (!page.url().endsWith('/mailbox')) fail(`mailbox-reply/${lang}: ended on ${page.url()}`);
  const statusKey = `status-${reply.status}`;
  await expectText('mailbox-reply', 'p.status', statusKey);
  const replies = await page.$$eval('article.reply', (as) => as.map((a) => a.textContent.replace(/[ \t\r\n\f]+/g, ' ').trim()));
  if (replies.length !== 1) fail(`mailbox-reply/${lang}: ${replies.length} replies shown`);
  const replyText = await textOf('article.reply .reply-text');
  if (replyText !== reply.text) fail(`mailbox-reply/${lang}: reply text ${JSON.stringify(replyText)}`);
  const replyStatus = await textOf('article.reply .reply-status');
  if (replyStatus !== `${say['reply-status']} ${say[statusKey]}`) fail(`mailbox-reply/${lang}: reply status ${JSON.stringify(replyStatus)}`);
  for (const [field, key] of [['reason', 'reply-reason'], ['referred_to', 'reply-referred-to']]) {
    if (reply[field] && !replies.some((r) => r.includes(`${say[key]} ${reply[field]}`))) {
      fail(`mailbox-reply/${lang}: the reply does not show its ${field}: ${replies}`);
    }
  }

  // The error pages a reporter can meet.
  await errorPage('error-not-found', () => page.goto(`${base}/no-such-page`), 404, 'error-not-found-title', 'error-not-found');
  await page.goto(`${base}/mailbox`);
  await logout();
  await errorPage('error-session', () => page.goto(`${base}/mailbox`), 401, 'error-session-title', 'error-session');
  await page.goto(`${base}/login`);
  await errorPage('error-code-format', login('not a receipt code'), 400, 'error-code-title', 'error-code-format');
  // A code that was taken but never used: well formed, and nothing arrived under it.
  await page.goto(`${base}/`);
  await page.click('form[action="/code"] button');
  await page.waitForLoadState('load');
  const unused = (await page.textContent('#receipt-code')).trim();
  await page.goto(`${base}/login`);
  await errorPage('error-code-unknown', login(unused), 401, 'error-code-title', 'error-code-unknown');
  // A refused form: nothing to send, then one file more than the drop accepts.
  await page.goto(`${base}/submit`);
  await errorPage('error-empty', () => page.click('form[action="/submit"] button[type="submit"]'), 400, 'error-empty-title', 'error-empty');
  await page.goto(`${base}/submit`);
  const limit = Number(/\d+/.exec(await textOf('#files ~ small'))?.[0]);
  if (!(limit > 0)) fail(`submit/${lang}: no file limit shown`);
  await page.setInputFiles('#files', Array.from({ length: limit + 1 }, (_, i) => (
    { name: `f${i}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`${i}\n`) })));
  await errorPage('error-too-many-files', () => page.click('form[action="/submit"] button[type="submit"]'), 400, 'error-too-many-files-title');
  if (!(await textOf('p.error')).includes(String(limit))) fail(`error-too-many-files/${lang}: the limit ${limit} is not shown`);
  // The login form of an older tab, after another tab opened the login page (no session).
  await context.clearCookies();
  await page.goto(`${base}/login?l=${lang}`);
  const other = await context.newPage();
  await other.goto(`${base}/login`);
  await other.close();
  await errorPage('error-forbidden', login(code), 403, 'error-forbidden-title', 'error-forbidden');
  // A drop with no room for another session.
  await page.goto(`${busyBase}/?l=${lang}`);
  await errorPage('error-busy', () => page.click('form[action="/code"] button'), 503, 'error-busy-title', 'error-busy');
  await context.close();
}
await browser.close();
// The desk's channel would keep the process alive until the driver closes it.
desk.close();
process.stdin.destroy();

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
  index += `<tr><th scope="row">${name}<br><small>${ABOUT[name]}</small></th>` + LANGS.map((l) => `<td><a href="${name}-${l}.png"><img src="${name}-${l}.png" alt="${name} page, ${l}"></a></td>`).join('') + '</tr>\n';
}
index += '</tbody>\n</table>\n</body>\n</html>\n';
fs.writeFileSync(path.join(outdir, 'index.html'), index);

if (failures.length) {
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`walk: ${PAGES.length * LANGS.length} pages checked`);
