/* global browser, chrome, document */
// Extension pages' <title> holds __MSG_key__, which browsers replace only in the manifest and CSS:
// put the message of the browser's language in the tab title (injected by scripts/localize-title.ts).
(function () {
  var api = typeof browser !== 'undefined' ? browser : chrome;
  document.title = document.title.replace(/__MSG_(\w+)__/g, function (match, key) {
    return api.i18n.getMessage(key) || match;
  });
})();
