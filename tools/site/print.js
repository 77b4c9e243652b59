// Prints pages of the course site to PDF with headless Chromium (print-to-PDF: no TeX), after MathJax has typeset.
//   node tools/site/print.js PAGE.html OUT.pdf [PAGE.html OUT.pdf ...]
'use strict';
const path = require('path');
const { pathToFileURL } = require('url');
const { launch, waitTypeset } = require('./browser');

async function main(args) {
  if (args.length === 0 || args.length % 2 !== 0) {
    console.error('usage: node print.js PAGE.html OUT.pdf [PAGE.html OUT.pdf ...]');
    return 2;
  }
  const browser = await launch();
  try {
    const context = await browser.newContext();
    for (let i = 0; i < args.length; i += 2) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.resolve(args[i])).href, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      await waitTypeset(page);
      await page.pdf({ path: args[i + 1], format: 'A4', printBackground: true, outline: true,
        margin: { top: '15mm', bottom: '15mm', left: '14mm', right: '14mm' }, displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#555">' +
          '<span class="pageNumber"></span>/<span class="totalPages"></span></div>' });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return 0;
}

main(process.argv.slice(2)).then((rc) => process.exit(rc), (e) => { console.error('aelab: ' + e.message); process.exit(1); });
