/*
 * The charity progress block: the page arrives drawn by the server; this keeps it alive. Every minute while the
 * page is visible it asks the block for the same state again and updates the numbers and the progress bar; staff
 * can open the sponsor's budget. Every text comes translated from the server and is written with textContent.
 */
function GenmCharityProgress(runtime, element, args) {
  "use strict";

  element = element.jquery ? element[0] : element;
  const root = element.querySelector("[data-genm-charity-progress]");
  const REFRESH_MS = 60 * 1000;
  let lastPercent = null;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(handler) {
    return fetch(runtime.handlerUrl(element, handler), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: "{}",
    }).then((response) => response.json().then((body) => ({ok: response.ok, body: body})));
  }

  function lookup(state, path) {
    return path.split(".").reduce((value, key) => (value === null || value === undefined ? value : value[key]), state);
  }

  function render(state) {
    root.querySelectorAll("[data-field]").forEach((node) => {
      const value = lookup(state, node.dataset.field);
      node.textContent = value === null || value === undefined ? "" : String(value);
    });
    root.querySelector("[data-campaign]").hidden = !state.campaign;
    root.querySelector("[data-no-campaign]").hidden = Boolean(state.campaign);
    root.querySelector("[data-field='me.text']").hidden = !state.me;
    root.querySelector("[data-field='purse_note']").hidden = !state.purse_spent;
    if (state.campaign) {
      const bar = root.querySelector("[data-bar]");
      bar.setAttribute("aria-valuenow", String(state.campaign.percent));
      bar.setAttribute("aria-valuetext", state.campaign.progress_text);
      root.querySelector("[data-fill]").style.width = state.campaign.percent + "%";
      if (lastPercent !== null && lastPercent !== state.campaign.percent) {
        root.querySelector("[data-live]").textContent = state.campaign.progress_text;
      }
      lastPercent = state.campaign.percent;
    }
  }

  function refresh() {
    if (document.visibilityState !== "visible") {
      return;
    }
    post("refresh").then((answer) => {
      if (answer.ok) {
        render(answer.body);
      }
    }).catch(() => {});
  }

  function showReport() {
    const report = root.querySelector("[data-report]");
    const error = root.querySelector("[data-report-error]");
    post("staff_report").then((answer) => {
      if (!answer.ok) {
        error.textContent = answer.body.error || "";
        error.hidden = false;
        return;
      }
      const purse = answer.body.purse;
      const rules = answer.body.rules;
      const write = (name, text) => {
        report.querySelector("[data-report-field='" + name + "']").textContent = text;
      };
      write("budget", purse ? purse.label + ": " + purse.budget_text : "—");
      write("spent", purse ? purse.spent_text : "—");
      write("remaining", purse ? purse.remaining_text : "—");
      write("rules", rules ? "v" + rules.version + " " + rules.label + " (" + rules.point_value_text + ")" : "—");
      error.hidden = true;
      report.hidden = false;
    }).catch(() => {});
  }

  const staffButton = root.querySelector("[data-action='staff-report']");
  if (staffButton) {
    staffButton.addEventListener("click", showReport);
  }
  const campaign = root.querySelector("[data-bar]");
  lastPercent = campaign ? Number(campaign.getAttribute("aria-valuenow")) : null;
  window.setInterval(refresh, REFRESH_MS);
  document.addEventListener("visibilitychange", refresh);
}
