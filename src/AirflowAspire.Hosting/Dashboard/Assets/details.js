// One resource's details. Secret values are not in the page until the user reveals them one by one.
"use strict";

(() => {
  const { el, getJson, post, stateBadge, healthBadge, formatTime, openStream, showError, resourceName } = window.Dashboard;
  const apiPath = `/api/resources/${encodeURIComponent(resourceName)}`;
  const mask = "••••••";
  const revealed = new Map();
  let lastEnvironment = "";

  document.getElementById("logs-link").href = `/resources/${encodeURIComponent(resourceName)}/logs`;
  load();
  // Any change of this resource (state, health, restart) refreshes the page's facts.
  openStream("/api/stream/resources", { resource: (summary) => { if (summary.name === resourceName) load(); } });

  async function load() {
    try {
      render(await getJson(apiPath));
    } catch (error) {
      showError(error.message);
    }
  }

  function render(details) {
    const summary = details.summary;
    document.getElementById("state").replaceChildren(stateBadge(summary.state, summary.stateMessage));
    const message = document.getElementById("state-message");
    message.textContent = summary.stateMessage || "";
    message.hidden = !summary.stateMessage;

    document.getElementById("overview").replaceChildren(...facts([
      ["Type", summary.type],
      ["Health", summary.state === "Inert" ? "" : healthBadge(summary.health)],
      ["Started", summary.startedAt ? `${formatTime(summary.startedAt)} (${new Date(summary.startedAt).toLocaleDateString()})` : ""],
      ["Restarts", summary.hasLifecycle ? String(summary.restartCount) : ""],
      ["Exit code", summary.exitCode ?? ""],
      ["Image / source", summary.source ? el("code", {}, summary.source) : ""],
      ["Runtime", summary.runtime || ""],
      ["Replicas", String(summary.replicas)],
      ["Endpoints", summary.endpoints.map((e) => el("div", {}, `${e.name}: `, el("code", {}, e.url)))],
    ]));

    document.querySelector("#health tbody").replaceChildren(...(details.healthReports.length
      ? details.healthReports.map((report) => el("tr", {},
          el("td", {}, report.name),
          el("td", {}, healthBadge(report.status)),
          el("td", {}, report.description || ""),
          el("td", {}, formatTime(report.checkedAt))))
      : [el("tr", {}, el("td", { colspan: 4, className: "muted" }, "No health checks."))]));

    // Rebuilt only when it changed, so a revealed value stays revealed while the state moves on.
    const environment = JSON.stringify(details.environment);
    if (environment !== lastEnvironment) {
      lastEnvironment = environment;
      document.querySelector("#environment tbody").replaceChildren(...details.environment.map(variableRow));
    }

    list("args", details.args);
    list("volumes", details.volumes);
    list("references", details.references);
    list("waits-for", details.waitsFor);
  }

  function facts(pairs) {
    return pairs.filter(([, value]) => value !== "" && !(Array.isArray(value) && value.length === 0))
      .flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value)]);
  }

  function list(id, values) {
    document.getElementById(id).replaceChildren(...values.map((value) => el("li", {}, value)));
  }

  function variableRow(variable) {
    const value = el("td", { className: "env-value" }, variable.isSecret ? mask : variable.value);
    const row = el("tr", { dataset: { variable: variable.name } }, el("td", { className: "mono" }, variable.name), value);
    if (!variable.isSecret) {
      row.append(el("td", {}));
      return row;
    }

    value.classList.add("masked");
    const toggle = el("button", { type: "button", className: "reveal" }, "Reveal");
    toggle.addEventListener("click", () => toggleSecret(variable.name, value, toggle));
    row.append(el("td", {}, toggle));
    if (revealed.has(variable.name)) showSecret(value, toggle, revealed.get(variable.name));
    return row;
  }

  async function toggleSecret(name, cell, toggle) {
    if (revealed.has(name)) {
      revealed.delete(name);
      cell.textContent = mask;
      cell.classList.add("masked");
      toggle.textContent = "Reveal";
      return;
    }
    try {
      const answer = await post(`${apiPath}/environment/${encodeURIComponent(name)}/reveal`);
      revealed.set(name, answer.value);
      showSecret(cell, toggle, answer.value);
    } catch (error) {
      showError(`Reveal ${name}: ${error.message}`);
    }
  }

  function showSecret(cell, toggle, value) {
    cell.textContent = value;
    cell.classList.remove("masked");
    toggle.textContent = "Hide";
  }
})();
