/*
 * The Gallery XBlock's page: cards of published works with filters and "Show more", a work's own view in a modal
 * dialog with likes and reports and, for course staff, the moderation queue.
 *
 * Text from learners and staff only ever reaches the page through textContent and attribute values.
 */
function GenmGallery(runtime, element, args) {
  "use strict";

  element = element.jquery ? element[0] : element;

  const root = element.querySelector(".genm-gallery");
  const strings = args.strings;
  const ui = GenmUI.kit(root, {prefix: "genm-gallery", strings: strings, runtime: runtime, element: element});
  const {prefix, el, sr, format, fill, show, problemList, run, find, findAll, byData, newId, wireIds, dateTime,
    ageLabel, postJson, announce, notify, clearMessages, placeErrors} = ui;
  const numbers = new Intl.NumberFormat(ui.lang);
  const COMMENT_MAX = 500;
  const FILTERS = ["nomination", "age_group", "region_code"];

  // ------------------------------------------------------------------ formatting

  function kindLabel(kind) {
    return (strings.kinds && strings.kinds[kind]) || "";
  }

  // ------------------------------------------------------------------ messages and errors

  /** Put each field error next to its field; what has no place of its own goes to the notice. */
  function showFailure(target, problem, scope) {
    const errors = placeErrors(problem, scope);
    const placed = errors.filter((error) => error.placed).map((error) => error.message);
    const unplaced = [...new Set(errors.filter((error) => !error.placed).map((error) => error.message))];
    if (!errors.length) {
      notify(target, problem.error, true);
    } else if (unplaced.length) {
      notify(target, unplaced.length > 1 ? problemList(unplaced) : unplaced[0], true);
    } else {
      notify(target, "");
      announce(placed.join(" "));
    }
  }

  // ------------------------------------------------------------------ small pieces of a work

  function winnerBadge() {
    return el("span", {className: "genm-gallery__winner"}, strings.winner);
  }

  /** A picture drawn in CSS for a work (or file) that has no picture of its own. */
  function kindIcon(kind) {
    const known = kind && strings.kinds && kind in strings.kinds;
    return el("div", {className: "genm-gallery__kind genm-gallery__kind--" + (known ? kind : "other")},
      el("span", {className: "genm-gallery__kind-icon", "aria-hidden": "true"}),
      known ? el("span", {className: "genm-gallery__kind-label"}, kindLabel(kind)) : null);
  }

  function byLine(name) {
    return fill(el("p", {className: "genm-gallery__by"}), strings.by,
      {name: el("span", {className: "genm-gallery__name"}, name)});
  }

  function metaLine(work) {
    return el("p", {className: "genm-gallery__meta"},
      work.age_group ? el("span", {}, ageLabel(work.age_group)) : null,
      work.region_name ? el("span", {}, work.region_name) : null);
  }

  function nominationTag(nomination) {
    return nomination ? el("p", {className: "genm-gallery__tags"},
      el("span", {className: "genm-gallery__tag"}, nomination)) : null;
  }

  function heart() {
    return find("[data-heart-template]").content.firstElementChild.cloneNode(true);
  }

  function downloadLink(file) {
    return el("a", {className: "genm-ui__link genm-gallery__download", href: file.url, download: file.name || true},
      el("span", {className: "genm-gallery__arrow", "aria-hidden": "true"}), strings.download,
      sr(" " + (file.name || "")));
  }

  // ------------------------------------------------------------------ likes

  /** Likes of the works on the page, by work id: {liked, like_count}. Cards and the dialog show the same state. */
  const likes = new Map();
  const liking = new Set();
  const refused = new Set();

  /** "%(count)s likes": the number is shown next to the heart, the words are for screen readers. */
  function likeCountNodes(count) {
    return strings.likes.split(/(%\(count\)s)/).filter(Boolean).map((part) => (part === "%(count)s"
      ? el("span", {className: "genm-gallery__like-count", "data-like-count": ""}, numbers.format(count))
      : sr(part)));
  }

  function paintLike(button, state) {
    button.setAttribute("aria-pressed", String(state.liked));
    find("[data-like-count]", button).textContent = numbers.format(state.like_count);
    if (!args.signed_in) {
      button.title = strings.sign_in_to_like;
    } else if (refused.has(button.dataset.like)) {
      button.title = strings.own_work;
    } else {
      button.title = state.liked ? strings.unlike : strings.like;
    }
  }

  function likeButton(id, title) {
    const state = likes.get(id) || {liked: false, like_count: 0};
    const disabled = !args.signed_in || refused.has(id);
    const button = el("button", {
      type: "button", className: "genm-gallery__like", "data-like": id, "aria-pressed": String(state.liked),
      "aria-disabled": disabled ? "true" : null,
      "aria-describedby": args.signed_in ? null : prefix + "-sign-in-hint",
    }, heart(), sr(strings.like + ": " + title + ". "), ...likeCountNodes(state.like_count));
    paintLike(button, state);
    return button;
  }

  function setLike(id, state) {
    likes.set(id, state);
    findAll('[data-like="' + CSS.escape(id) + '"]').forEach((button) => paintLike(button, state));
  }

  function likeNote(id, text) {
    findAll('[data-like-note="' + CSS.escape(id) + '"]').forEach((note) => {
      note.textContent = text;
    });
    if (text) {
      announce(text);
    }
  }

  /** Optimistic: the heart changes at once; the server's answer (or refusal) has the last word. */
  function toggleLike(button) {
    const id = button.dataset.like;
    if (!args.signed_in) {
      announce(strings.sign_in_to_like);
      return;
    }
    if (button.getAttribute("aria-disabled") === "true") {
      announce(button.title);
      return;
    }
    if (liking.has(id)) {
      return;
    }
    const before = likes.get(id) || {liked: false, like_count: 0};
    const wanted = !before.liked;
    liking.add(id);
    likeNote(id, "");
    setLike(id, {liked: wanted, like_count: Math.max(0, before.like_count + (wanted ? 1 : -1))});
    if (wanted) {
      button.classList.remove("genm-gallery__like--pop");
      void button.offsetWidth; // restart the animation
      button.classList.add("genm-gallery__like--pop");
    }
    postJson("like", {work_id: id, liked: wanted}).then(
      (answer) => setLike(id, {liked: Boolean(answer.liked), like_count: Number(answer.like_count) || 0}),
      (problem) => {
        setLike(id, before);
        if (problem.status === 403) { // the learner's own work (or the session has ended): no more tries
          findAll('[data-like="' + CSS.escape(id) + '"]').forEach((each) => {
            each.setAttribute("aria-disabled", "true");
            each.title = strings.own_work;
          });
          refused.add(id);
        }
        likeNote(id, problem.error);
      },
    ).finally(() => liking.delete(id));
  }

  // ------------------------------------------------------------------ the gallery: cards, filters, paging

  const grid = find("[data-grid]");
  const moreButton = find('[data-action="more"]');
  const resetButton = find('[data-action="reset-filters"]');
  const gallery = {
    filters: {sort: args.default_sort, nomination: "", age_group: "", region_code: ""},
    shown: null, // the filters of the cards on the page
    cursor: null,
    request: 0,
  };

  function cover(card) {
    const picture = card.cover && card.cover.thumbnail_url;
    if (!picture) {
      return kindIcon(card.cover ? card.cover.kind : null);
    }
    const image = el("img", {className: "genm-gallery__thumb", src: card.cover.thumbnail_url, alt: card.title,
      loading: "lazy", decoding: "async", width: card.cover.width || null, height: card.cover.height || null});
    image.addEventListener("error", () => image.replaceWith(kindIcon(card.cover.kind)), {once: true});
    return image;
  }

  function cardItem(card) {
    const titleId = newId();
    likes.set(card.id, {liked: Boolean(card.liked), like_count: Number(card.like_count) || 0});
    return el("li", {className: "genm-gallery__item", "data-item": card.id},
      el("article", {className: "genm-gallery__card" + (card.is_winner ? " genm-gallery__card--winner" : ""),
        "aria-labelledby": titleId, tabindex: "-1", "data-card": card.id},
      el("div", {className: "genm-gallery__cover"}, cover(card), card.is_winner ? winnerBadge() : null),
      el("div", {className: "genm-gallery__body"},
        el("h4", {className: "genm-gallery__card-title", id: titleId}, card.title),
        byLine(card.public_name),
        metaLine(card),
        nominationTag(card.nomination)),
      el("div", {className: "genm-gallery__card-foot"},
        likeButton(card.id, card.title),
        el("button", {type: "button", "data-open": card.id,
          className: "genm-ui__button genm-ui__button--primary genm-ui__button--small"},
        strings.open, sr(" " + card.title))),
      el("p", {className: "genm-gallery__card-note", "data-like-note": card.id})));
  }

  function filtersActive() {
    return FILTERS.some((name) => gallery.filters[name]);
  }

  function setLoading(loading, appending) {
    grid.setAttribute("aria-busy", String(loading));
    grid.classList.toggle("genm-gallery__grid--loading", loading && !appending);
    show(find("[data-loading]"), loading && (appending || grid.children.length === 0));
    if (loading) {
      show(find("[data-empty]"), false);
    }
  }

  function showEmpty() {
    const empty = grid.children.length === 0;
    show(find("[data-empty]"), empty);
    find("[data-empty-text]").textContent = filtersActive() ? strings.no_match : strings.empty;
    show(resetButton, filtersActive());
  }

  /** The first page (replacing the cards) or the next one (appending); an older answer never overwrites a newer. */
  function loadPage(append, options) {
    const request = ++gallery.request;
    const body = {...gallery.filters, cursor: append ? gallery.cursor : null};
    notify("gallery", "");
    setLoading(true, append);
    return postJson("page", body).then((page) => {
      if (request !== gallery.request) {
        return;
      }
      const items = page.cards.map(cardItem);
      const hadFocus = grid.contains(document.activeElement);
      if (append) {
        grid.append(...items);
      } else {
        grid.replaceChildren(...items);
      }
      gallery.cursor = page.next_cursor || null;
      gallery.shown = {...body};
      setLoading(false, append);
      show(moreButton, Boolean(gallery.cursor));
      showEmpty();
      if (append && items.length) {
        find("[data-card]", items[0]).focus();
      } else if (hadFocus && !grid.contains(document.activeElement)) {
        (find("[data-card]", grid) || find('[data-filter="sort"]')).focus();
      }
      if (options && options.announce) {
        announce(grid.children.length ? format(strings.shown, {count: grid.children.length})
          : find("[data-empty-text]").textContent);
      }
    }, (problem) => {
      if (request !== gallery.request) {
        return;
      }
      setLoading(false, append);
      if (!append && gallery.shown) { // the choices go back to what the cards show, so choosing again works
        Object.keys(gallery.filters).forEach((name) => {
          gallery.filters[name] = gallery.shown[name];
          byData("filter", name).value = gallery.shown[name];
        });
        show(resetButton, filtersActive());
      }
      notify("gallery", problem.error, true);
    });
  }

  function fillSelect(select, pairs, withAll) {
    const chosen = select.value;
    select.replaceChildren(...(withAll ? [el("option", {value: ""}, strings.all)] : []),
      ...pairs.map(([value, label]) => el("option", {value: value}, label)));
    if (pairs.some(([value]) => value === chosen)) {
      select.value = chosen;
    }
  }

  function loadFacets() {
    return postJson("facets").then((facets) => {
      const lists = {
        nomination: facets.nominations.map((name) => [name, name]),
        age_group: facets.age_groups.map((group) => [group, ageLabel(group)]),
        region_code: facets.regions.map(([code, name]) => [code, name]),
      };
      FILTERS.forEach((name) => {
        const select = byData("filter", name);
        fillSelect(select, lists[name], true);
        show(select.closest("[data-filter-field]"), lists[name].length > 0);
      });
    }, (problem) => notify("gallery", problem.error, true));
  }

  function onFilterChange(event) {
    const select = event.target.closest("[data-filter]");
    if (!select) {
      return;
    }
    gallery.filters[select.dataset.filter] = select.value;
    show(resetButton, filtersActive());
    loadPage(false, {announce: true});
  }

  function resetFilters() {
    FILTERS.forEach((name) => {
      gallery.filters[name] = "";
      byData("filter", name).value = "";
    });
    find('[data-filter="sort"]').focus();
    loadPage(false, {announce: true});
  }

  // ------------------------------------------------------------------ files of a work

  function fileCard(file, title, compact) {
    const isModel = file.kind === "model3d";
    const picture = file.thumbnail_url
      ? el("img", {className: "genm-gallery__file-thumb", src: file.thumbnail_url, alt: title, loading: "lazy",
        decoding: "async"})
      : kindIcon(isModel ? "model3d" : file.kind);
    return el("figure", {className: "genm-gallery__file-card" + (compact ? " genm-gallery__file-card--compact" : "")},
      picture,
      el("figcaption", {className: "genm-gallery__file-caption"},
        isModel ? el("span", {className: "genm-gallery__file-kind"}, strings.model_preview) : null,
        el("span", {className: "genm-gallery__file-name"}, file.name),
        downloadLink(file)));
  }

  /** One file as the work's view shows it; compact for the moderation queue (thumbnails, a full-size link). */
  function fileView(file, title, compact) {
    const size = {width: file.width || null, height: file.height || null};
    switch (file.kind) {
      case "image":
        if (compact) {
          return el("figure", {className: "genm-gallery__file genm-gallery__file--image"},
            el("img", {className: "genm-gallery__file-thumb", src: file.thumbnail_url || file.url, alt: title,
              loading: "lazy", decoding: "async", ...size}),
            el("figcaption", {className: "genm-gallery__file-caption"},
              el("a", {className: "genm-ui__link", href: file.url, target: "_blank", rel: "noopener"},
                strings.full_size, sr(" " + (file.name || "")))));
        }
        return el("figure", {className: "genm-gallery__file genm-gallery__file--image"},
          el("img", {className: "genm-gallery__picture", src: file.url, alt: title, decoding: "async", ...size}));
      case "audio":
        return el("figure", {className: "genm-gallery__file genm-gallery__file--audio"},
          el("span", {className: "genm-gallery__note-icon", "aria-hidden": "true"}),
          el("audio", {className: "genm-gallery__audio", controls: true, preload: "metadata", src: file.url,
            "aria-label": file.name || title}),
          el("figcaption", {className: "genm-gallery__file-caption"},
            el("span", {className: "genm-gallery__file-name"}, file.name)));
      case "video":
        return el("figure", {className: "genm-gallery__file genm-gallery__file--video"},
          el("video", {className: "genm-gallery__video", controls: true, preload: "metadata", playsinline: true,
            src: file.url, poster: file.thumbnail_url, "aria-label": file.name || title, ...size}));
      default:
        return el("div", {className: "genm-gallery__file genm-gallery__file--" + file.kind},
          fileCard(file, title, compact));
    }
  }

  function stopMedia(scope) {
    findAll("audio, video", scope).forEach((media) => media.pause());
  }

  // ------------------------------------------------------------------ the work's own view (a modal dialog)

  const dialog = find("[data-work-dialog]");
  const reportForm = find("[data-report-form]");
  const reportToggle = find('[data-action="toggle-report"]');
  const commentInput = find('[data-field="comment"]', reportForm);
  const viewing = {id: null, index: -1, removed: false};

  function renderWork(work) {
    find("[data-work-title]", dialog).textContent = work.title;
    const files = work.files.length
      ? el("div", {className: "genm-gallery__files"}, ...work.files.map((file) => fileView(file, work.title, false)))
      : el("p", {className: "genm-gallery__empty genm-gallery__empty--small"}, strings.no_files);
    find("[data-work-body]", dialog).replaceChildren(
      el("div", {className: "genm-gallery__work-head"},
        el("div", {className: "genm-gallery__work-meta"},
          work.is_winner ? winnerBadge() : null,
          byLine(work.public_name),
          metaLine(work),
          nominationTag(work.nomination)),
        el("div", {className: "genm-gallery__work-actions"}, likeButton(work.id, work.title))),
      el("p", {className: "genm-gallery__card-note", "data-like-note": work.id}),
      files,
      work.description ? el("p", {className: "genm-gallery__description"}, work.description) : null);
    resetReport();
  }

  function resetReport() {
    show(find("[data-report-area]", dialog), Boolean(args.signed_in));
    show(reportToggle, true);
    show(reportForm, false);
    reportToggle.setAttribute("aria-expanded", "false");
    reportForm.reset();
    clearMessages(find("[data-report-area]", dialog));
    showPersonalHint(false);
    updateCommentCount();
  }

  function openWork(button) {
    const id = button.dataset.open;
    likeNote(id, "");
    run(button, () => postJson("work", {work_id: id}).then((work) => {
      const item = byData("item", id, grid);
      viewing.id = id;
      viewing.index = item ? Array.prototype.indexOf.call(grid.children, item) : -1;
      viewing.removed = false;
      renderWork(work);
      dialog.showModal();
      find('[data-action="close-work"]', dialog).focus();
    }, (problem) => likeNote(id, problem.error)));
  }

  function closeWork() {
    if (dialog.open) {
      dialog.close();
    }
  }

  /** Back to where the child was: the card's Open button, or a neighbour if the work left the gallery. */
  function onDialogClose() {
    stopMedia(dialog);
    find("[data-work-body]", dialog).replaceChildren();
    const opener = viewing.id && byData("open", viewing.id, grid);
    if (opener) {
      opener.focus();
    } else {
      const neighbour = grid.children[Math.min(Math.max(viewing.index, 0), grid.children.length - 1)];
      const fallback = neighbour ? find("[data-open]", neighbour) : find('[data-filter="sort"]');
      if (fallback) {
        fallback.focus();
      }
    }
    viewing.id = null;
  }

  // ------------------------------------------------------------------ reports

  function buildReportChoices() {
    const name = prefix + "-category";
    find("[data-report-title]", reportForm).textContent = strings.report_title;
    find("[data-report-text]", dialog).textContent = strings.report;
    find("[data-comment-label]", reportForm).textContent = strings.comment;
    find('[data-action="send-report"]', reportForm).textContent = strings.report_send;
    find("[data-report-choices]", reportForm).replaceChildren(
      ...Object.entries(strings.report_categories).map(([value, label]) => el("label",
        {className: "genm-gallery__choice"},
        el("input", {type: "radio", name: name, value: value, className: "genm-gallery__radio",
          "data-field": "category"}),
        el("span", {}, label))));
  }

  function showPersonalHint(visible) {
    const hint = find("[data-personal-hint]", reportForm);
    hint.replaceChildren(...(visible ? [el("p", {className: "genm-gallery__callout-text"},
      el("span", {className: "genm-gallery__callout-icon", "aria-hidden": "true"}), strings.personal_info_hint)]
      : []));
  }

  function updateCommentCount() {
    find("[data-comment-count]", reportForm).textContent = format(strings.comment_count,
      {count: commentInput.value.length, max: COMMENT_MAX});
  }

  function toggleReport() {
    const opening = reportForm.hidden;
    show(reportForm, opening);
    reportToggle.setAttribute("aria-expanded", String(opening));
    if (opening) {
      find('input[type="radio"]', reportForm).focus();
    }
  }

  function sendReport(button) {
    const area = find("[data-report-area]", dialog);
    const chosen = find('input[type="radio"]:checked', reportForm);
    const workId = viewing.id;
    clearMessages(area);
    run(button, () => postJson("report", {work_id: workId, category: chosen ? chosen.value : "",
      comment: commentInput.value.trim()}).then((result) => {
      show(reportForm, false);
      show(reportToggle, false);
      const notice = byData("notice", "report", area);
      notify(notice, result.message);
      notice.focus();
      if (result.hidden) {
        const item = byData("item", workId, grid);
        if (item) {
          item.remove();
          showEmpty();
        }
      }
    }, (problem) => showFailure(byData("notice", "report", area), problem, reportForm)));
  }

  // ------------------------------------------------------------------ staff: moderation

  const modPanel = find('[data-panel="moderation"]');
  const moderation = {loaded: false, reasons: [], items: new Map(), noticeTimer: null};

  function fact(label, value) {
    return value ? el("div", {}, el("dt", {}, label), el("dd", {}, value)) : null;
  }

  function reasonLabel(code) {
    const pair = moderation.reasons.find(([value]) => value === code);
    return pair ? pair[1] : "";
  }

  function reportsBlock(reports) {
    if (!reports.length) {
      return el("p", {className: "genm-ui__hint"}, strings.no_reports);
    }
    const groups = new Map();
    reports.forEach((report) => {
      const group = groups.get(report.category) || {count: 0, comments: []};
      group.count += 1;
      if (report.comment) {
        group.comments.push(report);
      }
      groups.set(report.category, group);
    });
    return el("div", {className: "genm-gallery__reports"},
      el("h6", {className: "genm-gallery__subheading"}, format(strings.reports, {count: reports.length})),
      el("ul", {className: "genm-gallery__report-list"}, ...Array.from(groups, ([category, group]) => el("li", {},
        el("span", {className: "genm-gallery__report-category"},
          strings.report_categories[category] || category),
        el("span", {className: "genm-gallery__count genm-gallery__count--warn"}, numbers.format(group.count)),
        group.comments.length ? el("ul", {className: "genm-gallery__comments"}, ...group.comments.map((report) =>
          el("li", {}, el("span", {className: "genm-gallery__comment"}, report.comment),
            el("span", {className: "genm-ui__hint"}, dateTime(report.created))))) : null))));
  }

  function historyBlock(decisions) {
    if (!decisions.length) {
      return el("p", {className: "genm-ui__hint"}, strings.no_history);
    }
    return el("details", {className: "genm-gallery__history"},
      el("summary", {}, strings.history + " (" + numbers.format(decisions.length) + ")"),
      el("ol", {className: "genm-gallery__decisions"}, ...decisions.map((decision) => el("li", {},
        el("span", {className: "genm-ui__hint"}, dateTime(decision.created)),
        el("strong", {}, (strings.decision_actions && strings.decision_actions[decision.action]) || decision.action),
        decision.moderator ? el("span", {}, decision.moderator) : null,
        reasonLabel(decision.reason_code) ? el("span", {}, reasonLabel(decision.reason_code)) : null,
        decision.reason_text ? el("span", {className: "genm-gallery__comment"}, decision.reason_text) : null))));
  }

  function reasonForm(item, handler) {
    const formId = newId();
    const reasonId = newId();
    const noteId = newId();
    const label = handler === "reject" ? strings.reject : strings.unpublish;
    const form = el("form", {className: "genm-gallery__reason-form", id: formId, "data-reason-form": handler,
      novalidate: true, hidden: true},
    el("div", {className: "genm-gallery__field"},
      el("label", {className: "genm-ui__label", for: reasonId}, strings.reason),
      el("select", {className: "genm-ui__input", id: reasonId, "data-field": "reason_code",
        "aria-describedby": reasonId + "-error"},
      el("option", {value: ""}, strings.choose),
      ...moderation.reasons.map(([code, text]) => el("option", {value: code}, text))),
      el("p", {className: "genm-ui__error", id: reasonId + "-error", "data-error-for": "reason_code"})),
    el("div", {className: "genm-gallery__field"},
      el("label", {className: "genm-ui__label", for: noteId}, strings.reason_text),
      el("textarea", {className: "genm-ui__input genm-ui__textarea", id: noteId, rows: 3,
        maxlength: 1000, "data-field": "reason_text", "aria-describedby": noteId + "-error"}),
      el("p", {className: "genm-ui__error", id: noteId + "-error", "data-error-for": "reason_text"})),
    el("div", {className: "genm-ui__buttons"},
      el("button", {type: "button", className: "genm-ui__button genm-ui__button--danger",
        "data-mod-action": handler, "data-work": item.id}, label),
      el("button", {type: "button", className: "genm-ui__button", "data-mod-action": "cancel",
        "data-work": item.id}, strings.cancel)));
    return form;
  }

  function actionsBlock(item, section) {
    const handler = section === "pending" ? "reject" : "unpublish";
    const form = reasonForm(item, handler);
    return el("div", {className: "genm-gallery__mod-actions-area"},
      el("div", {className: "genm-ui__buttons"},
        section === "pending" ? el("button", {type: "button", "data-mod-action": "approve", "data-work": item.id,
          className: "genm-ui__button genm-ui__button--ok"},
        el("span", {className: "genm-gallery__tick", "aria-hidden": "true"}), strings.approve) : null,
        el("button", {type: "button", className: "genm-ui__button genm-ui__button--danger-outline",
          "data-mod-action": "open-" + handler, "data-work": item.id, "aria-expanded": "false",
          "aria-controls": form.id}, handler === "reject" ? strings.reject : strings.unpublish)),
      form,
      el("div", {className: "genm-ui__notice", "data-item-notice": item.id}));
  }

  function moderationItem(item, section) {
    const titleId = newId();
    moderation.items.set(item.id, item);
    return el("li", {className: "genm-gallery__mod-entry", "data-mod-item": item.id},
      el("article", {className: "genm-gallery__mod-item", "aria-labelledby": titleId},
        el("div", {className: "genm-gallery__mod-head"},
          el("h5", {className: "genm-gallery__mod-title", id: titleId, tabindex: "-1"}, item.title),
          el("span", {className: "genm-ui__badge genm-ui__badge--" + item.status},
            (strings.statuses && strings.statuses[item.status]) || item.status),
          item.is_winner ? winnerBadge() : null),
        el("dl", {className: "genm-ui__facts"},
          fact(strings.username, item.username),
          fact(strings.public_name, item.public_name),
          fact(strings.age_group, ageLabel(item.age_group)),
          fact(strings.region, item.region_name),
          fact(strings.nomination, item.nomination)),
        item.submitted_at ? el("p", {className: "genm-ui__hint"},
          format(strings.submitted_on, {date: dateTime(item.submitted_at)})) : null,
        item.description ? el("p", {className: "genm-gallery__description"}, item.description) : null,
        item.files.length
          ? el("div", {className: "genm-gallery__mod-files"}, ...item.files.map((file) => fileView(file, item.title,
            true)))
          : el("p", {className: "genm-ui__hint"}, strings.no_files),
        reportsBlock(item.reports),
        historyBlock(item.decisions),
        actionsBlock(item, section)));
  }

  function renderModeration(answer) {
    // "Reported" means published works with open reports; a work without any has nothing to decide here.
    const data = {...answer, reported: answer.reported.filter((item) => item.reports.length > 0)};
    moderation.reasons = data.reasons;
    moderation.items = new Map();
    stopMedia(modPanel);
    const counts = {pending: data.pending_total, reported: data.reported.length};
    const headings = {pending: format(strings.pending, {count: numbers.format(data.pending_total)}),
      reported: strings.reported + " (" + numbers.format(data.reported.length) + ")"};
    const empties = {pending: strings.nothing_pending, reported: strings.no_reported};
    ["pending", "reported"].forEach((section) => {
      find('[data-mod-heading="' + section + '"]', modPanel).textContent = headings[section];
      const empty = find('[data-mod-empty="' + section + '"]', modPanel);
      empty.textContent = empties[section];
      show(empty, counts[section] === 0);
      find('[data-mod-list="' + section + '"]', modPanel).replaceChildren(
        ...data[section].map((item) => moderationItem(item, section)));
    });
    const shownHint = find("[data-pending-shown]", modPanel);
    show(shownHint, data.pending_total > data.pending.length);
    shownHint.textContent = format(strings.pending_shown, {count: numbers.format(data.pending.length)});
    const badge = find("[data-pending-count]");
    badge.textContent = numbers.format(data.pending_total);
    show(badge, data.pending_total > 0);
  }

  function loadModeration() {
    const loading = find("[data-mod-loading]", modPanel);
    find("[data-mod-loading-text]", modPanel).textContent = strings.loading;
    show(loading, !moderation.loaded);
    return postJson("moderation").then((data) => {
      moderation.loaded = true;
      renderModeration(data);
    }, (problem) => notify("moderation", problem.error, true)).finally(() => show(loading, false));
  }

  function itemParts(button) {
    const entry = button.closest("[data-mod-item]");
    return {entry: entry, item: moderation.items.get(button.dataset.work),
      notice: find("[data-item-notice]", entry), section: entry.closest("[data-mod-section]").dataset.modSection};
  }

  /** After a decision: fresh queue and gallery, the result announced, focus on the next work of the list. */
  function afterDecision(parts, template) {
    const entries = findAll("[data-mod-item]", parts.entry.parentNode);
    const index = entries.indexOf(parts.entry);
    const next = entries[index + 1] || entries[index - 1];
    const nextEntry = next && next.dataset.modItem;
    const message = format(template, {title: parts.item.title});
    return Promise.all([loadModeration(), loadPage(false)]).then(() => {
      const notice = byData("notice", "moderation");
      notify(notice, message);
      window.clearTimeout(moderation.noticeTimer);
      moderation.noticeTimer = window.setTimeout(() => {
        if (notice.textContent === message) {
          notice.replaceChildren();
        }
      }, 15000);
      const target = nextEntry && byData("mod-item", nextEntry, modPanel);
      (target ? find(".genm-gallery__mod-title", target)
        : find('[data-mod-heading="' + parts.section + '"]', modPanel)).focus();
    });
  }

  function approveWork(button) {
    const parts = itemParts(button);
    clearMessages(parts.entry);
    notify("moderation", "");
    run(button, () => postJson("approve", {work_id: parts.item.id}).then(
      () => afterDecision(parts, strings.approved),
      (problem) => showFailure(parts.notice, problem, parts.entry)));
  }

  function toggleReasonForm(button, open) {
    const parts = itemParts(button);
    const form = find("[data-reason-form]", parts.entry);
    const opener = find('[aria-controls="' + CSS.escape(form.id) + '"]', parts.entry);
    show(form, open);
    opener.setAttribute("aria-expanded", String(open));
    if (open) {
      find('[data-field="reason_code"]', form).focus();
    } else {
      clearMessages(parts.entry);
      opener.focus();
    }
  }

  function decide(button, handler) {
    const parts = itemParts(button);
    const form = button.closest("form");
    clearMessages(parts.entry);
    notify("moderation", "");
    const body = {work_id: parts.item.id, reason_code: find('[data-field="reason_code"]', form).value,
      reason_text: find('[data-field="reason_text"]', form).value.trim()};
    run(button, () => postJson(handler, body).then(
      () => afterDecision(parts, handler === "reject" ? strings.rejected : strings.unpublished),
      (problem) => {
        showFailure(parts.notice, problem, form);
        const invalid = find('[aria-invalid="true"]', form);
        if (invalid) {
          invalid.focus();
        }
      }));
  }

  const moderationActions = {
    "approve": approveWork,
    "open-reject": (button) => toggleReasonForm(button, button.getAttribute("aria-expanded") !== "true"),
    "open-unpublish": (button) => toggleReasonForm(button, button.getAttribute("aria-expanded") !== "true"),
    "cancel": (button) => toggleReasonForm(button, false),
    "reject": (button) => decide(button, "reject"),
    "unpublish": (button) => decide(button, "unpublish"),
  };

  // ------------------------------------------------------------------ tabs (staff only)

  const selectTab = ui.tabs((tab) => {
    if (tab.dataset.tab === "gallery") {
      stopMedia(modPanel);
    } else if (!moderation.loaded) {
      loadModeration();
    }
  });

  // ------------------------------------------------------------------ wiring

  const actions = {
    "more": (button) => run(button, () => loadPage(true, {announce: true})),
    "reset-filters": resetFilters,
    "close-work": closeWork,
    "toggle-report": toggleReport,
    "send-report": sendReport,
  };

  function onClick(event) {
    if (event.target === dialog) { // a click on the backdrop, outside the dialog's box
      closeWork();
      return;
    }
    const button = event.target.closest("button");
    if (!button || !root.contains(button)) {
      return;
    }
    if (button.dataset.action in actions) {
      actions[button.dataset.action](button);
    } else if (button.dataset.like) {
      toggleLike(button);
    } else if (button.dataset.open) {
      openWork(button);
    } else if (button.dataset.modAction in moderationActions) {
      moderationActions[button.dataset.modAction](button);
    } else if (button.getAttribute("role") === "tab") {
      selectTab(button);
    }
  }

  function start() {
    wireIds();
    fillSelect(find('[data-filter="sort"]'), Object.entries(strings.sorts), false);
    find('[data-filter="sort"]').value = args.default_sort in strings.sorts ? args.default_sort : "newest";
    gallery.filters.sort = find('[data-filter="sort"]').value;
    find("[data-loading-text]").textContent = strings.loading;
    moreButton.textContent = strings.load_more;
    resetButton.textContent = strings.reset_filters;
    find("[data-close-text]", dialog).textContent = strings.close;
    const signInHint = find("[data-sign-in-hint]");
    signInHint.textContent = strings.sign_in_to_like;
    show(signInHint, !args.signed_in);
    buildReportChoices();

    root.addEventListener("click", onClick);
    root.addEventListener("submit", ui.submitWith("[data-action], [data-mod-action]"));
    find("[data-toolbar]").addEventListener("change", onFilterChange);
    reportForm.addEventListener("change", (event) => {
      if (event.target.name === prefix + "-category") {
        showPersonalHint(event.target.value === "personal_info");
      }
    });
    commentInput.addEventListener("input", updateCommentCount);
    dialog.addEventListener("close", onDialogClose);

    if (args.show_filters) {
      loadFacets();
    }
    loadPage(false);
  }

  start();
}
