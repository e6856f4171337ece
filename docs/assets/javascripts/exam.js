/* Exam practice (quizzes/exam-practice/): the answer box, word count, timer, marking-point
   checklist, self-mark and outline for each question the page renders as
   <div class="ipt-written" data-question data-marks data-words data-seconds data-points>.
   Without this script the page still shows every question, point and outline (<details>).
   Saved in this browser only, in the student's record (record.js, loaded first; the shape is in
   README.md beside this file), by the question's identity (#ipt-quiz-data): the answer is kept
   while the prompt is unchanged, a ticked point while that point is, the self-mark while the
   whole marking scheme is. Nothing is sent anywhere. */
(function () {
  "use strict";
  var record = window.iptRecord;
  var questions = {};  // id -> identity (#ipt-quiz-data)
  (record ? record.quizzes() : []).forEach(function (quiz) {
    quiz.questions.forEach(function (q) { questions[q.id] = q; });
  });

  function load(id) {
    return record && questions[id] ? record.examState(record.load(), questions[id]) : {};
  }
  function save(id, data) {
    if (!record || !questions[id]) return;  // no record: the page still works for this visit
    record.update(function (saved) { record.putExam(saved, questions[id], data); });
  }
  function forget(id) {
    if (record) record.update(function (saved) { delete saved.exam[id]; });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text) node.textContent = text;
    return node;
  }
  function words(text) {
    var found = text.trim().match(/\S+/g);
    return found ? found.length : 0;
  }
  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // Credit as extra (data-extra="N" on the question): a choice of 0 to N marks for material
  // beyond the notes, below the note that says what earns them. Returns a function that gives
  // the marks chosen (and shows them in the control); the mark itself never exceeds the
  // question's marks (see enhance's update). Saved as "extra" with the rest of the answer.
  function extraControl(box, id, current, changed) {
    var most = +box.dataset.extra || 0;
    var note = box.querySelector(".ipt-extra");
    if (!most || !note) return function () { return 0; };
    var choice = el("select", { id: "ipt-extra-" + id });
    for (var n = 0; n <= most; n++) {
      choice.appendChild(el("option", { value: String(n) }, n + (n === 1 ? " mark" : " marks")));
    }
    var row = el("p", { class: "ipt-extra-choice" });
    row.append(el("label", { for: choice.id }, "Extra material in your answer earns: "), choice);
    note.insertAdjacentElement("afterend", row);
    choice.addEventListener("change", function () {
      current().extra = +choice.value;
      changed();
    });
    return function () {
      var value = Math.min(most, Math.max(0, Math.floor(+current().extra || 0)));
      choice.value = String(value);
      return value;
    };
  }

  // "Your mark: 15 of 15 marks (13 for the marking points + 2 extra)."
  function markText(got, extra, marks) {
    var total = Math.min(marks, got + extra);
    var credited = total - got;
    return "Your mark: " + total + " of " + marks + " marks" + (extra ? " (" + got +
      " for the marking points + " + credited + " extra" +
      (credited < extra ? ", as the mark never exceeds " + marks : "") + ")." : ".");
  }

  function enhance(box, number) {
    var id = box.dataset.question;
    var marks = +box.dataset.marks;
    var limit = +box.dataset.seconds;
    var pointMarks = box.dataset.points.split(" ").map(Number);
    var points = box.querySelector("details.ipt-points");
    var outline = box.querySelector("details.ipt-outline");
    var state = load(id);
    state.text = state.text || "";
    state.ticked = Array.isArray(state.ticked) ? state.ticked : [];
    state.elapsed = +state.elapsed || 0;

    // The answer box, its word count, the printed copy of the answer.
    var field = el("div", { class: "ipt-answer" });
    var label = el("label", { for: "ipt-answer-" + id }, "Your answer to question " + number);
    var area = el("textarea", { id: "ipt-answer-" + id, rows: "10",
                                "aria-describedby": "ipt-count-" + id, spellcheck: "true" });
    var count = el("p", { id: "ipt-count-" + id, class: "ipt-count" });
    var printed = el("div", { class: "ipt-printed", "aria-hidden": "true" });
    area.value = state.text;
    field.append(label, area, count, printed);

    // The timer: optional, counts down the question's time at the examination's pace.
    var timer = el("p", { class: "ipt-timer" });
    var shown = el("span", { role: "timer" });
    var run = el("button", { type: "button", class: "md-button" });
    var ticking = null;
    timer.append(run, " ", shown);

    // Clear this question.
    var clear = el("button", { type: "button", class: "md-button ipt-clear" },
                   "Clear this answer");

    // The checklist: one checkbox per marking point; the self-mark below.
    var mark = el("p", { class: "ipt-mark", "aria-live": "polite" });
    var boxes = [];
    points.querySelectorAll(":scope > ul > li").forEach(function (item, i) {
      var reread = item.querySelector(".ipt-reread");
      var check = el("input", { type: "checkbox", id: "ipt-point-" + id + "-" + i });
      var text = el("label", { for: check.id });
      while (item.firstChild && item.firstChild !== reread) text.appendChild(item.firstChild);
      item.insertBefore(text, reread);
      item.insertBefore(check, text);
      check.addEventListener("change", function () {
        state.ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) {
          return boxes.indexOf(b);
        });
        update();
      });
      boxes.push(check);
    });
    points.querySelector("ul").insertAdjacentElement("beforebegin", el("p", {},
      "Tick each point your answer covered. A point you missed links to the section to reread."));
    points.appendChild(mark);
    points.insertAdjacentElement("beforebegin", field);
    field.insertAdjacentElement("afterend", timer);
    box.appendChild(clear);
    // The marking points were edited since the student marked this answer: the answer and the
    // ticks on unchanged points are kept, the self-mark waits for a new comparison.
    var changed = null;
    if (state.changed) {
      changed = el("p", { class: "ipt-changed" }, "The marking points of this question have " +
        "changed since you marked your answer: compare with them again.");
      points.insertAdjacentElement("beforebegin", changed);
    }
    var extra = extraControl(box, id, function () { return state; }, update);

    function update() {
      var n = words(area.value);
      count.textContent = n + (n === 1 ? " word" : " words") + " (suggested: about " +
        box.dataset.words + ")";
      printed.textContent = area.value;
      var got = 0;
      boxes.forEach(function (b, i) {
        b.checked = state.ticked.indexOf(i) !== -1;
        if (b.checked) got += pointMarks[i];
        b.parentNode.classList.toggle("ipt-missed", !b.checked);
      });
      mark.textContent = state.compared ? markText(got, extra(), marks) : "";
      outline.hidden = !state.compared;
      var left = limit - state.elapsed;
      shown.textContent = left > 0 ? clock(left) + " left" : "Time is up.";
      run.textContent = ticking ? "Pause the timer" :
        (state.elapsed ? "Resume the timer" : "Start the timer (" + clock(limit) + ")");
      state.text = area.value;
      if (state.text || state.compared || state.elapsed) save(id, state);
    }

    area.addEventListener("input", update);
    points.addEventListener("toggle", function () {
      if (points.open && !state.compared) {
        if (changed) changed.remove();
        state.compared = true;
        state.viewed = true;
        update();
      }
    });
    run.addEventListener("click", function () {
      if (ticking) {
        clearInterval(ticking);
        ticking = null;
      } else {
        var start = Date.now() - state.elapsed * 1000;
        ticking = setInterval(function () {
          state.elapsed = Math.floor((Date.now() - start) / 1000);
          if (state.elapsed >= limit) {
            clearInterval(ticking);
            ticking = null;
          }
          update();
        }, 1000);
      }
      update();
    });
    clear.addEventListener("click", function () {
      if (!window.confirm("Clear your answer to question " + number +
                          ", its ticked points and its timer?")) return;
      clearInterval(ticking);
      ticking = null;
      forget(id);
      if (changed) changed.remove();
      state = { text: "", ticked: [], elapsed: 0 };
      area.value = "";
      update();
      area.focus();
    });
    points.open = !!state.compared;
    update();
  }

  document.querySelectorAll(".ipt-written").forEach(function (box, i) {
    enhance(box, i + 1);
  });
})();
