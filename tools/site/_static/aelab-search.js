// Search result summaries: Sphinx cuts 240 characters out of a page's text, which would show formulas as raw TeX
// (and often cut in half). Before the search runs, this replaces each formula's TeX in that text by a plain-text
// reading of it (Greek letters as symbols, commands and braces dropped); the same for the result titles.
(function () {
  'use strict';
  var GREEK = { alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', theta: 'θ', lambda: 'λ',
    mu: 'μ', nu: 'ν', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', psi: 'ψ', omega: 'ω', Sigma: 'Σ',
    Lambda: 'Λ', Phi: 'Φ', Omega: 'Ω', nabla: '∇', partial: '∂', sum: 'Σ', prod: 'Π', int: '∫', infty: '∞',
    le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', approx: '≈', sim: '~', to: '→', mid: '|', cdot: '·', times: '×',
    odot: '⊙', in: '∈', log: 'log', exp: 'exp', top: 'ᵀ' };
  function plain(tex) {
    return tex.replace(/^\\[([]|\\[)\]]$/g, '')
      .replace(/\\([A-Za-z]+)/g, function (m, name) { return GREEK[name] !== undefined ? GREEK[name] + ' ' : ''; })
      .replace(/\\./g, ' ').replace(/[{}$&]/g, '').replace(/\s+/g, ' ').trim();
  }
  function patch() {
    if (typeof Search === 'undefined' || !Search.htmlToText) return;
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString) {
      var doc = new DOMParser().parseFromString(htmlString, 'text/html');
      doc.querySelectorAll('.math').forEach(function (el) { el.textContent = plain(el.textContent); });
      return original(doc.documentElement.outerHTML);
    };
    // result titles come from the search index, where a title's formula is TeX too; searchindex.js is a deferred
    // script, so it may have run already (before DOMContentLoaded) or run later
    if (Search._index && Array.isArray(Search._index.titles)) Search._index.titles = Search._index.titles.map(plain);
    var setIndex = Search.setIndex;
    Search.setIndex = function (index) {
      if (index && Array.isArray(index.titles)) index.titles = index.titles.map(plain);
      return setIndex(index);
    };
  }
  // search.html loads searchtools.js after this file; Search.init runs on DOMContentLoaded, after this listener.
  document.addEventListener('DOMContentLoaded', patch);
})();
