// Postwright preview updater. Runs in QtWebEngine's ApplicationWorld: page content has no
// JavaScript at all (MainWorld is disabled) and cannot see this world's variables, the
// QWebChannel transport, or the `postwrightPreview` object below.
//
// The page keeps one <div class="pw-block" data-key data-line data-line-end> per rendered
// top-level block, as direct children of #pw-content. Python calls
// `postwrightPreview.apply(update)` with {revision, order: [[key, start, end], ...],
// html: {key: html}} where `html` holds only the blocks the page does not have yet.
(function () {
  "use strict";

  const container = document.getElementById("pw-content");
  const USER_INPUT_WINDOW_MS = 1000;
  const XLINK = "http://www.w3.org/1999/xlink";
  let lastRevision = -Infinity;
  let bridge = null;
  let unsent = new Map(); // reports made before the channel was up: the latest of each kind
  let expectedScrollY = null;
  let lastUserInput = -Infinity;
  let pointerDown = false;

  // ---- keyed patching -------------------------------------------------------------------

  // What the page shows, in order: {key, start, end, block} for each child of the container.
  // Only this script changes the container, so the list stays true; reading it instead of
  // the blocks' attributes keeps an update of a long post from touching every block.
  let shown = null;

  function shownBlocks() {
    if (shown === null) {
      shown = Array.from(container.children).map(function (block) {
        return {
          key: block.dataset.key,
          start: Number(block.dataset.line),
          end: Number(block.dataset.lineEnd),
          block: block,
        };
      });
    }
    return shown;
  }

  function makeBlock(key, html) {
    const template = document.createElement("template");
    template.innerHTML = html; // parsed inert: nothing loads or runs inside a <template>
    template.content
      .querySelectorAll("meta, base, link, script")
      .forEach(function (node) { node.remove(); });
    const block = document.createElement("div");
    block.className = "pw-block";
    block.dataset.key = key;
    block.appendChild(template.content);
    return { key: key, start: NaN, end: NaN, block: block };
  }

  // What the page shows by key, in document order (a key can appear more than once).
  function poolByKey() {
    const pool = new Map();
    shownBlocks().forEach(function (item) {
      const list = pool.get(item.key);
      if (list) list.push(item);
      else pool.set(item.key, [item]);
    });
    return pool;
  }

  function missingKeys(order, pool, html) {
    const missing = new Set();
    order.forEach(function (entry) {
      const key = entry[0];
      if (!pool.has(key) && !Object.prototype.hasOwnProperty.call(html, key)) missing.add(key);
    });
    return Array.from(missing);
  }

  function setLines(item, start, end) {
    if (item.start !== start) {
      item.start = start;
      item.block.dataset.line = String(start);
    }
    if (item.end !== end) {
      item.end = end;
      item.block.dataset.lineEnd = String(end);
    }
  }

  // A block for `key`: an unused one from the page, else a new one from `html`, else a copy
  // of one the page already shows (a key that occurs more often than before).
  function obtainBlock(key, html, pool, originals) {
    const reusable = pool.get(key);
    if (reusable && reusable.length) return reusable.shift();
    if (Object.prototype.hasOwnProperty.call(html, key)) return makeBlock(key, html[key]);
    const original = originals.get(key);
    return { key: key, start: NaN, end: NaN, block: original.block.cloneNode(true) };
  }

  function patch(order, html, pool) {
    const originals = new Map();
    pool.forEach(function (items, key) { originals.set(key, items[0]); });
    const previous = shownBlocks();
    const next = order.map(function (entry) {
      const item = obtainBlock(entry[0], html, pool, originals);
      setLines(item, entry[1], entry[2]);
      return item;
    });
    pool.forEach(function (items) { // what is left over is no longer shown
      items.forEach(function (item) { item.block.remove(); });
    });
    // The blocks before and after the change stay where they are; only those between move.
    let head = 0;
    while (head < next.length && head < previous.length && next[head] === previous[head]) {
      head++;
    }
    let tail = 0;
    while (
      tail < next.length - head &&
      tail < previous.length - head &&
      next[next.length - 1 - tail] === previous[previous.length - 1 - tail]
    ) {
      tail++;
    }
    const before = tail ? next[next.length - tail].block : null;
    for (let index = head; index < next.length - tail; index++) {
      container.insertBefore(next[index].block, before);
    }
    shown = next;
  }

  function apply(update) {
    if (update.revision < lastRevision) {
      return JSON.stringify({ stale: true, revision: lastRevision });
    }
    const pool = poolByKey();
    const missing = missingKeys(update.order, pool, update.html);
    if (missing.length) return JSON.stringify({ missing: missing, revision: update.revision });
    const anchor = captureAnchor();
    patch(update.order, update.html, pool);
    // A long post lays out only what is on screen, so one changed block does not cost a
    // layout of the whole page (the spacing between blocks may differ slightly there).
    container.classList.toggle("pw-long", update.order.length > LONG_POST_BLOCKS);
    lastRevision = update.revision;
    restoreAnchor(anchor);
    return JSON.stringify({ revision: update.revision });
  }

  // ---- scroll anchoring across patches --------------------------------------------------

  const LONG_POST_BLOCKS = 400;

  // The blocks on screen and where they are, found by halving (blocks are stacked in order).
  function captureAnchor() {
    const viewport = window.innerHeight;
    const anchor = [];
    if (window.scrollY <= 0) return anchor; // at the very top, stay there (a header may arrive)
    const blocks = shownBlocks();
    const first = lastAtOrBefore(blocks, 0, function (item) {
      return item.block.getBoundingClientRect().bottom;
    }) + 1;
    for (let index = first; index < blocks.length; index++) {
      const block = blocks[index].block;
      const rect = block.getBoundingClientRect();
      if (rect.bottom <= 0) continue;
      if (rect.top >= viewport) break;
      anchor.push({ block: block, top: rect.top });
    }
    return anchor;
  }

  function restoreAnchor(anchor) {
    for (const item of anchor) {
      if (!item.block.isConnected) continue;
      const shift = item.block.getBoundingClientRect().top - item.top;
      if (Math.abs(shift) >= 0.5) programmaticScroll(window.scrollY + shift);
      return;
    }
  }

  // ---- lines <-> vertical positions -----------------------------------------------------

  function geometry(item) {
    const rect = item.block.getBoundingClientRect();
    return {
      top: rect.top + window.scrollY,
      bottom: rect.bottom + window.scrollY,
      start: item.start,
      end: item.end,
    };
  }

  // Index of the last block whose value (by `measure`) is <= target, or -1.
  function lastAtOrBefore(blocks, target, measure) {
    let low = 0;
    let high = blocks.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (measure(blocks[middle]) <= target) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  function between(value, from, to, outFrom, outTo) {
    if (to <= from) return outFrom;
    return outFrom + ((value - from) / (to - from)) * (outTo - outFrom);
  }

  function yForLine(line) {
    const blocks = shownBlocks();
    if (!blocks.length) return 0;
    const index = lastAtOrBefore(blocks, line, function (item) { return item.start; });
    if (index < 0) {
      const first = geometry(blocks[0]);
      return between(line, 0, first.start, 0, first.top);
    }
    const here = geometry(blocks[index]);
    if (index === 0 && line <= here.start) return 0; // the top of the text: the top of the page
    if (line < here.end) return between(line, here.start, here.end, here.top, here.bottom);
    if (index + 1 >= blocks.length) return here.bottom;
    const next = geometry(blocks[index + 1]);
    return between(line, here.end, next.start, here.bottom, next.top);
  }

  function lineAtY(y) {
    const blocks = shownBlocks();
    if (!blocks.length) return 0;
    const index = lastAtOrBefore(blocks, y, function (item) { return geometry(item).top; });
    if (index < 0) {
      const first = geometry(blocks[0]);
      return between(y, 0, first.top, 0, first.start);
    }
    const here = geometry(blocks[index]);
    if (y < here.bottom) return between(y, here.top, here.bottom, here.start, here.end);
    if (index + 1 >= blocks.length) return here.end;
    const next = geometry(blocks[index + 1]);
    return between(y, here.bottom, next.top, here.end, next.start);
  }

  function topLine() {
    return lineAtY(window.scrollY);
  }

  // ---- scrolling: ours versus the user's ------------------------------------------------

  function programmaticScroll(y) {
    window.scrollTo(0, Math.max(0, y));
    expectedScrollY = window.scrollY;
  }

  function scrollToLine(line) {
    programmaticScroll(yForLine(line));
  }

  function markUserInput() {
    lastUserInput = performance.now();
  }

  function onScroll() {
    const y = window.scrollY;
    if (expectedScrollY !== null) {
      const ours = Math.abs(y - expectedScrollY) < 1.5;
      expectedScrollY = null;
      if (ours) return;
    }
    const byUser = pointerDown || performance.now() - lastUserInput < USER_INPUT_WINDOW_MS;
    if (byUser) report("report_scroll", topLine());
  }

  // ---- clicks ---------------------------------------------------------------------------

  function elementOf(node) {
    return node instanceof Element ? node : node.parentElement;
  }

  function blockOf(element) {
    while (element && element.parentElement !== container) element = element.parentElement;
    return element;
  }

  function onClick(event) {
    if (!(event.target instanceof Node)) return;
    const target = elementOf(event.target);
    const link = target && target.closest("a, area");
    if (link) {
      onLinkClick(event, link);
      return;
    }
    if (event.button !== 0) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const block = blockOf(target);
    if (block) report("report_click", Number(block.dataset.line));
  }

  // Links never navigate the page: Python is told, and the main window decides. Only a
  // jump to an anchor in this page happens here. (Some navigations, such as to an invalid
  // URL or about:blank, would replace the page without asking Qt first.)
  function onLinkClick(event, link) {
    const raw = link.hasAttribute("href")
      ? link.getAttribute("href")
      : link.getAttributeNS(XLINK, "href");
    if (raw === null) return;
    let url = null;
    try {
      url = new URL(raw, document.baseURI);
    } catch (error) {
      url = null;
    }
    if (url && url.hash && withoutHash(url.href) === withoutHash(document.URL)) return;
    event.preventDefault();
    if (url && raw.trim() !== "") report("report_link", url.href);
  }

  function withoutHash(href) {
    const index = href.indexOf("#");
    return index < 0 ? href : href.slice(0, index);
  }

  // ---- reports to Python ----------------------------------------------------------------

  function report(method, value) {
    if (bridge) bridge[method](value);
    else unsent.set(method, value);
  }

  function connectBridge(channel) {
    bridge = channel.objects.preview;
    unsent.forEach(function (value, method) { bridge[method](value); });
    unsent = new Map();
  }

  // ---- theme ----------------------------------------------------------------------------

  function setTheme(theme, stylesheet) {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme; // scroll bars and form controls
    const scheme = document.querySelector('meta[name="color-scheme"]');
    if (scheme) scheme.content = theme;
    const link = document.getElementById("pw-theme");
    if (link && link.getAttribute("href") !== stylesheet) link.setAttribute("href", stylesheet);
  }

  // ---- wiring ---------------------------------------------------------------------------

  ["wheel", "keydown", "touchstart"].forEach(function (name) {
    window.addEventListener(name, markUserInput, { capture: true, passive: true });
  });
  window.addEventListener("mousedown", function () {
    pointerDown = true;
    markUserInput();
  }, { capture: true, passive: true });
  window.addEventListener("mouseup", function () {
    pointerDown = false;
    markUserInput();
  }, { capture: true, passive: true });
  window.addEventListener("blur", function () { pointerDown = false; });
  window.addEventListener("scroll", onScroll, { passive: true });
  document.addEventListener("click", onClick, { capture: true });
  document.addEventListener("submit", function (event) {
    event.preventDefault(); // forms are also refused by the policy and the navigation guard
  }, { capture: true });

  if (typeof QWebChannel === "function" && typeof qt === "object" && qt.webChannelTransport) {
    new QWebChannel(qt.webChannelTransport, connectBridge);
  }

  window.postwrightPreview = Object.freeze({
    apply: apply,
    scrollToLine: scrollToLine,
    topLine: topLine,
    setTheme: setTheme,
  });
})();
