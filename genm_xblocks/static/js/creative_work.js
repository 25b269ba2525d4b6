/*
 * The CreativeWork XBlock's page: the learner's work (profile, text, files, consent, hand-in, grade) and, for
 * course staff, the list of handed-in works with grading and the zip export.
 *
 * Every learner action answers the learner's whole state and the page redraws from it in render(state).
 * Text from learners and staff only ever reaches the page through textContent and attribute values.
 */
function GenmCreativeWork(runtime, element, args) {
  "use strict";

  element = element.jquery ? element[0] : element;

  const root = element.querySelector(".genm-cw");
  const strings = args.strings;
  const ui = GenmUI.kit(root, {prefix: "genm-cw", strings: strings, runtime: runtime, element: element});
  const {el, sr, format, fill, show, isShown, problemList, run, find, findAll, newId, wireIds, dateTime, ageLabel,
    postJson, postForm, announce, notify, clearMessages, placeErrors} = ui;
  const MB = 1024 * 1024;
  const POLL_MS = 1500;
  const POLL_LIMIT_MS = 2 * 60 * 1000;
  const DESCRIPTION_MAX = 2000;
  const numbers = new Intl.NumberFormat(ui.lang, {maximumFractionDigits: 1});

  let current = null;
  let savedDraft = {title: "", description: "", gallery_opt_in: false};
  let pollTimer = null;
  let pollStarted = 0;

  // ------------------------------------------------------------------ focus

  /** After a redraw, move focus to fallback if the focused control inside the block has gone or is hidden. */
  function keepFocus(fallback) {
    const active = document.activeElement;
    const lost = !active || active === document.body || (root.contains(active) && !isShown(active));
    if (lost && fallback && isShown(fallback)) {
      fallback.focus();
    }
  }

  // ------------------------------------------------------------------ formatting

  function fileSize(bytes) {
    if (bytes >= MB) {
      return format(strings.bytes_mb, {size: numbers.format(bytes / MB)});
    }
    return format(strings.bytes_kb, {size: numbers.format(Math.max(bytes / 1024, 0.1))});
  }

  function megabytes(bytes) {
    return numbers.format(bytes / MB);
  }

  function dateOnly(isoDate) {
    const [year, month, day] = isoDate.split("-").map(Number);
    return new Date(year, month - 1, day).toLocaleDateString(ui.lang, {dateStyle: "long"});
  }

  function today() {
    const now = new Date();
    now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
    return now.toISOString().slice(0, 10);
  }

  // ------------------------------------------------------------------ messages and errors

  /** Put each field error next to its field and sum them up in the section's notice. */
  function showFailure(area, problem, scope) {
    const messages = [...new Set(placeErrors(problem, scope).map((error) => error.message))];
    notify(area, messages.length > 1 ? problemList(messages) : messages[0] || problem.error, true);
  }

  // ------------------------------------------------------------------ the confirmation dialog

  function confirmAction(message, confirmLabel) {
    const dialog = find("[data-dialog]");
    const opener = document.activeElement;
    find("[data-dialog-text]", dialog).textContent = message;
    find("[data-dialog-ok]", dialog).textContent = confirmLabel;
    dialog.returnValue = "";
    dialog.showModal();
    find("[data-dialog-cancel]", dialog).focus();
    return new Promise((resolve) => {
      dialog.addEventListener("close", () => {
        if (opener && isShown(opener)) {
          opener.focus();
        }
        resolve(dialog.returnValue === "ok");
      }, {once: true});
    });
  }

  // ------------------------------------------------------------------ file previews (learner and staff)

  function mediaPreview(file, alt) {
    const size = {width: file.width || null, height: file.height || null};
    switch (file.kind) {
      case "image":
        return el("img", {className: "genm-cw__image", src: file.thumbnail_url || file.url, alt: alt,
          loading: "lazy", ...size});
      case "audio":
        return el("audio", {className: "genm-cw__audio", controls: true, preload: "metadata", src: file.url,
          "aria-label": file.name});
      case "video":
        return el("video", {className: "genm-cw__video", controls: true, preload: "metadata", src: file.url,
          poster: file.thumbnail_url, "aria-label": file.name, ...size});
      case "model3d":
        return el("figure", {className: "genm-cw__card genm-cw__card--model"},
          file.thumbnail_url
            ? el("img", {className: "genm-cw__image", src: file.thumbnail_url, alt: alt, loading: "lazy"})
            : el("span", {className: "genm-cw__cube", "aria-hidden": "true"}),
          el("figcaption", {}, strings.model_preview));
      default:
        return el("div", {className: "genm-cw__card"},
          el("span", {className: "genm-cw__doc", "aria-hidden": "true"}),
          el("span", {}, strings.file_card));
    }
  }

  function filePreview(file, alt) {
    if (file.status === "processing") {
      return el("div", {className: "genm-cw__preview genm-cw__preview--wait"},
        el("span", {className: "genm-ui__spinner", "aria-hidden": "true"}), strings.processing);
    }
    if (file.status === "failed") {
      return el("div", {className: "genm-cw__preview genm-cw__preview--failed"}, file.error || strings.failed);
    }
    return el("div", {className: "genm-cw__preview"}, mediaPreview(file, alt));
  }

  function fileDetails(file, editable) {
    const hiddenName = sr(" " + file.name);
    return el("div", {className: "genm-cw__file-info"},
      el("span", {className: "genm-cw__file-name"}, file.name),
      el("span", {className: "genm-ui__hint"}, fileSize(file.size)),
      el("span", {className: "genm-cw__file-actions"},
        file.download_url
          ? el("a", {className: "genm-ui__link", href: file.download_url, download: true}, strings.download,
            hiddenName.cloneNode(true))
          : null,
        editable
          ? el("button", {type: "button",
            className: "genm-ui__button genm-ui__button--small genm-ui__button--danger-outline",
            "data-remove": file.id, "data-name": file.name}, strings.remove, hiddenName)
          : null));
  }

  /** Redraw a list of files, keeping the items that did not change (a playing video keeps playing). */
  function renderFileList(list, files, options) {
    const existing = new Map(findAll(":scope > [data-file-id]", list).map((item) => [item.dataset.fileId, item]));
    const items = files.map((file) => {
      const alt = options.title || file.name;
      const key = JSON.stringify([file.status, file.url, file.thumbnail_url, file.error, alt, options.editable]);
      const old = existing.get(file.id);
      if (old && old.dataset.key === key) {
        return old;
      }
      return el("li", {className: "genm-cw__file genm-cw__file--" + file.kind, "data-file-id": file.id,
        "data-key": key}, filePreview(file, alt), fileDetails(file, options.editable));
    });
    items.forEach((item, index) => {
      if (list.children[index] !== item) {
        list.insertBefore(item, list.children[index] || null);
      }
    });
    while (list.children.length > items.length) {
      list.lastElementChild.remove();
    }
  }

  /** The grade's feedback file: a download link when ready, its name and the processing note before. */
  function showFeedbackFile(holder, file) {
    show(holder, Boolean(file));
    if (!file) {
      return;
    }
    holder.replaceChildren(
      file.download_url
        ? el("a", {className: "genm-ui__link", href: file.download_url, download: true}, strings.feedback_file)
        : el("span", {}, strings.feedback_file),
      el("span", {className: "genm-ui__hint"}, file.name),
      file.status === "processing" ? el("span", {className: "genm-ui__hint"}, strings.processing) : null);
  }

  function setBadge(badge, status, label) {
    badge.className = "genm-ui__badge genm-ui__badge--" + status;
    badge.textContent = label;
  }

  // ------------------------------------------------------------------ the learner's page

  const learner = find("[data-learner]");
  const draftForm = find("[data-draft-form]");
  const titleInput = find('[data-field="title"]', draftForm);
  const descriptionInput = find('[data-field="description"]', draftForm);
  const galleryInput = find('[data-field="gallery_opt_in"]', draftForm);
  const fileInput = find("[data-file-input]");

  function draftValues() {
    return {title: titleInput.value, description: descriptionInput.value, gallery_opt_in: galleryInput.checked};
  }

  function draftIsDirty() {
    const values = draftValues();
    return Object.keys(savedDraft).some((key) => values[key] !== savedDraft[key]);
  }

  function updateCounter() {
    find("[data-counter]").textContent = format(strings.chars_count,
      {count: descriptionInput.value.length, max: DESCRIPTION_MAX});
  }

  function fillOptions(select, pairs) {
    if (!select.dataset.filled) {
      select.append(...pairs.map(([value, label]) => el("option", {value: value}, label)));
      select.dataset.filled = "true";
    }
  }

  function renderProfile(state) {
    const profile = state.profile;
    const summary = find("[data-profile-summary]");
    show(find("[data-profile-form]"), !profile);
    show(summary, Boolean(profile));
    if (profile) {
      fill(summary, strings.profile_summary, {name: el("strong", {}, profile.public_name),
        age: ageLabel(profile.age_group), region: profile.region_name});
    } else {
      fillOptions(find('[data-field="age_group"]'), state.age_groups.map((group) => [group, ageLabel(group)]));
      fillOptions(find('[data-field="region_code"]'), state.regions);
    }
  }

  function renderStatus(state) {
    const work = state.work;
    const reason = find("[data-return-reason]");
    const submittedAt = find("[data-submitted-at]");
    const due = find("[data-due]");
    setBadge(find("[data-badge]"), work ? work.status : "draft", work ? work.status_label : strings.statuses.draft);
    show(reason, Boolean(work && work.status === "returned" && work.return_reason));
    reason.textContent = work && work.return_reason ? format(strings.return_reason, {reason: work.return_reason}) : "";
    show(submittedAt, Boolean(work && work.submitted_at && work.status !== "draft"));
    submittedAt.textContent = work && work.submitted_at
      ? format(strings.submitted_on, {date: dateTime(work.submitted_at)})
      : "";
    show(due, Boolean(state.due && !state.past_due));
    due.textContent = state.due ? format(strings.due, {date: dateTime(state.due)}) : "";
    show(find("[data-past-due]"), state.past_due);
    find("[data-past-due]").textContent = strings.past_due;
  }

  function renderDraft(state, resetDraft) {
    const work = state.work;
    const saved = {
      title: work ? work.title : "",
      description: work ? work.description : "",
      gallery_opt_in: Boolean(work && work.gallery_opt_in),
    };
    if (resetDraft || !draftIsDirty()) {
      titleInput.value = saved.title;
      descriptionInput.value = saved.description;
      galleryInput.checked = saved.gallery_opt_in;
    }
    savedDraft = saved;
    titleInput.readOnly = !state.can_edit;
    descriptionInput.readOnly = !state.can_edit;
    galleryInput.disabled = !state.can_edit;
    show(find("[data-gallery-field]"), state.gallery_allowed);
    show(find('[data-action="save-draft"]'), state.can_edit);
    show(find("[data-counter]"), state.can_edit);
    updateCounter();
  }

  function renderFiles(state) {
    const limits = state.limits;
    const files = state.work ? state.work.files : [];
    fileInput.accept = limits.accept;
    show(find("[data-picker]"), state.can_edit);
    find("[data-files-hint]").textContent = format(strings.files_hint, {types: limits.extensions.join(", "),
      count: limits.max_files, megabytes: megabytes(limits.max_file_bytes)});
    show(find("[data-no-files]"), files.length === 0);
    find("[data-no-files]").textContent = strings.no_files;
    renderFileList(find("[data-files]"), files, {editable: state.can_edit, title: state.work && state.work.title});
  }

  function renderConsent(state) {
    const section = find("[data-consent]");
    const consent = state.consent;
    show(section, Boolean(state.work && state.work.gallery_opt_in && state.needs_consent));
    show(find("[data-consent-form]"), !consent);
    show(find("[data-consent-given]"), Boolean(consent));
    if (consent) {
      fill(find("[data-consent-who]"), strings.consent_on_record,
        {name: el("strong", {}, consent.guardian_name), date: dateOnly(consent.given_on)});
    } else {
      find("[data-consent-needed]").textContent = strings.consent_needed;
      find("[data-consent-text]").textContent = state.consent_text;
      find('[data-field="given_on"]').max = today();
    }
  }

  function renderGrade(grade) {
    show(find("[data-grade]"), Boolean(grade));
    if (!grade) {
      return;
    }
    find("[data-score]").textContent = format(strings.score, {points: grade.points, max_points: grade.max_points});
    find("[data-feedback]").textContent = grade.feedback;
    showFeedbackFile(find("[data-feedback-file]"), grade.feedback_file);
  }

  /** While the server prepares previews, ask again for the state every POLL_MS, for at most POLL_LIMIT_MS. */
  function pollWhileProcessing(state) {
    const processing = Boolean(state.work && state.work.files.some((file) => file.status === "processing"));
    window.clearTimeout(pollTimer);
    if (!processing) {
      pollStarted = 0;
      return;
    }
    pollStarted = pollStarted || Date.now();
    if (Date.now() - pollStarted < POLL_LIMIT_MS) {
      pollTimer = window.setTimeout(() => {
        postJson("get_state").then(render, () => pollWhileProcessing(current));
      }, POLL_MS);
    }
  }

  function render(state, options) {
    current = state;
    show(find("[data-loading]"), false);
    show(learner, true);
    renderProfile(state);
    renderStatus(state);
    renderDraft(state, Boolean(options && options.resetDraft));
    renderFiles(state);
    renderConsent(state);
    show(find('[data-action="submit"]'), state.can_submit);
    show(find('[data-action="withdraw"]'), state.can_withdraw);
    renderGrade(state.work && state.work.grade);
    pollWhileProcessing(state);
  }

  /** Call a learner handler, redraw from its answer, then tell the learner (message) or show what went wrong. */
  function act(area, handler, body, done) {
    clearMessages(learner);
    return postJson(handler, body).then((state) => {
      render(state, {resetDraft: handler === "save_draft"});
      if (done.message) {
        notify(area, done.message);
      }
      keepFocus(done.focus);
    }, (problem) => showFailure(area, problem, learner));
  }

  function saveProfile(button) {
    const form = find("[data-profile-form]");
    const value = (field) => find('[data-field="' + field + '"]', form).value;
    run(button, () => act("profile", "save_profile",
      {age_group: value("age_group"), region_code: value("region_code"), nickname: value("nickname").trim()},
      {message: strings.saved, focus: find("[data-profile-summary]")}));
  }

  function saveDraft(button) {
    run(button, () => act("draft", "save_draft", draftValues(), {message: strings.saved}));
  }

  function submitWork(button) {
    run(button, () => confirmAction(strings.submit_confirm, button.textContent.trim()).then((confirmed) => {
      if (!confirmed) {
        return null;
      }
      clearMessages(learner);
      const saved = current.work && !draftIsDirty()
        ? Promise.resolve(current)
        : postJson("save_draft", draftValues()).then((state) => {
          render(state, {resetDraft: true});
          return state;
        });
      return saved.then(
        () => act("actions", "submit", {}, {message: strings.submitted, focus: find("[data-work-heading]")}),
        (problem) => showFailure("actions", problem, learner));
    }));
  }

  function confirmThen(button, question, area, handler, done) {
    run(button, () => confirmAction(question, button.textContent.trim()).then(
      (confirmed) => (confirmed ? act(area, handler, {}, done) : null)));
  }

  function removeFile(button) {
    const question = format(strings.remove_confirm, {name: button.dataset.name});
    run(button, () => confirmAction(question, strings.remove).then((confirmed) => (confirmed
      ? act("files", "remove_file", {file_id: button.dataset.remove},
        {message: strings.removed, focus: find("[data-files-heading]")})
      : null)));
  }

  function giveConsent(button) {
    const form = find("[data-consent-form]");
    const field = (name) => find('[data-field="' + name + '"]', form);
    run(button, () => act("consent", "give_consent", {guardian_name: field("guardian_name").value.trim(),
      given_on: field("given_on").value, agreed: field("agreed").checked},
    {message: strings.consent_given, focus: find("[data-consent-heading]")}));
  }

  // ------------------------------------------------------------------ uploads

  function extensionOf(name) {
    return name.includes(".") ? name.split(".").pop().toLowerCase() : "";
  }

  /** The convenience checks before an upload (the server checks again); a message, or "" when it may go. */
  function uploadProblem(file) {
    const limits = current.limits;
    const work = current.work;
    const count = work ? work.files.length : 0;
    const total = work ? work.total_size : 0;
    if (!limits.extensions.includes(extensionOf(file.name))) {
      return format(strings.wrong_type, {types: limits.extensions.join(", ")});
    }
    if (file.size > limits.max_file_bytes) {
      return format(strings.too_big, {megabytes: megabytes(limits.max_file_bytes)});
    }
    if (count >= limits.max_files) {
      return format(strings.too_many, {count: limits.max_files});
    }
    if (total + file.size > limits.max_total_bytes) {
      return format(strings.total_too_big, {megabytes: megabytes(limits.max_total_bytes)});
    }
    return "";
  }

  function uploadOne(file) {
    const labelId = newId();
    const progress = el("progress", {className: "genm-cw__progress", max: 100, value: 0, "aria-labelledby": labelId});
    const row = el("li", {className: "genm-cw__upload"},
      el("span", {id: labelId, className: "genm-cw__upload-name"}, format(strings.uploading, {name: file.name})),
      progress);
    find("[data-uploads]").append(row);
    announce(format(strings.uploading, {name: file.name}));
    const body = new FormData();
    body.append("file", file, file.name);
    return postForm("upload_file", body, (fraction) => {
      if (fraction < 1) {
        progress.value = Math.round(fraction * 100);
      } else {
        progress.removeAttribute("value");
      }
    }).finally(() => row.remove());
  }

  async function uploadAll(files) {
    const problems = [];
    clearMessages(learner);
    fileInput.disabled = true;
    for (const file of files) {
      const problem = uploadProblem(file);
      if (problem) {
        problems.push([file.name, problem]);
        continue;
      }
      try {
        render(await uploadOne(file));
        announce(format(strings.uploaded, {name: file.name}));
      } catch (refusal) {
        const messages = Object.values(refusal.fieldErrors);
        problems.push([file.name, messages.length ? messages.join(" ") : refusal.error]);
      }
    }
    fileInput.disabled = false;
    if (problems.length) {
      notify("files", problemList(problems.map(([name, message]) => [el("strong", {}, name), message])), true);
    }
    keepFocus(fileInput);
  }

  // ------------------------------------------------------------------ staff: the list, one work, grading, export

  const staffPanel = find('[data-panel="staff"]');
  const staff = {loaded: false, search: "", page: 1, rows: new Map(), workId: null, opener: null, exportTimer: null};

  function staffRow(row) {
    return el("tr", {},
      el("td", {}, el("span", {className: "genm-cw__file-name"}, row.username),
        el("span", {className: "genm-ui__hint"}, row.public_name)),
      el("td", {}, row.title),
      el("td", {}, el("span", {className: "genm-ui__badge genm-ui__badge--" + row.status}, row.status_label)),
      el("td", {}, row.submitted_at ? dateTime(row.submitted_at) : "—"),
      el("td", {}, row.points === null ? "—" : String(row.points)),
      el("td", {}, String(row.file_count)),
      el("td", {}, el("button", {type: "button", className: "genm-ui__button genm-ui__button--small",
        "data-open": row.id}, strings.open, sr(" " + row.title))));
  }

  function renderStaffList(data) {
    const hasRows = data.works.length > 0;
    staff.page = data.page;
    staff.rows = new Map(data.works.map((row) => [row.id, row]));
    find("[data-staff-rows]").replaceChildren(...data.works.map(staffRow));
    show(find("[data-staff-table]"), hasRows);
    show(find("[data-staff-empty]"), !hasRows);
    find("[data-staff-empty]").textContent = staff.search ? strings.staff_no_match : strings.staff_empty;
    show(find("[data-pager]"), data.num_pages > 1);
    find("[data-page-text]").textContent = format(strings.staff_page, {page: data.page, pages: data.num_pages});
    find('[data-action="prev-page"]').setAttribute("aria-disabled", String(data.page <= 1));
    find('[data-action="next-page"]').setAttribute("aria-disabled", String(data.page >= data.num_pages));
  }

  function loadStaffList() {
    const list = find("[data-staff-list]");
    clearMessages(list);
    return postJson("staff_works", {search: staff.search, page: staff.page})
      .then(renderStaffList, (problem) => showFailure("staff-list", problem, list));
  }

  function regionName(code) {
    const pair = current && current.regions.find(([value]) => value === code);
    return pair ? pair[1] : code || "—";
  }

  function renderStaffWork(data) {
    const detail = find("[data-staff-detail]");
    const work = data.work;
    const grade = work.grade;
    const row = staff.rows.get(work.id);
    const facts = {username: data.username, public_name: row ? row.public_name : "—",
      age: data.age_group ? ageLabel(data.age_group) : "—", region: regionName(data.region_code),
      submitted_at: work.submitted_at ? dateTime(work.submitted_at) : "—"};
    staff.workId = work.id;
    find("[data-detail-heading]", detail).textContent = work.title;
    setBadge(find("[data-detail-badge]", detail), work.status, work.status_label);
    findAll("[data-detail]", detail).forEach((node) => {
      node.textContent = facts[node.dataset.detail];
    });
    find("[data-detail-description]", detail).textContent = work.description;
    renderFileList(find("[data-detail-files]", detail), work.files, {editable: false, title: work.title});
    show(find("[data-detail-consent]", detail), Boolean(data.consent));
    if (data.consent) {
      fill(find("[data-detail-consent-who]", detail), strings.consent_on_record,
        {name: el("strong", {}, data.consent.guardian_name), date: dateOnly(data.consent.given_on)});
      find("[data-detail-consent-text]", detail).textContent = data.consent.consent_text;
    }
    const points = find('[data-field="points"]', detail);
    points.max = data.max_points;
    points.value = grade ? grade.points : "";
    find('[data-field="feedback"]', detail).value = grade ? grade.feedback : "";
    find('[data-field="file"]', detail).value = "";
    find("[data-points-hint]", detail).textContent = format(strings.points_hint, {max: data.max_points});
    showFeedbackFile(find("[data-detail-feedback-file]", detail), grade && grade.feedback_file);
  }

  function openWork(button) {
    const list = find("[data-staff-list]");
    clearMessages(list);
    run(button, () => postJson("staff_work", {work_id: button.dataset.open}).then((data) => {
      const detail = find("[data-staff-detail]");
      clearMessages(detail);
      renderStaffWork(data);
      staff.opener = button.dataset.open;
      show(list, false);
      show(detail, true);
      find("[data-detail-heading]", detail).focus();
    }, (problem) => showFailure("staff-list", problem, list)));
  }

  function closeWork() {
    show(find("[data-staff-detail]"), false);
    show(find("[data-staff-list]"), true);
    const opener = find('[data-open="' + CSS.escape(staff.opener || "") + '"]');
    (opener || find("[data-search-input]")).focus();
  }

  function saveGrade(button) {
    const detail = find("[data-staff-detail]");
    const body = new FormData();
    const upload = find('[data-field="file"]', detail).files[0];
    body.append("work_id", staff.workId);
    body.append("points", find('[data-field="points"]', detail).value);
    body.append("feedback", find('[data-field="feedback"]', detail).value);
    if (upload) {
      body.append("feedback_file", upload, upload.name);
    }
    clearMessages(detail);
    run(button, () => postForm("grade", body).then((data) => {
      renderStaffWork(data);
      notify("grade", strings.graded);
      return loadStaffList();
    }, (problem) => showFailure("grade", problem, detail)));
  }

  function showExportWaiting() {
    show(find("[data-export-link]"), false);
    show(find("[data-export-status]"), true);
    find("[data-export-text]").textContent = strings.export_building;
  }

  function showExport(data) {
    const link = find("[data-export-link]");
    show(find("[data-export-status]"), false);
    if (data.status === "pending") {
      showExportWaiting();
      staff.exportTimer = window.setTimeout(() => postJson("export_status", {export_id: data.id})
        .then(showExport, (problem) => notify("export", problem.error, true)), POLL_MS);
    } else if (data.status === "ready") {
      link.href = data.url;
      link.textContent = format(strings.export_ready, {count: data.file_count});
      show(link, true);
      announce(link.textContent);
    } else {
      notify("export", strings.export_failed, true);
    }
  }

  function requestExport(button) {
    window.clearTimeout(staff.exportTimer);
    clearMessages(find("[data-export]"));
    showExportWaiting();
    announce(strings.export_building);
    run(button, () => postJson("request_export").then(showExport, (problem) => {
      show(find("[data-export-status]"), false);
      notify("export", problem.error, true);
    }));
  }

  function goToPage(button, delta) {
    if (button.getAttribute("aria-disabled") === "true") {
      return;
    }
    staff.page += delta;
    run(button, loadStaffList);
  }

  function search(button) {
    staff.search = find("[data-search-input]").value.trim();
    staff.page = 1;
    run(button, loadStaffList);
  }

  // ------------------------------------------------------------------ tabs (staff only)

  const selectTab = ui.tabs((tab) => {
    if (tab.dataset.tab === "staff" && !staff.loaded) {
      staff.loaded = true;
      loadStaffList();
    }
  });

  // ------------------------------------------------------------------ wiring

  const actions = {
    "save-profile": saveProfile,
    "save-draft": saveDraft,
    "submit": submitWork,
    "withdraw": (button) => confirmThen(button, strings.withdraw_confirm, "actions", "withdraw",
      {message: strings.withdrawn, focus: find("[data-work-heading]")}),
    "give-consent": giveConsent,
    "revoke-consent": (button) => confirmThen(button, strings.revoke_confirm, "consent", "revoke_consent",
      {message: strings.consent_revoked, focus: find("[data-consent-heading]")}),
    "search": search,
    "prev-page": (button) => goToPage(button, -1),
    "next-page": (button) => goToPage(button, 1),
    "export": requestExport,
    "back": closeWork,
    "grade": saveGrade,
  };

  function onClick(event) {
    const button = event.target.closest("button");
    if (!button || !root.contains(button)) {
      return;
    }
    if (button.dataset.action in actions) {
      actions[button.dataset.action](button);
    } else if (button.dataset.remove) {
      removeFile(button);
    } else if (button.dataset.open) {
      openWork(button);
    } else if (button.getAttribute("role") === "tab") {
      selectTab(button);
    }
  }

  function start() {
    const dialog = find("[data-dialog]");
    wireIds();
    root.addEventListener("click", onClick);
    findAll("form").forEach((form) => form.addEventListener("submit", ui.submitWith("[data-action]")));
    find("[data-dialog-ok]", dialog).addEventListener("click", () => dialog.close("ok"));
    find("[data-dialog-cancel]", dialog).addEventListener("click", () => dialog.close(""));
    if (staffPanel) {
      find("[data-search-input]").placeholder = strings.staff_search;
    }
    if (!args.signed_in) {
      return;
    }
    descriptionInput.addEventListener("input", updateCounter);
    fileInput.addEventListener("change", () => {
      const chosen = Array.from(fileInput.files);
      fileInput.value = "";
      uploadAll(chosen);
    });
    postJson("get_state").then(render, (problem) => {
      show(find("[data-loading]"), false);
      find("[data-live]").textContent = problem.error;
      find("[data-loading]").after(el("p", {className: "genm-ui__notice genm-ui__notice--error"}, problem.error));
    });
  }

  start();
}
