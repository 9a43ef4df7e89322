// The start-up timeline: one row per resource, one bar per phase, on a shared time axis.
"use strict";

(() => {
  const { svg, getJson, openStream, showError, splitWords } = window.Dashboard;
  const container = document.getElementById("timeline");
  const empty = document.getElementById("timeline-empty");
  const labelWidth = 200;
  const rowHeight = 26;
  const axisHeight = 24;
  const knownPhases = new Set(["waiting", "starting", "running", "healthy"]);
  let queued = false;

  refresh();
  openStream("/api/stream/resources", { resource: queueRefresh });
  window.addEventListener("resize", queueRefresh);
  // Open phases grow with time even when nothing changes.
  setInterval(() => { if (container.querySelector(".phase.open")) queueRefresh(); }, 1000);

  function queueRefresh() {
    if (queued) return;
    queued = true;
    setTimeout(() => { queued = false; refresh(); }, 250);
  }

  async function refresh() {
    try {
      draw(await getJson("/api/timeline"));
    } catch (error) {
      showError(error.message);
    }
  }

  function draw(timeline) {
    empty.hidden = timeline.resources.length > 0;
    if (timeline.resources.length === 0) {
      container.replaceChildren();
      return;
    }
    const now = Date.parse(timeline.now);
    const starts = timeline.resources.flatMap((r) => r.phases.map((p) => Date.parse(p.start)));
    const ends = timeline.resources.flatMap((r) => r.phases.map((p) => (p.end ? Date.parse(p.end) : now)));
    const origin = Math.min(...starts);
    const span = Math.max(1000, Math.max(...ends) - origin);
    const width = Math.max(600, container.clientWidth - 24);
    const plotWidth = width - labelWidth - 10;
    const x = (time) => labelWidth + ((time - origin) / span) * plotWidth;
    const height = axisHeight + timeline.resources.length * rowHeight;

    const picture = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Start-up timeline" });
    for (const seconds of ticks(span / 1000)) {
      const at = x(origin + seconds * 1000);
      picture.append(
        svg("line", { class: "gridline", x1: at, x2: at, y1: axisHeight - 6, y2: height }),
        svg("text", { class: "tick", x: at, y: 12, "text-anchor": "middle" }, `${seconds}s`));
    }
    timeline.resources.forEach((resource, index) => {
      const top = axisHeight + index * rowHeight;
      const row = svg("g", { class: "resource-row", "data-resource": resource.name });
      row.append(svg("text", { class: "label", x: 0, y: top + rowHeight / 2 + 4 }, resource.name));
      for (const phase of resource.phases) {
        const start = Date.parse(phase.start);
        const end = phase.end ? Date.parse(phase.end) : now;
        const kind = knownPhases.has(phase.phase.toLowerCase()) ? phase.phase.toLowerCase() : "other";
        const seconds = ((end - start) / 1000).toFixed(1);
        row.append(svg("rect", {
          class: `phase phase-${kind}${phase.end ? "" : " open"}`,
          "data-phase": phase.phase,
          x: x(start), y: top + 4, width: Math.max(2, x(end) - x(start)), height: rowHeight - 8, rx: 3,
        }, svg("title", {}, `${resource.name}: ${splitWords(phase.phase)} for ${seconds} s${phase.end ? "" : " (so far)"}`)));
      }
      picture.append(row);
    });
    container.replaceChildren(picture);
  }

  // About six round-numbered ticks across the span.
  function ticks(spanSeconds) {
    const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];
    const step = steps.find((s) => spanSeconds / s <= 6) || 1200;
    const result = [];
    for (let t = 0; t <= spanSeconds; t += step) result.push(t);
    return result;
  }
})();
