/* The mock paper (quizzes/NAME/mock-paper/, quizkit/written.py): the student picks a paper (each
   of the YAML's `papers:`, laid out as <div class="ipt-paper" data-paper data-seconds data-marks>
   with groups <div class="ipt-paper-section" data-answer>, or any five questions of the bank,
   <div class="ipt-bank" data-paper data-count data-seconds-per-mark>), sits it against ONE clock,
   writing in the boxes or on paper, then marks each answer with the exam page's own block
   (window.iptExam.enhance, exam.js, loaded first). The paper's mark counts, in each group, the
   first answers marked up to the number the group asks for.
   A sitting is kept in the record (record.js) under papers[data-paper]: its questions, its clock
   (limit, elapsed, since: the clock runs on the wall clock while the page is closed, as in the
   hall), when writing ended, where the student wrote, every answer (an exam answer's shape) and
   the mark; earlier sittings' marks in results. README.md beside this file has the shape. */
(function () {
  "use strict";
  var exam = window.iptExam, record = window.iptRecord;
  var templates = [].slice.call(document.querySelectorAll(".ipt-paper, .ipt-bank"));
  if (!exam || !templates.length) return;
  var el = exam.el, clock = exam.clock, plural = exam.plural;
  var WARN = [1800, 600, 300];  // "30 minutes left"…, as an invigilator says

  // Every block as built (before exam.js changes it), by question id; the bank in its order.
  var blocks = {}, order = [];
  document.querySelectorAll(".ipt-written").forEach(function (box) {
    blocks[box.dataset.question] = box.cloneNode(true);
  });
  Object.keys(exam.questions).forEach(function (id) { if (blocks[id]) order.push(id); });
  if (!order.length) order = Object.keys(blocks);

  // The page's papers, read from their layout, which is then taken off the page (a sitting
  // shows a fresh copy): no doubled ids, nothing to read before the clock starts.
  var root = el("div", { class: "ipt-mock" });
  templates[0].insertAdjacentElement("beforebegin", root);
  var papers = templates.map(function (node) {
    node.remove();
    var title = node.querySelector("h2");
    var bank = node.classList.contains("ipt-bank");
    return { key: node.dataset.paper, node: node, bank: bank,
             title: title ? title.textContent.replace(/\u00b6$/, "").trim() : "",
             seconds: +node.dataset.seconds, marks: +node.dataset.marks,
             count: +node.dataset.count || 5, perMark: +node.dataset.secondsPerMark || 150 };
  });

  function now() { return new Date().toISOString(); }
  function load(key) {
    var saved = record ? record.load() : null;
    return saved && saved.papers && saved.papers[key] || null;
  }
  // Change the sitting of `key` in the record (read, change, write).
  function change(key, how) {
    if (!record) return;
    record.update(function (saved) {
      saved.papers = saved.papers || {};
      how(saved.papers, saved.papers[key]);
    });
  }
  // Seconds the clock has run: elapsed, plus the time since it was last started.
  function used(sitting) {
    var run = sitting.since ? (Date.now() - Date.parse(sitting.since)) / 1000 : 0;
    return Math.min(sitting.limit, Math.floor(sitting.elapsed + Math.max(0, run)));
  }
  function duration(seconds) {
    var m = Math.ceil(seconds / 60), h = Math.floor(m / 60);
    return (h ? plural(h, "hour", "hours") : "") + (h && m % 60 ? " " : "") +
      (m % 60 || !h ? plural(m % 60, "minute", "minutes") : "");
  }
  function when(iso) {
    var date = new Date(iso);
    return isNaN(date) ? "" : date.toLocaleDateString(undefined, { day: "numeric", month: "long" });
  }
  function button(text, primary) {
    return el("button", { type: "button", class: "md-button" + (primary ? " md-button--primary" : "") },
              text);
  }
  function topicOf(id) { return blocks[id].dataset.topic || id; }
  function marksOf(id) { return +blocks[id].dataset.marks; }

  // --- Choosing a paper ------------------------------------------------------------------------

  var picker = el("div", { class: "ipt-mock-picker" });
  var how = el("fieldset", { class: "ipt-mock-how" });
  how.appendChild(el("legend", {}, "Where will you write your answers?"));
  [["box", "In the answer boxes on this page"],
   ["paper", "On paper, as in the examination hall (the page shows the questions and the " +
    "clock; afterwards you tick the points each answer covered)"]].forEach(function (choice, i) {
    var input = el("input", { type: "radio", name: "ipt-mock-how", value: choice[0],
                              id: "ipt-mock-how-" + choice[0] });
    input.checked = i === 0;
    var row = el("p", { class: "ipt-on-paper" });
    row.append(input, el("label", { for: input.id }, choice[1]));
    how.appendChild(row);
  });
  picker.appendChild(how);
  var said = el("p", { class: "ipt-mock-said", role: "status" });

  papers.forEach(function (paper) {
    var card = el("section", { class: "ipt-mock-choice", "aria-labelledby": "ipt-mock-" + paper.key });
    var heading = el("h2", { id: "ipt-mock-" + paper.key });
    card.appendChild(heading);
    paper.card = card;
    paper.last = el("p", { class: "ipt-mock-last" });
    paper.review = button("See your answers and marks");
    paper.review.addEventListener("click", function () { open(paper); });
    if (paper.bank) {
      heading.textContent = paper.title;
      card.appendChild(el("p", {}, "Choose any " + paper.count + " questions and sit them as " +
        "one paper, with the time they deserve at the examination's pace (2\u00bd minutes a " +
        "mark)."));
      var list = el("fieldset", { class: "ipt-mock-pick" });
      list.appendChild(el("legend", {}, "Your " + paper.count + " questions"));
      paper.boxes = order.map(function (id) {
        var input = el("input", { type: "checkbox", id: "ipt-pick-" + id, value: id });
        var row = el("p", { class: "ipt-on-paper" });
        var beyond = blocks[id].querySelector(".ipt-beyond") ? ", optional" : "";
        row.append(input, el("label", { for: input.id },
                             topicOf(id) + " (" + marksOf(id) + " marks" + beyond + ")"));
        list.appendChild(row);
        input.addEventListener("change", function () { chosen(paper); });
        return input;
      });
      paper.chosen = el("p", { class: "ipt-mock-chosen", role: "status" });
      var lucky = button("Choose " + paper.count + " for me");
      lucky.addEventListener("click", function () { choose(paper); });
      paper.start = button("Sit these " + paper.count, true);
      card.append(list, paper.chosen, lucky, paper.start, paper.last, paper.review);
      chosen(paper);
    } else {
      var title = paper.node.querySelector("h2");
      [].forEach.call(title.childNodes, function (node) {
        if (!(node.classList && node.classList.contains("headerlink"))) {
          heading.appendChild(node.cloneNode(true));
        }
      });
      var facts = paper.node.querySelector(".ipt-paper-facts");
      var instruction = facts && facts.nextElementSibling;
      card.appendChild(el("p", {}, (facts ? facts.textContent + " " : "") +
                                   (instruction ? instruction.textContent : "")));
      paper.start = button("Sit this paper", true);
      card.append(paper.start, paper.last, paper.review);
    }
    paper.start.addEventListener("click", function () { start(paper); });
    picker.appendChild(card);
  });
  picker.appendChild(said);
  var sittingArea = el("div", { class: "ipt-sitting" });
  root.append(picker, sittingArea);

  function picked(paper) {
    return paper.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }
  function chosen(paper) {
    var ids = picked(paper), marks = ids.reduce(function (a, id) { return a + marksOf(id); }, 0);
    paper.chosen.textContent = ids.length + " of " + paper.count + " chosen" + (ids.length ?
      ": " + marks + " marks, " + duration(marks * paper.perMark) + "." : ".");
    said.textContent = "";
  }
  // Three long answers and two short notes from the syllabus (at random), if the bank has them.
  function choose(paper) {
    var open = order.filter(function (id) { return !blocks[id].querySelector(".ipt-beyond"); });
    var shuffled = open.map(function (id) { return [Math.random(), id]; }).sort()
      .map(function (pair) { return pair[1]; });
    var long = shuffled.filter(function (id) { return marksOf(id) >= 10; }).slice(0, 3);
    var rest = shuffled.filter(function (id) { return long.indexOf(id) === -1; });
    var short = rest.filter(function (id) { return marksOf(id) < 10; });
    var ids = long.concat(short, rest).slice(0, paper.count);
    paper.boxes.forEach(function (b) { b.checked = ids.indexOf(b.value) !== -1; });
    chosen(paper);
  }

  function showPicker() {
    papers.forEach(function (paper) {
      var sitting = load(paper.key), got = sitting && sitting.mark;
      paper.last.hidden = paper.review.hidden = !(sitting && sitting.ended);
      paper.last.textContent = got ? "Last sat on " + when(sitting.ended) + ": self-marked " +
        got.got + " of " + got.of + " marks." : sitting && sitting.ended ?
        "Last sat on " + when(sitting.ended) + ": not marked yet." : "";
    });
    sittingArea.textContent = "";
    picker.hidden = false;
  }

  // --- Sitting a paper -------------------------------------------------------------------------

  // Start a sitting of `paper` (of the questions `ids`, when sat again).
  function start(paper, ids) {
    ids = ids || (paper.bank ? picked(paper) : [].map.call(
      paper.node.querySelectorAll(".ipt-written"), function (b) { return b.dataset.question; }));
    if (paper.bank && ids.length !== paper.count) {
      said.textContent = "Choose " + paper.count + " questions first (" + ids.length +
        " chosen).";
      return;
    }
    var old = load(paper.key);
    if (old && !window.confirm("Sit \u201c" + paper.title + "\u201d again? The answers of your " +
        "last sitting are cleared" + (old.mark ? "; its mark (" + old.mark.got + " of " +
        old.mark.of + ") stays in My progress." : "."))) return;
    // Any five: their marks at the examination's pace, up to the whole minute.
    var seconds = paper.bank ? Math.ceil(ids.reduce(function (a, id) {
      return a + marksOf(id); }, 0) * paper.perMark / 60) * 60 : paper.seconds;
    var onPaper = document.getElementById("ipt-mock-how-paper").checked;
    change(paper.key, function (all, before) {
      var results = before && before.results ? before.results : [];
      if (before && before.mark) results.push(before.mark);
      all[paper.key] = { questions: ids, limit: seconds, elapsed: 0, since: now(),
                         started: now(), ended: null, onPaper: onPaper, answers: {},
                         mark: null, results: results };
    });
    said.textContent = "";
    var opened = open(paper);
    if (opened) opened.title.focus();
  }

  // The sitting of `paper` on the page: its copy of the paper, the clock, the blocks.
  function open(paper) {
    var sitting = load(paper.key);
    if (!sitting) {
      showPicker();
      return null;
    }
    picker.hidden = true;
    sittingArea.textContent = "";
    var bar = el("div", { class: "ipt-clock" });
    var left = el("span", { role: "timer", class: "ipt-clock-left" });
    var sofar = el("span", { class: "ipt-clock-left" });
    // Short words on a phone's one line; a screen reader hears the whole name.
    var pause = button(""), pauseWord = el("span"), finish = button("Finish");
    pause.append(pauseWord, el("span", { class: "ipt-hidden" }, " the clock"));
    finish.appendChild(el("span", { class: "ipt-hidden" }, " and mark my answers"));
    var compare = button("Compare with the marking points", true);
    bar.append(left, sofar, pause, finish, compare);
    var spoken = el("p", { class: "ipt-hidden", "aria-live": "polite" });
    var body = paper.bank ? ownPaper(paper, sitting) : paper.node.cloneNode(true);
    var summary = el("div", { class: "ipt-mock-summary", tabindex: "-1" });
    var total = el("p", { class: "ipt-mark", "aria-live": "polite" });
    var spent = el("p");
    var notes = el("ul");
    summary.append(el("h2", {}, "Mark your answers"), el("p", {}, "Under each question you " +
      "answered, tick the points your answer covered (for a point worth more than 1 mark, " +
      "choose the marks it earns). Wrote on paper? Tick \u201cI wrote this answer on paper\u201d " +
      "under the question, then tick the points you covered." + (paper.bank ? "" : " In each " +
      "group, the first answers you mark count, up to the number the group asks for.")), spent,
      total, notes);
    var end = el("div", { class: "ipt-mock-end" });
    var done = button("I have finished: mark my answers", true);
    var again = button("Sit this paper again");
    var back = button("Choose another paper");
    end.append(done, again, back);
    var onPaperNote = el("p", { class: "ipt-mock-note" }, sitting.onPaper ?
      "You are writing on paper: write each answer as in the hall. When the time is up, or " +
      "you have finished, tick \u201cI wrote this answer on paper\u201d under each question " +
      "you answered, then tick the points you covered." :
      "Write your answers in the boxes (kept in this browser as you type). Writing some on " +
      "paper? Tick \u201cI wrote this answer on paper\u201d under them.");
    body.insertBefore(onPaperNote, body.querySelector(".ipt-paper-section, h4") || null);
    sittingArea.append(bar, spoken, summary, body, end);

    var warned = WARN.filter(function (s) { return sitting.limit - used(sitting) <= s; });
    var ticking = null;

    function phase() {
      if (sitting.ended) return "marking";
      return sitting.since && used(sitting) < sitting.limit ? "writing" : "stopped";
    }
    var set = { phase: phase, onPaper: !!sitting.onPaper };
    var sections = [].map.call(body.querySelectorAll(".ipt-paper-section"), function (section) {
      var items = [].map.call(section.querySelectorAll(".ipt-written"), function (box) {
        return exam.enhance(box, { label: box.dataset.label, sitting: set,
                                   store: store(box.dataset.question), changed: tally });
      });
      return { answer: +section.dataset.answer || items.length, items: items,
               heading: ((section.querySelector("h3") || {}).textContent || "")
                 .replace(/\u00b6/g, "").trim() };
    });
    var ready = true;

    function store(id) {
      var q = exam.questions[id];
      return {
        load: function () {
          return record && q ? record.examState({ exam: sitting.answers }, q) : {};
        },
        save: function (state) {
          if (!record || !q) return;
          change(paper.key, function (all, saved) {
            if (!saved) return;
            record.putExam({ exam: saved.answers }, q, state);
            sitting.answers = saved.answers;
          });
        },
        forget: function () {},
      };
    }

    // The paper's mark: in each group, the first answers marked, up to the number it asks for.
    function tally() {
      if (!ready || phase() !== "marking") return;
      var got = 0, marked = 0, lines = [];
      sections.forEach(function (section) {
        var counted = 0;
        section.items.forEach(function (item) {
          var r = item.result();
          if (!r.marked) return;
          marked++;
          if (counted < section.answer) got += r.total;
          counted++;
        });
        if (counted > section.answer) {
          lines.push((section.heading || "This paper") + " asks for " + section.answer +
            " answers; you marked " + counted + ", so the first " + section.answer + " count.");
        }
      });
      var of = paper.bank ? sections[0].items.reduce(function (a, item) {
        return a + item.result().marks; }, 0) : paper.marks;
      var unmarked = sections.reduce(function (a, s) {
        return a + s.items.filter(function (item) {
          var r = item.result();
          return r.written && !r.marked;
        }).length;
      }, 0);
      if (unmarked) lines.push(plural(unmarked, "answer is", "answers are") + " written but " +
        "not marked yet: open its marking points, or write at least " + exam.MIN_WORDS +
        " words, or tick \u201cI wrote this answer on paper\u201d.");
      total.textContent = "Your mark: " + got + " of " + of + " marks (" +
        plural(marked, "answer", "answers") + " marked).";
      sofar.textContent = "Marking: " + got + " of " + of + " so far";
      notes.textContent = "";
      lines.forEach(function (line) { notes.appendChild(el("li", {}, line)); });
      var mark = { got: got, of: of, answered: marked, elapsed: used(sitting),
                   at: sitting.ended };
      if (!sitting.mark || sitting.mark.got !== got || sitting.mark.answered !== marked) {
        sitting.mark = mark;
        change(paper.key, function (all, saved) { if (saved) saved.mark = mark; });
      }
    }

    function show() {
      var p = phase(), rest = sitting.limit - used(sitting);
      bar.classList.toggle("ipt-time-up", p === "stopped" && rest <= 0);
      left.textContent = rest <= 0 ? "Time is up: stop writing." : clock(rest) + " left" +
        (p === "stopped" ? " (paused)" : "");
      left.hidden = p === "marking";
      spent.textContent = sitting.elapsed >= sitting.limit ? "The time was up: you used all " +
        duration(sitting.limit) + "." : "You finished with " +
        clock(sitting.limit - sitting.elapsed) + " to spare, of " + duration(sitting.limit) + ".";
      sofar.hidden = p !== "marking";
      pause.hidden = p === "marking" || rest <= 0;
      pauseWord.textContent = p === "writing" ? "Pause" : "Resume";
      finish.hidden = p === "marking" || rest <= 0;
      compare.hidden = !(p === "stopped" && rest <= 0);
      done.hidden = p === "marking";
      again.hidden = back.hidden = p !== "marking";
      summary.hidden = p !== "marking";
    }

    function refresh() {
      sections.forEach(function (s) { s.items.forEach(function (item) { item.update(); }); });
      show();
      tally();
    }

    function tick() {
      var rest = sitting.limit - used(sitting);
      WARN.forEach(function (s) {
        if (rest <= s && rest > 0 && warned.indexOf(s) === -1) {
          warned.push(s);
          spoken.textContent = plural(s / 60, "minute", "minutes") + " left.";
        }
      });
      if (rest <= 0 && ticking) {
        clearInterval(ticking);
        ticking = null;
        exam.announce("Time is up. Stop writing, then compare each answer with its marking " +
                      "points.");
        refresh();
        return;
      }
      show();
    }
    function running() {
      clearInterval(ticking);
      ticking = phase() === "writing" ? setInterval(tick, 1000) : null;
    }

    // End the writing (time up, or finished early): the clock stops where it is; marking.
    function endWriting() {
      var spent = used(sitting), at = now();
      change(paper.key, function (all, saved) {
        if (!saved) return;
        saved.elapsed = spent;
        saved.since = null;
        saved.ended = at;
      });
      sitting.elapsed = spent;
      sitting.since = null;
      sitting.ended = at;
      clearInterval(ticking);
      ticking = null;
      refresh();
      summary.focus();
    }

    pause.addEventListener("click", function () {
      var spent = used(sitting), since = sitting.since ? null : now();
      change(paper.key, function (all, saved) {
        if (saved) {
          saved.elapsed = spent;
          saved.since = since;
        }
      });
      sitting.elapsed = spent;
      sitting.since = since;
      running();
      refresh();
    });
    finish.addEventListener("click", function () {
      if (window.confirm("Finish now and mark your answers? You cannot write more in this " +
                         "sitting.")) endWriting();
    });
    done.addEventListener("click", function () {
      if (sitting.limit - used(sitting) <= 0) endWriting();
      else finish.click();
    });
    compare.addEventListener("click", endWriting);
    again.addEventListener("click", function () { start(paper, sitting.questions); });
    back.addEventListener("click", function () {
      clearInterval(ticking);
      showPicker();
      papers[0].card.querySelector("h2").scrollIntoView();
    });
    running();
    refresh();
    var title = body.querySelector("h2");
    title.tabIndex = -1;
    return { title: title };
  }

  // "Any five": the chosen questions as one group, to answer all, numbered 1 to 5.
  function ownPaper(paper, sitting) {
    var body = el("div", { class: "ipt-paper" });
    var marks = 0;
    var section = el("div", { class: "ipt-paper-section", "data-answer": String(sitting.questions.length) });
    sitting.questions.forEach(function (id, i) {
      if (!blocks[id]) return;
      var box = blocks[id].cloneNode(true);
      var note = /^Short note:/.test(topicOf(id)) ? ": short note" : "";
      marks += marksOf(id);
      box.dataset.label = "question " + (i + 1);
      section.append(el("h3", {}, "Question " + (i + 1) + note + " (" + marksOf(id) + " marks)"),
                     box);
    });
    body.append(el("h2", {}, paper.title),
                el("p", { class: "ipt-paper-facts" }, "Time: " + duration(sitting.limit) +
                   ". Full marks: " + marks + "."),
                el("p", {}, "Answer all " + sitting.questions.length + " questions."), section);
    return body;
  }

  // On opening the page: a sitting still being written (or whose time ran out) comes back.
  var current = papers.map(function (paper) { return [paper, load(paper.key)]; })
    .filter(function (pair) { return pair[1] && !pair[1].ended; })
    .sort(function (a, b) { return a[1].started < b[1].started ? 1 : -1; })[0];
  showPicker();
  if (current) open(current[0]);
})();
