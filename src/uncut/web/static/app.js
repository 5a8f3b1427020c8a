// uncut page: small enhancements. The page works without this script.
// Loaded from /static (the Content-Security-Policy allows no inline script).
"use strict";

(function () {
  const form = document.getElementById("check-form");
  const sources = document.getElementById("sources");
  const add = document.getElementById("add-source");

  // Number each source block's labels and ids 1, 2, 3, ...
  function renumber() {
    const blocks = sources.querySelectorAll("[data-source]");
    blocks.forEach(function (block, i) {
      const n = i + 1;
      const name = block.querySelector("input[name=source_name]");
      const text = block.querySelector("textarea[name=source_text]");
      const labels = block.querySelectorAll("label");
      name.id = "source-name-" + n;
      text.id = "source-text-" + n;
      labels[0].htmlFor = name.id;
      labels[0].textContent = "Name of source " + n;
      labels[1].htmlFor = text.id;
      labels[1].textContent = "Text of source " + n;
      const remove = block.querySelector("[data-remove]");
      remove.textContent = "Remove source " + n;
      remove.hidden = blocks.length < 2;
    });
  }

  if (sources && add) {
    add.hidden = false;
    add.addEventListener("click", function () {
      const blocks = sources.querySelectorAll("[data-source]");
      const last = blocks[blocks.length - 1];
      const copy = last.cloneNode(true);
      copy.querySelector("textarea").value = "";
      copy.querySelector("input[name=source_name]").value = "source-" + (blocks.length + 1) + ".txt";
      last.after(copy);
      renumber();
      copy.querySelector("textarea").focus();
    });
    sources.addEventListener("click", function (event) {
      const button = event.target.closest("[data-remove]");
      if (!button) return;
      const block = button.closest("[data-source]");
      const previous = block.previousElementSibling;
      block.remove();
      renumber();
      const target = previous && previous.matches("[data-source]") ? previous : sources.querySelector("[data-source]");
      target.querySelector("textarea").focus();
    });
    renumber();
  }

  if (form) {
    const status = document.getElementById("status");
    const submit = document.getElementById("submit");
    form.addEventListener("submit", function (event) {
      const limit = Number(form.dataset.maxBytes || 0);
      let total = 0;
      form.querySelectorAll("input[type=file]").forEach(function (input) {
        Array.from(input.files || []).forEach(function (f) { total += f.size; });
      });
      form.querySelectorAll("textarea").forEach(function (t) { total += t.value.length; });
      if (limit && total > limit) {
        event.preventDefault();
        status.textContent = "That is more than the upload limit of " +
          Math.round(limit / 1048576) + " MB. Remove a file or some text.";
        return;
      }
      status.textContent = "Checking…";
      submit.disabled = true;
    });
    // Back/forward cache: a restored page must not keep a disabled button.
    window.addEventListener("pageshow", function () { submit.disabled = false; status.textContent = ""; });
  }

  // The report frame grows to its content, so the page scrolls as one.
  const frame = document.getElementById("report-frame");
  if (frame) {
    const fit = function () {
      try {
        const doc = frame.contentDocument;
        if (doc && doc.documentElement) {
          // The html element's own box, not scrollHeight: scrollHeight is at least the
          // frame's height, so it could only ever grow.
          const height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
          if (height > 0) frame.style.height = (height + 2) + "px";
        }
      } catch (e) { /* another origin: keep the fixed height */ }
    };
    frame.addEventListener("load", fit);
    window.addEventListener("resize", fit);
    fit();
  }

  // After a check or an error, start keyboard and screen-reader users there.
  const landing = document.getElementById("error") || document.getElementById("results");
  if (landing) landing.focus({ preventScroll: false });
})();
