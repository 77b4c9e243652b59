// Browser test of the course site: headless Debian Chromium (playwright-core, never a downloaded browser) loads the
// start page, the search page and every handout over HTTP from a local static server (127.0.0.1, a free port), and
// the start page and one handout from disk (file://). A page fails on: a console error, an uncaught exception, a
// failed request or an HTTP status >= 400, a request that leaves the site folder (another host, file:///usr/...),
// TeX that MathJax left unrendered ($...$, \(...\), \[...\], \frac... in the text), a MathJax error, an error or
// stderr output of a cell, a missing sidebar entry or previous/next link, or a search that finds nothing. The start
// page must carry the Binder launch link that tools/binder_link.py prints for this checkout (one link, to
// mybinder.org/v2/gh/OWNER/REPO/HEAD with urlpath=tree/notebooks, the classic Notebook's file view), or none when
// it prints none.
//   node tools/site/test_site.js SITE_DIR [EXPECTED_NOTEBOOKS]
// Ends with "site: N passed, M failed"; exit status 1 when a page failed.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { pathToFileURL } = require('url');
const { launch, waitTypeset } = require('./browser');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ipynb': 'application/json', '.pdf': 'application/pdf', '.json': 'application/json',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.txt': 'text/plain', '.inv': 'application/octet-stream' };

