// Shared by every page: API calls, element building, badges, times, live streams.
// Text from resources (names, messages, log lines) only ever goes into textContent, never into HTML.
"use strict";

window.Dashboard = window.Dashboard || (() => {
  // The server refuses commands and reveals without this header: another site cannot send it.
  const antiForgeryHeader = { "X-AirflowAspire-Dashboard": "1" };

  async function getJson(path) {
    const response = await fetch(path, { credentials: "same-origin" });
    if (!response.ok) throw new Error(await errorText(response));
    return response.json();
  }

  async function post(path) {
    const response = await fetch(path, { method: "POST", credentials: "same-origin", headers: antiForgeryHeader });
    if (!response.ok) throw new Error(await errorText(response));
    return response.status === 204 ? null : response.json();
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      return body.error || `${response.status} ${response.statusText}`;
    } catch {
      return `${response.status} ${response.statusText}`;
    }
  }

  // el("a", { href: "/x", className: "y" }, "text", otherNode): attributes by setAttribute, children as text or nodes.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "className") node.className = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function stateBadge(state, message) {
    return el("span", { className: `badge state state-${String(state).toLowerCase()}`, title: message || undefined }, splitWords(state));
  }

  function healthBadge(health) {
    return el("span", { className: `badge health health-${String(health).toLowerCase()}` }, health);
  }

  // "FailedToStart" -> "Failed to start"
  function splitWords(name) {
    const words = String(name).replace(/([a-z])([A-Z])/g, "$1 $2").split(" ");
    return words.map((w, i) => (i === 0 ? w : w.toLowerCase())).join(" ");
  }

  // One formatter for all: toLocaleTimeString with options builds a new one per call, too slow for 10,000 log lines.
  const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

  function formatTime(iso) {
    return iso ? timeFormat.format(new Date(iso)) : "";
  }

  function formatTimeWithMillis(iso) {
    const date = new Date(iso);
    return `${formatTime(iso)}.${String(date.getMilliseconds()).padStart(3, "0")}`;
  }

  function resourcePath(name) {
    return `/resources/${encodeURIComponent(name)}`;
  }

  function isWebUrl(url) {
    try {
      const protocol = new URL(url).protocol;
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  }

  // An EventSource that shows its state in the header; the browser reconnects by itself.
  function openStream(url, handlers) {
    const indicator = document.getElementById("connection");
    const source = new EventSource(url);
    source.onopen = () => showConnection(indicator, "live", "Live");
    source.onerror = () => showConnection(indicator, "lost", "Reconnecting…");
    for (const [eventName, handle] of Object.entries(handlers)) {
      source.addEventListener(eventName, (event) => handle(JSON.parse(event.data), event));
    }
    window.addEventListener("pagehide", () => source.close());
    return source;
  }

  function showConnection(indicator, state, text) {
    if (!indicator) return;
    indicator.className = `connection ${state}`;
    indicator.textContent = text;
  }

  let toastTimer;
  function showError(message) {
    const toast = document.getElementById("toast");
    toast.textContent = message;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, 8000);
  }

  function markActiveNav() {
    const page = document.body.dataset.page;
    const section = page === "timeline" ? "timeline" : "resources";
    for (const link of document.querySelectorAll(".mainnav a")) {
      link.classList.toggle("active", link.dataset.nav === section);
    }
  }

  markActiveNav();

  return {
    getJson, post, el, svg, stateBadge, healthBadge, splitWords, formatTime, formatTimeWithMillis,
    resourcePath, isWebUrl, openStream, showError,
    resourceName: document.body.dataset.resource,
  };
})();
