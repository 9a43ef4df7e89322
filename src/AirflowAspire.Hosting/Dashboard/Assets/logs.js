// Console logs of one resource: the kept lines, then new ones live. The filter hides lines without the text.
"use strict";

(() => {
  const { el, getJson, formatTimeWithMillis, openStream, resourceName } = window.Dashboard;
  const log = document.getElementById("log");
  const filter = document.getElementById("filter");
  const follow = document.getElementById("follow");
  const counts = document.getElementById("counts");
  const dropped = document.getElementById("dropped");
  const picker = document.getElementById("resource-picker");
  let capacity = Infinity;
  let lastSequence = 0;
  let needle = "";
  // Lines are added in batches: a backlog of thousands then costs one layout, not one per line.
  let pending = [];
  let flushQueued = false;

  fillPicker();
  showCounts();
  openStream(`/api/resources/${encodeURIComponent(resourceName)}/logs/stream`, { line: append, status: showStatus });

  filter.addEventListener("input", () => {
    needle = filter.value.toLowerCase();
    for (const line of log.children) applyFilter(line);
    showCounts();
  });
  picker.addEventListener("change", () => {
    window.location.href = `/resources/${encodeURIComponent(picker.value)}/logs`;
  });

  function append(line) {
    // A reconnect may repeat lines the page already has.
    if (line.sequence <= lastSequence) return;
    lastSequence = line.sequence;
    pending.push(line);
    if (pending.length > capacity) pending = pending.slice(-capacity);
    if (!flushQueued) {
      flushQueued = true;
      setTimeout(flushPending, 30);
    }
  }

  function flushPending() {
    flushQueued = false;
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    const batch = document.createDocumentFragment();
    for (const line of pending) batch.append(lineNode(line));
    pending = [];
    log.append(batch);
    // The page keeps no more than the server does, so memory stays bounded here too.
    for (let extra = log.childElementCount - capacity; extra > 0; extra--) log.firstElementChild.remove();
    if (follow.checked && atBottom) log.scrollTop = log.scrollHeight;
    showCounts();
  }

  function lineNode(line) {
    const node = el("div", { className: line.isError ? "line stderr" : "line", dataset: { sequence: line.sequence } },
      el("span", { className: "ts", title: line.timestamp }, formatTimeWithMillis(line.timestamp)),
      el("span", { className: "text" }, line.text));
    applyFilter(node);
    return node;
  }

  function applyFilter(node) {
    node.hidden = needle !== "" && !node.querySelector(".text").textContent.toLowerCase().includes(needle);
  }

  function showStatus(status) {
    capacity = status.capacity;
    dropped.hidden = status.dropped === 0;
    dropped.textContent = `${status.dropped} earlier ${status.dropped === 1 ? "line was" : "lines were"} dropped: `
      + `the dashboard keeps the last ${status.capacity} lines of each resource.`;
    dropped.dataset.dropped = String(status.dropped);
  }

  function showCounts() {
    const total = log.childElementCount;
    const shown = needle === "" ? total : log.querySelectorAll(".line:not([hidden])").length;
    counts.textContent = needle === "" ? `${total} lines` : `${shown} of ${total} lines`;
  }

  async function fillPicker() {
    try {
      const resources = await getJson("/api/resources");
      picker.replaceChildren(...resources.map((r) => el("option", { value: r.name, selected: r.name === resourceName }, r.name)));
    } catch {
      picker.replaceChildren(el("option", { value: resourceName, selected: true }, resourceName));
    }
  }
})();
