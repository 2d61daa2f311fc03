// The German layer over Streamlit's own controls (ui/german.py puts this into every page; the texts come from
// monitor/texts/controls.py). It marks the document as German and puts German in place of the English that
// Streamlit writes itself: attributes for screen readers and tooltips anywhere, texts only inside Streamlit's
// own controls (never in the app's content). It watches the page, since Streamlit draws it again and again.
(() => {
  document.documentElement.lang = "de";
  if (window.integrationsmonitorGerman) return; // once per browser tab
  window.integrationsmonitorGerman = true;

  const T = __TEXTS__;
  const ATTRIBUTES = T.attributeNames;
  const attributes = new Map(Object.entries(T.attributes));
  const attributePatterns = T.attributePatterns.map(([re, german]) => [new RegExp(re), german]);
  const texts = new Map(Object.entries(T.texts));
  const textPatterns = T.textPatterns.map(([re, german]) => [new RegExp(re), german]);
  const SCOPES = T.textScopes.join(",");
  const NOT_SCOPES = T.notTextScopes.join(",");
  const SELECTOR = ATTRIBUTES.map((name) => `[${name}]`).join(",");

  const german = (value, exact, patterns) => {
    if (exact.has(value)) return exact.get(value);
    for (const [re, replacement] of patterns) {
      if (re.test(value)) return value.replace(re, replacement);
    }
    return null;
  };

  const fixAttributes = (element) => {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (!value) continue;
      const translated = german(value, attributes, attributePatterns);
      if (translated === null || translated === value) continue;
      if (translated === "") {
        element.removeAttribute(name);
        if (name === "aria-label") element.setAttribute("aria-hidden", "true");
      } else {
        element.setAttribute(name, translated);
      }
    }
  };

  const fixText = (node) => {
    const parent = node.parentElement;
    if (!parent || !parent.closest(SCOPES) || parent.closest(NOT_SCOPES)) return;
    const value = node.nodeValue;
    const trimmed = value.trim();
    if (!trimmed) return;
    const translated = german(trimmed, texts, textPatterns);
    if (translated !== null && translated !== trimmed) node.nodeValue = value.replace(trimmed, translated);
  };

  const fix = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      fixText(node);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    fixAttributes(node);
    node.querySelectorAll(SELECTOR).forEach(fixAttributes);
    if (node.closest(SCOPES) || node.querySelector(SCOPES)) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) fixText(walker.currentNode);
    }
  };

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") fixAttributes(record.target);
      else if (record.type === "characterData") fixText(record.target);
      else record.addedNodes.forEach(fix);
    }
  }).observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
  fix(document.body);
})();
