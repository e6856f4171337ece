/* Written answers: the answer box, word count, timer, marking points, self-mark and outline of
   each question block <div class="ipt-written" data-question data-marks data-words data-seconds
   data-points data-label> (quizkit/written.py), on exam practice (quizzes/exam-practice/) and,
   through window.iptExam.enhance, in a mock paper's sitting (paper.js). Without this script
   the page still shows every question, point and outline (<details>).
   The rule for what a self-mark is and how it adds up is here once (window.iptExam), for the
   page, the mock paper and My progress (the home page loads this script for it):
   - an answer can be marked once the box holds at least MIN_WORDS words or the student says
     it was written on paper; opening the points before that is a peek ("viewed"), not a mark;
   - a point earns its marks when ticked, or part of them (partial, by point id) if it is worth
     more than 1; credit as extra (data-extra) adds up to its marks; the total never exceeds
     the question's marks.
   Saved in this browser only, in the student's record (record.js, loaded first; the shape is in
   README.md beside this file), by the question's identity (#ipt-quiz-data). */
(function () {
  "use strict";
  var record = window.iptRecord;
  var MIN_WORDS = 20;
  var questions = {};  // id -> identity (#ipt-quiz-data)
  (record ? record.quizzes() : []).forEach(function (quiz) {
    quiz.questions.forEach(function (q) { questions[q.id] = q; });
  });

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text) node.textContent = text;
    return node;
  }
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function words(text) {
    var found = String(text || "").trim().match(/\S+/g);
    return found ? found.length : 0;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  // 12:30, or 2:59:05 from an hour up.
  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    var ss = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m).padStart(2, "0") + ":" + ss : Math.floor(s / 60) + ":" + ss;
  }

  // --- The rule (window.iptExam) ------------------------------------------------------------

  function markable(state) { return !!state.onPaper || words(state.text) >= MIN_WORDS; }
  function selfMarked(state) { return !!state.compared && markable(state); }

  // The marks each point earns: all of them when ticked, else its partial credit (by point id).
  function credits(state, q, pointMarks) {
    var partial = state.partial || {}, ticked = state.ticked || [];
    return pointMarks.map(function (most, i) {
      if (ticked.indexOf(i) !== -1) return most;
      var pid = q ? q.points[i] : String(i);
      return own(partial, pid) ? Math.max(0, Math.min(most, Math.floor(+partial[pid]) || 0)) : 0;
    });
  }

  // {credits, points, extra, total, marks, marked}: the self-mark of an answer (state: as
  // record.examState gives it) to a question of `marks` whose points are worth pointMarks.
  function mark(state, q, pointMarks, marks, extraMost) {
    var given = credits(state, q, pointMarks);
    var points = given.reduce(function (a, b) { return a + b; }, 0);
    var extra = Math.min(extraMost || 0, Math.max(0, Math.floor(+state.extra || 0)));
    return { credits: given, points: points, extra: extra, total: Math.min(marks, points + extra),
             marks: marks, marked: selfMarked(state) };
  }

  // "Your mark: 15 of 15 marks (13 for the marking points + 2 extra)."
  function markText(result) {
    var credited = result.total - result.points;
    return "Your mark: " + result.total + " of " + result.marks + " marks" + (result.extra ?
      " (" + result.points + " for the marking points + " + credited + " extra" +
      (credited < result.extra ? ", as the mark never exceeds " + result.marks : "") + ")." : ".");
  }

  // The answer's length beside its mark, against the suggested length (30 words a mark).
  function lengthText(n, suggested) {
    var said = n + " of about " + suggested + " words: ";
    if (n < suggested * 2 / 3) return said + "an examiner would expect more development.";
    if (n > suggested * 3 / 2) {
      return n + " words, about " + suggested + " suggested: in the examination the extra " +
        "time comes from your other answers.";
    }
    return said + "about the length an examiner expects.";
  }

  // One live region per page for what must be heard at once (time up).
  var alertRegion = null;
  function announce(text) {
    if (!alertRegion) {
      alertRegion = el("div", { class: "ipt-announce", role: "alert" });
      document.body.appendChild(alertRegion);
    }
    alertRegion.textContent = "";
    setTimeout(function () { alertRegion.textContent = text; }, 50);
  }

  // Credit as extra (data-extra="N"): a choice of 0 to N marks below the note that says what
  // earns them. Returns {show(value, usable)}; the choice is saved as "extra".
  function extraControl(box, key, state, changed) {
    var most = +box.dataset.extra || 0;
    var note = box.querySelector(".ipt-extra");
    if (!most || !note) return { show: function () {} };
    var choice = el("select", { id: "ipt-extra-" + key });
    for (var n = 0; n <= most; n++) {
      choice.appendChild(el("option", { value: String(n) }, plural(n, "mark", "marks")));
    }
    var row = el("p", { class: "ipt-extra-choice" });
    row.append(el("label", { for: choice.id }, "Extra material in your answer earns: "), choice);
    note.insertAdjacentElement("afterend", row);
    choice.addEventListener("change", function () {
      state().extra = +choice.value;
      changed();
    });
    return { show: function (value, usable) { choice.value = String(value); choice.disabled = !usable; } };
  }

  // The controls of one marking point: a checkbox for a 1-mark point; for a point worth more,
  // a choice of 0 to its marks (radio buttons, each a 44 px target). set(i, marks) is called
  // on a change; returns {show(credit, usable)}.
  function pointControl(item, i, most, key, set) {
    var reread = item.querySelector(".ipt-reread");
    var inputs = [], text;
    if (most <= 1) {
      var check = el("input", { type: "checkbox", id: "ipt-point-" + key + "-" + i });
      text = el("label", { for: check.id, class: "ipt-point-text" });
      while (item.firstChild && item.firstChild !== reread) text.appendChild(item.firstChild);
      item.insertBefore(check, reread);
      item.insertBefore(text, reread);
      check.addEventListener("change", function () { set(i, check.checked ? most : 0); });
      inputs.push(check);
    } else {
      var group = el("fieldset", { class: "ipt-credit" });
      text = el("legend", { class: "ipt-point-text" });
      while (item.firstChild && item.firstChild !== reread) text.appendChild(item.firstChild);
      var choices = el("div", { class: "ipt-credit-choices" });
      choices.appendChild(el("span", { "aria-hidden": "true" }, "Marks:"));
      for (var n = 0; n <= most; n++) {
        var option = el("label", { class: "ipt-credit-choice" });
        var radio = el("input", { type: "radio", name: "ipt-credit-" + key + "-" + i,
                                  value: String(n) });
        radio.addEventListener("change", function (event) { set(i, +event.target.value); });
        option.append(radio, el("span", {}, String(n)),
                      el("span", { class: "ipt-hidden" }, " of " + most + " marks"));
        choices.appendChild(option);
        inputs.push(radio);
      }
      group.append(text, choices);
      item.insertBefore(group, reread);
      item.classList.add("ipt-multi");
    }
    return {
      show: function (credit, usable) {
        inputs.forEach(function (input) {
          input.checked = input.type === "checkbox" ? credit >= most : +input.value === credit;
          input.disabled = !usable;
        });
      },
    };
  }

  // --- One question block --------------------------------------------------------------------

  // opts: label ("question 4"), store {load(), save(state), forget()}, and for a block in a
  // mock paper's sitting, sitting {phase(): "writing" | "stopped" | "marking", onPaper} and
  // changed() (the paper adds up its mark). Returns {result(), update()}.
  function enhance(box, opts) {
    var id = box.dataset.question, q = questions[id], key = id;  // key: of the block's element ids
    var marks = +box.dataset.marks, limit = +box.dataset.seconds, suggested = +box.dataset.words;
    var pointMarks = box.dataset.points.split(" ").map(Number);
    var points = box.querySelector("details.ipt-points");
    var outline = box.querySelector("details.ipt-outline");
    var sitting = opts.sitting || null;
    var state = fresh(opts.store.load());
    var opened = false;  // in a sitting's marking, a written answer's points open once by themselves
    // The marking points changed since the student compared: the answer and the ticks on
    // unchanged points are kept; the self-mark waits until the points are opened again.
    var pending = !!state.changed;

    function fresh(saved) {
      saved.text = saved.text || "";
      saved.ticked = Array.isArray(saved.ticked) ? saved.ticked : [];
      saved.elapsed = +saved.elapsed || 0;
      return saved;
    }

    // The answer box, its word count, "I wrote this answer on paper", the printed copy.
    var field = el("div", { class: "ipt-answer" });
    var area = el("textarea", { id: "ipt-answer-" + key, rows: "10", spellcheck: "true",
                                "aria-describedby": "ipt-count-" + key });
    var count = el("p", { id: "ipt-count-" + key, class: "ipt-count" });
    var onPaper = el("input", { type: "checkbox", id: "ipt-on-paper-" + key });
    var paperRow = el("p", { class: "ipt-on-paper" });
    paperRow.append(onPaper, el("label", { for: onPaper.id }, "I wrote this answer on paper"));
    var printed = el("div", { class: "ipt-printed", "aria-hidden": "true" });
    area.value = state.text;
    field.append(el("label", { for: area.id, class: "ipt-answer-label" },
                    "Your answer to " + opts.label), area, count, paperRow, printed);
    points.insertAdjacentElement("beforebegin", field);

    // The marking points: how to mark, why marking waits (a peek), the controls, the mark.
    var how = el("p");
    var wait = el("p", { class: "ipt-wait" });
    var result = el("p", { class: "ipt-mark", "aria-live": "polite" });
    var length = el("p", { class: "ipt-length" });
    var list = points.querySelector("ul");
    list.insertAdjacentElement("beforebegin", wait);
    list.insertAdjacentElement("beforebegin", how);
    var controls = [].map.call(points.querySelectorAll(":scope > ul > li"), function (item, i) {
      return { item: item, control: pointControl(item, i, pointMarks[i], key, setCredit) };
    });
    points.append(result, length);
    var changedNote = null;
    if (pending) {
      changedNote = el("p", { class: "ipt-changed" }, "The marking points of this question " +
        "have changed since you marked your answer: compare with them again.");
      points.insertAdjacentElement("beforebegin", changedNote);
    }
    var extra = extraControl(box, key, function () { return state; }, update);

    // The timer (exam practice only): optional, the question's time at the examination's pace.
    // At zero the block changes colour, a screen reader hears it, and the button leads to the
    // marking points.
    var timer = null, run = null, shown = null, compare = null, ticking = null;
    var clear = null;
    if (!sitting) {
      timer = el("div", { class: "ipt-timer" });
      run = el("button", { type: "button", class: "md-button" });
      compare = el("button", { type: "button", class: "md-button md-button--primary" },
                   "Compare with the marking points");
      shown = el("span", { role: "timer" });
      timer.append(run, compare, shown);
      field.insertAdjacentElement("beforebegin", timer);  // above the box: seen while writing
      clear = el("button", { type: "button", class: "md-button ipt-clear" }, "Clear this answer");
      box.appendChild(clear);
    }

    function setCredit(i, given) {
      var pid = q ? q.points[i] : String(i);
      state.ticked = state.ticked.filter(function (t) { return t !== i; });
      if (state.partial) delete state.partial[pid];
      if (given >= pointMarks[i]) {
        state.ticked.push(i);
        state.ticked.sort(function (a, b) { return a - b; });
      } else if (given > 0) {
        state.partial = state.partial || {};
        state.partial[pid] = given;
      }
      update();
    }

    function update() {
      var phase = sitting ? sitting.phase() : "practice";
      var n = words(area.value);
      state.text = area.value;
      state.onPaper = onPaper.checked;
      var usable = markable(state);
      state.compared = !!state.viewed && usable && !pending;
      var got = mark(state, q, pointMarks, marks, +box.dataset.extra || 0);

      count.textContent = plural(n, "word", "words") + " (suggested: about " + suggested + ")";
      printed.textContent = area.value;
      // In a sitting: no writing once the clock stops; an empty box is not shown then, nor
      // any box in a sitting written on paper (only "I wrote this answer on paper", to mark).
      var locked = phase === "stopped" || phase === "marking";
      area.readOnly = locked;
      var boxShown = !(sitting && sitting.onPaper) && !(locked && !/\S/.test(area.value));
      area.hidden = count.hidden = !boxShown;
      field.querySelector(".ipt-answer-label").hidden = !boxShown;
      paperRow.hidden = !!sitting && sitting.onPaper && phase !== "marking";
      points.hidden = phase === "writing" || phase === "stopped";
      if (phase === "marking" && !opened && (state.onPaper || /\S/.test(state.text))) {
        opened = true;
        points.open = true;
      }

      how.textContent = (state.onPaper ? "Wrote on paper? Tick the points you covered." :
        "Tick each point your answer covered.") + (Math.max.apply(null, pointMarks) > 1 ?
        " For a point worth more than 1 mark, choose the marks your answer earns for it." : "") +
        " A point you missed links to the section to reread.";
      wait.hidden = usable;
      wait.textContent = "To mark this answer, write at least " + MIN_WORDS + " words in the " +
        "box (it has " + plural(n, "word", "words") + "), or tick \u201cI wrote this answer " +
        "on paper\u201d. Until then you are only viewing the marking points.";
      controls.forEach(function (c, i) {
        c.control.show(got.credits[i], usable);
        c.item.classList.toggle("ipt-missed", got.credits[i] < pointMarks[i]);
      });
      extra.show(got.extra, usable);
      result.textContent = state.compared ? markText(got) : "";
      length.textContent = !state.compared ? "" : n < MIN_WORDS ?
        "Written on paper: the suggested length is about " + suggested + " words." :
        lengthText(n, suggested);
      outline.hidden = !state.compared || phase === "writing" || phase === "stopped";
      if (timer) showTimer();
      if (state.text || state.viewed || state.elapsed || state.onPaper) opts.store.save(state);
      if (opts.changed) opts.changed();
    }

    function showTimer() {
      var left = limit - state.elapsed, up = left <= 0;
      box.classList.toggle("ipt-time-up", up);
      run.hidden = up;
      run.textContent = ticking ? "Pause the timer" :
        state.elapsed ? "Resume the timer" : "Start a " + clock(limit) + " timer";
      compare.hidden = !up || points.open;
      shown.textContent = up ? "Time is up." : ticking || state.elapsed ? clock(left) + " left" : "";
    }

    area.addEventListener("input", update);
    onPaper.addEventListener("change", update);
    points.addEventListener("toggle", function () {
      if (points.open) {  // opened: the points are viewed (a self-mark once the answer is)
        pending = false;
        if (changedNote) changedNote.remove();
        state.viewed = true;
      }
      update();
    });
    if (timer) {
      run.addEventListener("click", function () {
        if (ticking) {
          clearInterval(ticking);
          ticking = null;
        } else {
          var start = Date.now() - state.elapsed * 1000;
          ticking = setInterval(function () {
            state.elapsed = Math.min(limit, Math.floor((Date.now() - start) / 1000));
            if (state.elapsed >= limit) {
              clearInterval(ticking);
              ticking = null;
              announce("Time is up for " + opts.label + ". Compare your answer with the " +
                       "marking points.");
            }
            update();
          }, 1000);
        }
        update();
      });
      compare.addEventListener("click", function () {
        points.open = true;
        points.querySelector("summary").focus();
      });
      clear.addEventListener("click", function () {
        if (!window.confirm("Clear your answer to " + opts.label + ", its ticked points and " +
                            "its timer?")) return;
        clearInterval(ticking);
        ticking = null;
        opts.store.forget();
        pending = false;
        if (changedNote) changedNote.remove();
        state = fresh({});
        area.value = "";
        onPaper.checked = false;
        points.open = false;
        update();
        area.focus();
      });
    }
    onPaper.checked = !!state.onPaper;
    points.open = !sitting && selfMarked(state) && !pending;
    update();
    return {
      update: update,
      result: function () {
        var got = mark(state, q, pointMarks, marks, +box.dataset.extra || 0);
        got.id = id;
        got.written = !!(state.onPaper || /\S/.test(state.text));
        return got;
      },
    };
  }

  // A store in the record's exam answers (exam practice), by question id.
  function practiceStore(id) {
    var q = questions[id];
    return {
      load: function () { return record && q ? record.examState(record.load(), q) : {}; },
      save: function (state) {
        if (!record || !q) return;  // no record: the page still works for this visit
        record.update(function (saved) { record.putExam(saved, q, state); });
      },
      forget: function () {
        if (record) record.update(function (saved) { delete saved.exam[id]; });
      },
    };
  }

  window.iptExam = {
    MIN_WORDS: MIN_WORDS, words: words, markable: markable, selfMarked: selfMarked, mark: mark,
    clock: clock, plural: plural, el: el, announce: announce, enhance: enhance,
    questions: questions,
  };

  // Exam practice: every block on the page (the mock paper's page has paper.js do it). The
  // first block, and the one a link points at ("Continue where you left off": #<question id>,
  // its heading), are set up at once; the others one per task, in page order, so a phone never
  // stalls while all 13 are built (in one task they were most of Lighthouse's Total Blocking
  // Time on this page). A block waiting for its turn carries data-ipt-setting-up (the browser
  // tests wait until no block does: tests/browser/conftest.py, open_context).
  if (document.querySelector(".ipt-paper, .ipt-bank")) return;
  var boxes = [].slice.call(document.querySelectorAll(".ipt-written"));
  function setUp(box) {
    if (!box || !box.hasAttribute("data-ipt-setting-up")) return;
    box.removeAttribute("data-ipt-setting-up");
    enhance(box, { label: box.dataset.label || "question " + (boxes.indexOf(box) + 1),
                   store: practiceStore(box.dataset.question) });
  }
  function linkedTo() {  // the block the address's #fragment is in or heads, if any
    var target = null;
    try { target = document.getElementById(decodeURIComponent(location.hash.slice(1))); }
    catch (error) { return null; }  // a malformed address: no block is linked to
    if (!target) return null;
    return target.closest(".ipt-written") || boxes.filter(function (box) {
      return target.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING;
    })[0];
  }
  boxes.forEach(function (box) { box.setAttribute("data-ipt-setting-up", ""); });
  setUp(boxes[0]);
  setUp(linkedTo());
  boxes.forEach(function (box) {  // a task each (one that fails stops no other); setUp skips
    setTimeout(function () { setUp(box); }, 0);  // the two already set up
  });
})();
