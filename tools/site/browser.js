// Shared by print.js and test_site.js: Debian's Chromium (/usr/bin/chromium) through playwright-core, headless.
// Playwright never downloads a browser here: executablePath points at the system one.
'use strict';
const path = require('path');
const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));

const EXECUTABLE = process.env.AELAB_CHROMIUM || '/usr/bin/chromium';

async function launch() {
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-default-apps', '--disable-sync', '--no-first-run',
      '--allow-file-access-from-files'],
  });
}

async function waitTypeset(page, timeoutMs = 60000) {
  await page.waitForLoadState('load');
  await page.evaluate(async (ms) => {
    const deadline = Date.now() + ms;
    while (!(window.MathJax && window.MathJax.startup && window.MathJax.startup.promise)) {
      if (!document.querySelector('script[src*="mathjax"]')) return 'no-mathjax';
      if (Date.now() > deadline) throw new Error('MathJax did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    await window.MathJax.startup.promise;
    return 'typeset';
  }, timeoutMs);
}

module.exports = { launch, waitTypeset, EXECUTABLE };