function serve(root) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404); res.end('not found'); return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Runs in the page: problems found in the rendered DOM.
function inspectPage() {
  const problems = [];
  const skip = new Set(['PRE', 'CODE', 'SCRIPT', 'STYLE', 'TEXTAREA', 'MJX-CONTAINER', 'MJX-ASSISTIVE-MML']);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let e = node.parentElement; e; e = e.parentElement) {
        if (skip.has(e.tagName) || e.classList.contains('highlight')) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const raw = [/\$[^$\s][^$]*\$/, /\\\(/, /\\\[/, /\\(frac|mathbf|mathcal|mathbb|beta|sigma|mu|sum|log|left|right)\b/];
  let text;
  while ((text = walker.nextNode())) {
    const t = text.textContent;
    for (const re of raw) {
      if (re.test(t)) { problems.push('unrendered TeX: "' + t.trim().slice(0, 80) + '"'); break; }
    }
  }
  for (const e of document.querySelectorAll('mjx-merror, [data-mjx-error]')) {
    problems.push('MathJax error: ' + (e.getAttribute('data-mjx-error') || e.textContent).slice(0, 80));
  }
  for (const e of document.querySelectorAll('.stderr, .output_error, .output_stderr')) {
    problems.push('error/stderr output: "' + e.textContent.trim().slice(0, 120) + '"');
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.complete || img.naturalWidth === 0) problems.push('image not loaded: ' + img.getAttribute('src'));
  }
  return { problems, formulas: document.querySelectorAll('mjx-container').length,
    sidebar: [...document.querySelectorAll('.sidebar-tree a.reference')].map((a) => a.getAttribute('href')),
    binder: [...document.querySelectorAll('a.aelab-binder')].map((a) => a.getAttribute('href')),
    prev: !!document.querySelector('a.prev-page'), next: !!document.querySelector('a.next-page'),
    title: document.title };
}

// The link tools/binder_link.py gives for this checkout (with this environment), or null when it gives none.
function expectedBinderLink() {
  try {
    return execFileSync('/usr/bin/python3', [path.join(__dirname, '..', 'binder_link.py')],
      { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (e) {
    return null;
  }
}

function binderProblems(links, expected) {
  if (expected === null) return links.length ? ['a Binder link although binder_link.py gives none: ' + links] : [];
  if (links.length !== 1 || links[0] !== expected) return ['Binder links ' + JSON.stringify(links) + ', expected ' + expected];
  const u = new URL(links[0]);
  if (u.origin !== 'https://mybinder.org' || !/^\/v2\/gh\/[\w.-]+\/[\w.-]+\/HEAD$/.test(u.pathname) ||
      u.searchParams.get('urlpath') !== 'tree/notebooks') {
    return ['the Binder link does not open /tree/notebooks of a GitHub repository: ' + links[0]];
  }
  return [];
}

async function check(context, url, origin, expect) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('uncaught exception: ' + e.message));
  page.on('requestfailed', (r) => problems.push('failed request: ' + r.url() + ' (' + (r.failure() || {}).errorText + ')'));
  page.on('response', (r) => { if (r.status() >= 400) problems.push('HTTP ' + r.status() + ': ' + r.url()); });
  page.on('request', (r) => {
    const u = r.url();
    if (!(u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:'))) {
      problems.push('request outside the site folder: ' + u);
    }
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    await waitTypeset(page);
    if (expect.search) {
      await page.waitForFunction(() => document.querySelectorAll('#search-results ul.search li').length > 0,
        null, { timeout: 30000 }).catch(() => problems.push('search for "' + expect.search + '" found nothing'));
    }
    await page.waitForTimeout(200); // late console errors
    const r = await page.evaluate(inspectPage);
    problems.push(...r.problems);
    if (expect.formulas && r.formulas === 0) problems.push('no rendered formula on the page');
    if (expect.sidebar !== undefined && r.sidebar.length !== expect.sidebar) {
      problems.push('sidebar lists ' + r.sidebar.length + ' notebooks, expected ' + expect.sidebar);
    }
    if (expect.binder !== undefined) problems.push(...binderProblems(r.binder, expect.binder));
    if (expect.prev && !r.prev) problems.push('no link to the previous page');
    if (expect.next && !r.next) problems.push('no link to the next page');
  } catch (e) {
    problems.push('could not load: ' + e.message.split('\n')[0]);
  }
  await page.close();
  return problems;
}

async function main(args) {
  const root = path.resolve(args[0] || '');
  if (!args[0] || !fs.existsSync(path.join(root, 'index.html'))) {
    console.error('usage: node test_site.js SITE_DIR (with SITE_DIR/index.html) [EXPECTED_NOTEBOOKS]');
    return 2;
  }
  const handouts = fs.readdirSync(root).filter((f) => f.endsWith('.html') &&
    !['index.html', 'search.html', 'genindex.html'].includes(f)).sort();
  const expected = args[1] ? Number(args[1]) : handouts.length;
  const server = await serve(root);
  const origin = 'http://127.0.0.1:' + server.address().port + '/';
  const browser = await launch();
  const context = await browser.newContext();
  const binder = expectedBinderLink();
  console.log('Binder link expected on the start page: ' + (binder || 'none (binder_link.py gives none)'));
  const cases = [['index.html', origin + 'index.html', origin, { formulas: true, sidebar: expected, next: true, binder }],
    ['search.html?q=ELBO', origin + 'search.html?q=ELBO', origin, { search: 'ELBO' }]];
  handouts.forEach((h, i) => cases.push([h, origin + h, origin,
    { sidebar: expected, prev: true, next: i < handouts.length - 1 }]));
  const fileOrigin = pathToFileURL(root).href + '/';
  cases.push(['file: index.html', fileOrigin + 'index.html', fileOrigin, { formulas: true, sidebar: expected, binder }]);
  if (handouts.length) {
    const last = handouts[handouts.length - 1];
    cases.push(['file: ' + last, fileOrigin + last, fileOrigin, { sidebar: expected, prev: true }]);
  }
  let passed = 0;
  let failed = 0;
  if (handouts.length !== expected) {
    console.log('FAIL site: ' + handouts.length + ' handout pages, expected ' + expected);
    failed++;
  }
  for (const [name, url, o, expect] of cases) {
    const problems = await check(context, url, o, expect);
    if (problems.length) {
      failed++;
      console.log('FAIL ' + name);
      for (const p of [...new Set(problems)].slice(0, 12)) console.log('    ' + p);
    } else {
      passed++;
      console.log('ok   ' + name);
    }
  }
  await browser.close();
  server.close();
  console.log('site: ' + passed + ' passed, ' + failed + ' failed');
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((rc) => process.exit(rc), (e) => { console.error('aelab: ' + e.stack); process.exit(1); });
