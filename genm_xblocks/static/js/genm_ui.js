/*
 * What the Generation M blocks share on the page: elements built with text only, per-instance ids, translated
 * messages and field errors, the handlers' JSON and multipart requests, forms sent with Enter, and staff tabs.
 *
 * GenmUI.kit(root, {prefix, strings, runtime, element}) binds the kit to one block on the page. Every block loads
 * this file; a second copy keeps the first one's GenmUI.
 */
window.GenmUI = window.GenmUI || (function () {
  "use strict";

  /** An element with attributes (false/null ones are skipped) and children (strings become text nodes). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) {
        return;
      }
      node.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
    });
    node.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
    return node;
  }

  /** Text for screen readers only. */
  function sr(text) {
    return el("span", {className: "genm-ui__sr"}, text);
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (match, key) => (key in values ? String(values[key]) : match));
  }

  /** Put a translated sentence into node, its placeholders replaced by text or by elements (e.g. <strong>). */
  function fill(node, template, values) {
    node.replaceChildren(...template.split(/(%\(\w+\)s)/).filter(Boolean).map((part) => {
      const match = /^%\((\w+)\)s$/.exec(part);
      const value = match && match[1] in values ? values[match[1]] : part;
      return value instanceof Node ? value : String(value);
    }));
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function isShown(node) {
    return Boolean(node) && node.isConnected && node.getClientRects().length > 0;
  }

  /** A notice's list of problems; an item is a message, or an array of nodes and text. */
  function problemList(items) {
    return el("ul", {className: "genm-ui__problems"}, ...items.map((item) => el("li", {}, ...[].concat(item))));
  }

  /** Run an action once at a time per button; the button stays focusable while it waits. */
  function run(button, task) {
    if (button.dataset.busy) {
      return Promise.resolve();
    }
    button.dataset.busy = "true";
    return Promise.resolve().then(task).finally(() => {
      delete button.dataset.busy;
    });
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function kit(root, options) {
    const strings = options.strings;
    const runtime = options.runtime;
    const element = options.element;
    const lang = document.documentElement.lang || navigator.language || "ru";
    const prefix = options.prefix + "-" + Math.random().toString(36).slice(2, 10);
    let nextId = 0;

    // ---------------------------------------------------------------- the block's own elements

    function find(selector, scope) {
      return (scope || root).querySelector(selector);
    }

    function findAll(selector, scope) {
      return Array.from((scope || root).querySelectorAll(selector));
    }

    function byData(name, value, scope) {
      return find("[data-" + name + '="' + CSS.escape(String(value)) + '"]', scope);
    }

    function newId() {
      nextId += 1;
      return prefix + "-n" + nextId;
    }

    /** Give per-instance ids to [data-id] elements and point for/aria-* references at them. */
    function wireIds() {
      findAll("[data-id]").forEach((node) => {
        node.id = prefix + "-" + node.dataset.id;
      });
      const references = ["for", "aria-describedby", "aria-labelledby", "aria-controls"];
      findAll(references.map((name) => "[data-ref-" + name + "]").join(",")).forEach((node) => {
        references.forEach((name) => {
          const keys = node.getAttribute("data-ref-" + name);
          if (keys) {
            node.setAttribute(name, keys.split(/\s+/).map((key) => prefix + "-" + key).join(" "));
          }
        });
      });
    }

    // ---------------------------------------------------------------- formatting

    function dateTime(iso) {
      return new Date(iso).toLocaleString(lang, {dateStyle: "long", timeStyle: "short"});
    }

    function ageLabel(group) {
      return group ? format(strings.age_years, {group: group.replace("-", "–")}) : "";
    }

    // ---------------------------------------------------------------- talking to the handlers

    /** What a failed request means for the page: a translated message and each field's message. */
    function failure(status, data) {
      const known = data && typeof data.error === "string";
      const fallback = status ? strings.server_error : strings.network_error;
      return {status: status, error: known ? data.error : fallback, fieldErrors: (known && data.field_errors) || {}};
    }

    function postJson(handler, body) {
      return fetch(runtime.handlerUrl(element, handler), {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
        body: JSON.stringify(body || {}),
      }).then(
        (response) => response.json().catch(() => null).then((data) => {
          if (response.ok && data) {
            return data;
          }
          throw failure(response.status, data);
        }),
        () => {
          throw failure(0, null);
        },
      );
    }

    /** A multipart POST through XMLHttpRequest, so that onProgress(fraction) can follow the upload. */
    function postForm(handler, formData, onProgress) {
      return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open("POST", runtime.handlerUrl(element, handler));
        request.setRequestHeader("X-CSRFToken", csrfToken());
        request.responseType = "json";
        if (onProgress) {
          request.upload.onprogress = (event) => {
            if (event.lengthComputable) {
              onProgress(event.loaded / event.total);
            }
          };
        }
        request.onload = () => {
          const ok = request.status >= 200 && request.status < 300 && request.response;
          (ok ? resolve : reject)(ok ? request.response : failure(request.status, request.response));
        };
        request.onerror = () => reject(failure(0, null));
        request.send(formData);
      });
    }

    // ---------------------------------------------------------------- messages and errors

    function announce(text) {
      const live = find("[data-live]");
      live.textContent = "";
      window.setTimeout(() => {
        live.textContent = text;
      }, 100);
    }

    /** Show a message in a notice (a node, or the name of a [data-notice]) and announce it. */
    function notify(target, message, isError) {
      const notice = target instanceof Node ? target : byData("notice", target);
      notice.replaceChildren(...(message ? [message] : []));
      notice.classList.toggle("genm-ui__notice--error", Boolean(isError));
      if (message) {
        announce(notice.textContent);
      }
    }

    function clearMessages(scope) {
      findAll("[data-notice], [data-error-for]", scope).forEach((node) => node.replaceChildren());
      findAll("[aria-invalid]", scope).forEach((node) => node.removeAttribute("aria-invalid"));
    }

    /** Mark each refused field and put its message in the field's error slot; answers [{message, placed}]. */
    function placeErrors(problem, scope) {
      return Object.entries(problem.fieldErrors).map(([field, message]) => {
        const slot = byData("error-for", field, scope);
        const input = byData("field", field, scope);
        if (input) {
          input.setAttribute("aria-invalid", "true");
        }
        if (slot) {
          slot.textContent = message;
        }
        return {message: message, placed: Boolean(slot)};
      });
    }

    // ---------------------------------------------------------------- forms

    /** A submit handler: Enter in a form's text field clicks the form's first button matching selector. */
    function submitWith(selector) {
      return (event) => {
        event.preventDefault();
        const button = find(selector, event.target);
        if (button && !button.hidden) {
          button.click();
        }
      };
    }

    // ---------------------------------------------------------------- tabs (staff only)

    /**
     * The [role=tab] buttons, each showing its [data-panel], with arrow keys, Home and End on the [data-tablist].
     * Answers select(tab), which also calls onSelect(tab).
     */
    function tabs(onSelect) {
      function select(tab) {
        findAll('[role="tab"]').forEach((each) => {
          const selected = each === tab;
          each.setAttribute("aria-selected", String(selected));
          each.tabIndex = selected ? 0 : -1;
          show(find('[data-panel="' + each.dataset.tab + '"]'), selected);
        });
        onSelect(tab);
      }

      function onKey(event) {
        const all = findAll('[role="tab"]');
        const index = all.indexOf(event.target.closest('[role="tab"]'));
        const moves = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: all.length - 1};
        if (index < 0 || !(event.key in moves)) {
          return;
        }
        event.preventDefault();
        const tab = all[(moves[event.key] + all.length) % all.length];
        tab.focus();
        select(tab);
      }

      const list = find("[data-tablist]");
      if (list) {
        list.addEventListener("keydown", onKey);
      }
      return select;
    }

    return {
      prefix, lang, el, sr, format, fill, show, isShown, problemList, run,
      find, findAll, byData, newId, wireIds, dateTime, ageLabel, postJson, postForm,
      announce, notify, clearMessages, placeErrors, submitWith, tabs,
    };
  }

  return {kit: kit};
}());
