// Live readability in the page editor: gathers the text of the tab the panel is on and asks the admin-only
// endpoint (core.readability_admin) for its figures, a moment after the editor stops typing.
(function () {
  "use strict";

  function textOf(container, panel) {
    var parts = [];
    container.querySelectorAll('textarea, [contenteditable="true"]').forEach(function (element) {
      if (panel.contains(element)) return;
      if (element.tagName === "TEXTAREA") {
        if (element.closest("[hidden]")) return;
        parts.push(element.value);
      } else {
        parts.push(element.innerText);
      }
    });
    return parts.join("\n");
  }

  function setList(list, items, render) {
    list.replaceChildren();
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "kp-readability__none";
      none.textContent = list.dataset.noneText || "–";
      list.appendChild(none);
      return;
    }
    items.forEach(function (item) {
      var li = document.createElement("li");
      render(li, item);
      list.appendChild(li);
    });
  }

  function mark(text) {
    var element = document.createElement("mark");
    element.textContent = text;
    return element;
  }

  function show(panel, data) {
    panel.querySelectorAll("[data-readability-field]").forEach(function (element) {
      var value = data[element.dataset.readabilityField];
      element.textContent = value === null || value === undefined ? "–" : String(value);
    });
    var sentences = panel.querySelector('[data-readability-list="long_sentences"]');
    setList(sentences, data.long_sentences, function (li, sentence) {
      sentence.parts.forEach(function (part) {
        li.appendChild(part.long ? mark(part.text) : document.createTextNode(part.text));
      });
      var count = document.createElement("span");
      count.className = "kp-readability__count";
      count.textContent = " (" + sentence.words + ")";
      li.appendChild(count);
    });
    var words = panel.querySelector('[data-readability-list="long_words"]');
    setList(words, data.long_words, function (li, word) {
      li.appendChild(mark(word.text));
    });
  }

  function setUp(panel) {
    var container = panel.closest('[role="tabpanel"]') || panel.closest("form") || document;
    var form = panel.closest("form");
    var token = form && form.querySelector('input[name="csrfmiddlewaretoken"]');
    var none = panel.querySelector(".kp-readability__none");
    panel.querySelectorAll("[data-readability-list]").forEach(function (list) {
      if (none) list.dataset.noneText = none.textContent;
    });
    var timer = null;
    var last = null;

    function update() {
      var text = textOf(container, panel);
      if (text === last) return;
      last = text;
      var body = new FormData();
      body.append("text", text);
      fetch(panel.dataset.readabilityUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: token ? { "X-CSRFToken": token.value } : {},
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (data) show(panel, data);
        })
        .catch(function () {});
    }

    container.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 700);
    });
  }

  function start() {
    document.querySelectorAll("[data-readability]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
