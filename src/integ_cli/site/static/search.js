// The search box of the search page: filters the prebuilt index (static/search-index.js)
// as the reader types. Without this script the page's filter lists work as they are.
(function () {
  "use strict";
  var index = window.INTEG_INDEX;
  var form = document.querySelector("form.search");
  if (!index || !form) { return; }
  var input = document.getElementById("suchbegriff");
  var status = document.getElementById("treffer");
  var list = document.getElementById("ergebnisse");
  var found = document.getElementById("vorlagen").getAttribute("data-found");
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = index.filter(function (entry) {
      return words.every(function (word) { return entry.s.indexOf(word) !== -1; });
    });
    hits.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.u;
      link.textContent = entry.t;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = entry.m;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(meta);
      list.appendChild(item);
    });
    status.textContent = found.replace("{n}", String(hits.length));
  });
}());
