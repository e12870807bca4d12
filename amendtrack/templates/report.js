/* amendtrack reports: page-wide switches and previous/next navigation.
   The page is complete without this script: each switch is also a <details>
   element in place, and each change card links to its neighbours. */
(function () {
  "use strict";

  var doc = document;

  // ------------------------------------------------------------ printing
  // Paper cannot open a <details>: open them all before printing, and close
  // again afterwards the ones the reader had closed.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(doc.querySelectorAll("details"), function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  // ------------------------------------------------------------ finding positions (index)
  // Filters the rows of a position table by words and by the state now; the
  // table is complete without the script (the filter stays hidden).
  function fold(text) {
    return (text || "").toLocaleLowerCase().replace(/\s+/g, " ");
  }
  Array.prototype.forEach.call(doc.querySelectorAll(".position-filter"), function (box) {
    var table = doc.getElementById(box.getAttribute("data-table"));
    var input = box.querySelector("input");
    var state = box.querySelector("select");
    var count = box.querySelector(".filter-count");
    if (!table || !input) {
      return;
    }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var words = rows.map(function (row) { return fold(row.textContent); });
    function apply() {
      var wanted = fold(input.value).trim().split(" ").filter(Boolean);
      var now = state ? state.value : "";
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = wanted.every(function (w) { return words[i].indexOf(w) >= 0; }) &&
          (!now || row.getAttribute("data-now") === now || (now === "changed" && row.hasAttribute("data-changed")));
        row.hidden = !ok;
        shown += ok ? 1 : 0;
      });
      count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", rows.length);
    }
    box.hidden = false;
    input.addEventListener("input", apply);
    if (state) {
      state.addEventListener("change", apply);
    }
    apply();
  });

  var body = doc.body;
  var toolbar = doc.getElementById("toolbar");
  if (!toolbar) {
    return;
  }
  toolbar.hidden = false;

  function all(selector) {
    return Array.prototype.slice.call(doc.querySelectorAll(selector));
  }

  function isPressed(button) {
    return button.getAttribute("aria-pressed") === "true";
  }

  // A toggle button: flips aria-pressed and calls apply(on).
  function toggle(id, apply) {
    var button = doc.getElementById(id);
    if (!button) {
      return;
    }
    button.addEventListener("click", function () {
      var on = !isPressed(button);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      apply(on);
    });
  }

  // ------------------------------------------------------------ switches

  toggle("toggle-sbs", function (on) {
    body.classList.toggle("mode-sbs", on);
    all("details.sbs").forEach(function (details) { details.open = on; });
  });

  toggle("toggle-minor", function (on) {
    all("details.minor, details.minor-section").forEach(function (details) { details.open = on; });
  });

  toggle("toggle-small", function (on) {
    body.classList.toggle("hide-small", on);
    pinned = null;
    renumber();
  });

  // ------------------------------------------------------------ navigation

  var counter = doc.getElementById("change-counter");

  // The navigable change cards that are shown (a filter may hide some).
  function cards() {
    return all("article[data-nav]").filter(function (card) {
      return card.offsetParent !== null;
    });
  }

  function toolbarHeight() {
    return toolbar.getBoundingClientRect().height;
  }

  // Anchored jumps (the list of changes, the cards' own links) land below the
  // sticky toolbar, whatever its height at this width.
  function fitScrollPadding() {
    doc.documentElement.style.scrollPaddingTop = (toolbarHeight() + 8) + "px";
  }

  // The card the reader is on: the last one whose top has reached the toolbar.
  function currentIndex(list) {
    var edge = toolbarHeight() + 12;
    var index = -1;
    list.forEach(function (card, i) {
      if (card.getBoundingClientRect().top <= edge) {
        index = i;
      }
    });
    return index;
  }

  // The card the last "Previous"/"Next" went to, while the page stays where
  // that jump left it: near the end of the page the last cards cannot scroll
  // up to the toolbar, and the count must still say where the reader went.
  var pinned = null;

  function readerIndex(list) {
    if (pinned && Math.abs(window.pageYOffset - pinned.y) < 2 && list[pinned.index] === pinned.card) {
      return pinned.index;
    }
    pinned = null;
    return currentIndex(list);
  }

  function showCount(list) {
    if (!counter) {
      return;
    }
    var index = readerIndex(list);
    // The words come from the page (data-template), in the page's language.
    counter.textContent = counter.getAttribute("data-template")
      .replace("{i}", index < 0 ? "–" : String(index + 1)).replace("{n}", list.length);
  }

  function go(step) {
    var list = cards();
    if (!list.length) {
      return;
    }
    var index = readerIndex(list);
    var target;
    if (step > 0) {
      target = Math.min(index + 1, list.length - 1);
    } else {
      // "Previous" from the middle of a card goes back to its start first.
      var atTop = pinned !== null ||
        (index >= 0 && Math.abs(list[index].getBoundingClientRect().top - toolbarHeight()) < 16);
      target = Math.max(atTop ? index - 1 : index, 0);
    }
    var card = list[target];
    var top = card.getBoundingClientRect().top + window.pageYOffset - toolbarHeight() - 8;
    window.scrollTo(0, Math.max(top, 0));
    var heading = card.querySelector(".card-title");
    if (heading) {
      heading.focus({ preventScroll: true });
    }
    pinned = { index: target, card: card, y: window.pageYOffset };
    showCount(list);
  }

  // Number the shown cards "i of N" and link each to its shown neighbours.
  function renumber() {
    var list = cards();
    list.forEach(function (card, i) {
      var count = card.querySelector(".card-count");
      if (count) {
        count.textContent = count.getAttribute("data-template")
          .replace("{i}", String(i + 1)).replace("{n}", list.length);
      }
      var previous = card.querySelector(".card-prev");
      var next = card.querySelector(".card-next");
      if (previous) {
        previous.hidden = i === 0;
        if (i > 0) { previous.setAttribute("href", "#" + list[i - 1].id); }
      }
      if (next) {
        next.hidden = i === list.length - 1;
        if (i < list.length - 1) { next.setAttribute("href", "#" + list[i + 1].id); }
      }
    });
    showCount(list);
  }

  var previousButton = doc.getElementById("prev-change");
  var nextButton = doc.getElementById("next-change");
  if (previousButton) {
    previousButton.addEventListener("click", function () { go(-1); });
  }
  if (nextButton) {
    nextButton.addEventListener("click", function () { go(1); });
  }

  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      showCount(cards());
    });
  }, { passive: true });
  window.addEventListener("resize", fitScrollPadding);

  fitScrollPadding();
  showCount(cards());
}());
