// The resources table: one row per resource, replaced whenever the live stream sends a new snapshot.
"use strict";

(() => {
  const { el, post, stateBadge, healthBadge, formatTime, resourcePath, isWebUrl, openStream, showError } = window.Dashboard;
  const body = document.querySelector("#resources tbody");
  const empty = document.getElementById("empty");
  const rows = new Map();
  const latest = new Map();

  const canStart = new Set(["NotStarted", "Finished", "Exited", "FailedToStart", "Stopped"]);
  const canStop = new Set(["Waiting", "Starting", "Running"]);
  const canRestart = new Set(["Waiting", "Starting", "Running", "Finished", "Exited", "FailedToStart", "Stopped"]);
  const pending = new Set();
  // Health means something only while the resource runs.
  const showsHealth = new Set(["Starting", "Running", "Stopping"]);

  openStream("/api/stream/resources", { resource: render });

  function render(resource) {
    latest.set(resource.name, resource);
    let row = rows.get(resource.name);
    if (!row) {
      row = el("tr", { dataset: { resource: resource.name } });
      rows.set(resource.name, row);
      body.append(row);
      empty.hidden = true;
    }
    row.dataset.state = resource.state;
    row.replaceChildren(
      el("td", { className: "name" },
        el("a", { href: resourcePath(resource.name) }, resource.name),
        el("span", { className: "sub" }, el("a", { href: `${resourcePath(resource.name)}/logs` }, "Console logs"))),
      el("td", {}, resource.type, resource.replicas > 1 ? el("span", { className: "sub" }, `${resource.replicas} replicas`) : null),
      el("td", { className: "state-cell" },
        stateBadge(resource.state, resource.stateMessage),
        resource.stateMessage ? el("span", { className: "sub" }, resource.stateMessage) : null,
        resource.exitCode !== null && resource.exitCode !== undefined ? el("span", { className: "sub" }, `exit code ${resource.exitCode}`) : null),
      el("td", {}, showsHealth.has(resource.state) ? healthBadge(resource.health) : ""),
      el("td", {}, formatTime(resource.startedAt)),
      el("td", { className: "number restarts" }, resource.hasLifecycle ? String(resource.restartCount) : ""),
      el("td", {}, resource.source ? el("code", {}, breakAfterSlashes(resource.source)) : "",
        resource.runtime ? el("span", { className: "sub" }, resource.runtime) : null),
      el("td", { className: "endpoints" }, resource.endpoints.map(endpointLink)),
      el("td", { className: "actions" }, resource.hasLifecycle ? actionButtons(resource) : null));
  }

  // docker.io/library/postgres:17.6 may wrap after a slash, never inside the name or the tag.
  function breakAfterSlashes(text) {
    return text.split("/").flatMap((part, i, parts) => (i < parts.length - 1 ? [`${part}/`, el("wbr")] : [part]));
  }

  function endpointLink(endpoint) {
    // Only web URLs become links: a tcp:// address would do nothing, and no other scheme is safe to follow.
    return isWebUrl(endpoint.url)
      ? el("a", { href: endpoint.url, target: "_blank", rel: "noopener noreferrer", title: endpoint.name }, endpoint.url)
      : el("span", { className: "mono", title: endpoint.name }, endpoint.url);
  }

  function actionButtons(resource) {
    const busy = pending.has(resource.name);
    return [
      button(resource, "stop", "Stop", busy || !canStop.has(resource.state)),
      button(resource, "start", "Start", busy || !canStart.has(resource.state)),
      button(resource, "restart", "Restart", busy || !canRestart.has(resource.state)),
    ];
  }

  function button(resource, command, label, disabled) {
    const node = el("button", { type: "button", dataset: { command }, disabled, title: `${label} ${resource.name}` }, label);
    node.addEventListener("click", () => run(resource.name, command, label));
    return node;
  }

  async function run(name, command, label) {
    pending.add(name);
    for (const node of rows.get(name).querySelectorAll(".actions button")) node.disabled = true;
    try {
      await post(`/api/resources/${encodeURIComponent(name)}/commands/${command}`);
    } catch (error) {
      showError(`${label} ${name}: ${error.message}`);
    } finally {
      pending.delete(name);
      // The buttons that fit the latest state; the live stream keeps them right after that.
      render(latest.get(name));
    }
  }
})();
