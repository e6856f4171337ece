/* My progress (home page only): reads back the student's record (record.js, loaded first; shape in
   README.md beside this file) for the questions as they are on this build (#ipt-quiz-data: each
   question's identity). An answer counts only while its question has the fingerprint it was
   given under.
   The page carries the map (quizkit/written.py): links with data-ipt-page/-count (self-checks),
   data-ipt-written/-points/-marks/-extra (exam practice), data-ipt-paper (mock papers: the
   record's key of the sitting), and hidden section links with data-ipt-reread tokens
   ("q:<question id>", "w:<question id>/<point number>"). An exam answer's self-mark is added
   up by exam.js's rule (window.iptExam, loaded before this script), as on the exam page.
   Also: save the record to a file, load one (replacing this browser's record, after a
   confirmation), clear everything. */
(function () {
  "use strict";
  var record = window.iptRecord, rules = window.iptExam;
  var data = document.querySelector(".ipt-progress-data");
  if (!data || !record || !rules) return;
  var checks = [].slice.call(data.querySelectorAll("a[data-ipt-page]"));
  var exams = [].slice.call(data.querySelectorAll("a[data-ipt-written]"));
  var mocks = [].slice.call(data.querySelectorAll("a[data-ipt-paper]"));
  var examLinks = {};
  exams.forEach(function (link) { examLinks[link.dataset.iptWritten] = link; });
  var sections = [].slice.call(document.querySelectorAll(".ipt-reread-data a[data-ipt-reread]"));
  var byPage = {}, written = {};
  record.quizzes().forEach(function (quiz) {
    byPage[quiz.quiz] = quiz;
    quiz.questions.forEach(function (q) { if (q.kind === "written") written[q.id] = q; });
  });

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function status(link, text) {
    var span = link.parentNode.querySelector(".ipt-status");
    if (!span) {
      span = el("span", "", "ipt-status");
      link.parentNode.appendChild(span);
    }
    span.textContent = ": " + text;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // A self-check's line: the attempt under way, else the latest ended one (and questions new or
  // changed since it), else not started.
  function quizStatus(saved, quiz) {
    var attempts = saved.quizzes[quiz.quiz], total = quiz.questions.length;
    if (!attempts) return "not started";
    var tried = quiz.questions.map(function (q) { return record.tryFor(attempts.current, q); })
      .filter(Boolean);
    var right = tried.filter(function (t) { return t.ok; }).length;
    var best = attempts.best ? "; best so far " + attempts.best.correct + " of " +
      attempts.best.total : "";
    if (tried.length) {
      return tried.length + " of " + total + " answered, " + right + " right the first time" + best;
    }
    var latest = attempts.latest;
    if (!latest) return "not started";
    var fresh = quiz.questions.filter(function (q) {
      return !record.answer(saved, q) && !record.tryFor(attempts.extra, q);
    }).length;
    return "latest try " + latest.correct + " of " + latest.total + " right the first time" +
      best + (fresh ? "; " + plural(fresh, "new or changed question", "new or changed questions") +
      " to answer" : "");
  }

  var panel = el("div", "", "ipt-progress");
  var heading = el("h3", "What to reread");
  var list = el("ol");
  var none = el("p");
  var keepHeading = el("h3", "Keep your progress, or move it");
  var keepText = el("p", "Your progress is saved only in this browser. Save it to a file to " +
    "keep it safe, or to carry on in another browser or on another device: there, load the " +
    "file here on the home page. Loading a file replaces the progress saved in that browser.");
  var actions = el("div", "", "ipt-file-actions");
  var saveButton = el("button", "Save my progress to a file", "md-button");
  var loadButton = el("button", "Load progress from a file", "md-button");
  var chooser = el("input");
  chooser.type = "file";
  chooser.accept = ".json,application/json";
  chooser.hidden = true;
  chooser.setAttribute("aria-hidden", "true");
  chooser.tabIndex = -1;
  saveButton.type = loadButton.type = "button";
  actions.append(saveButton, loadButton, chooser);
  var fileSaid = el("p", "", "ipt-file-status");
  fileSaid.setAttribute("role", "status");
  var clearText = el("p", "On a shared computer, clear your answers when you finish.");
  var clear = el("button", "Clear everything this module saved in this browser", "md-button");
  clear.type = "button";
  var said = el("p");
  said.setAttribute("role", "status");
  panel.append(heading, list, none, keepHeading, keepText, actions, fileSaid, clearText, clear,
               said);
  data.insertAdjacentElement("afterend", panel);

  function show() {
    var saved = record.load(), wrong = {}, missed = {};
    checks.forEach(function (link) {
      var quiz = byPage[link.dataset.iptPage];
      if (!quiz) return;
      quiz.questions.forEach(function (q) {
        var entry = record.answer(saved, q);
        if (entry && entry.correct === false) wrong["q:" + q.id] = true;
      });
      status(link, quizStatus(saved, quiz));
    });
    exams.forEach(function (link) {
      var id = link.dataset.iptWritten;
      var answer = written[id] ? record.examState(saved, written[id]) : { ticked: [] };
      var got = examMark(answer, id, missed);
      status(link, got.marked ? "self-marked " + got.total + " of " + got.marks + " marks" :
        /\S/.test(answer.text || "") ? "answer written, not yet compared" :
        answer.viewed ? "marking points viewed" : "not attempted");
    });
    mocks.forEach(function (link) {
      var sitting = saved.papers && saved.papers[link.dataset.iptPaper];
      status(link, sitting ? sittingStatus(sitting, missed) : "not sat yet");
    });
    var reread = sections.map(function (link, order) {
      var count = link.dataset.iptReread.split(" ").filter(function (token) {
        return wrong[token] || missed[token];
      }).length;
      return { link: link, count: count, order: order };
    }).filter(function (item) { return item.count > 0; });
    reread.sort(function (a, b) { return b.count - a.count || a.order - b.order; });
    list.textContent = "";
    reread.forEach(function (item) {
      var li = el("li");
      li.appendChild(item.link.cloneNode(true));
      li.append(" (" + item.count + (item.count === 1 ? " question or point missed)"
                                                      : " questions or points missed)"));
      list.appendChild(li);
    });
    list.hidden = !reread.length;
    none.hidden = !!reread.length;
    none.textContent = "Nothing yet: wrong answers and missed marking points will bring " +
      "their sections here.";
  }

  // --- Exam practice and mock papers ----------------------------------------------------------

  // An exam answer's self-mark (exam.js's rule, from the question's figures on its link); the
  // points it missed, if marked, go to `missed` (for What to reread).
  function examMark(answer, id, missed) {
    var link = examLinks[id];
    if (!link) return { marked: false };
    var pointMarks = link.dataset.iptPoints.split(" ").map(Number);
    var got = rules.mark(answer, written[id], pointMarks, +link.dataset.iptMarks,
                         +link.dataset.iptExtra || 0);
    if (got.marked) {
      got.credits.forEach(function (c, i) { if (c < pointMarks[i]) missed["w:" + id + "/" + i] = true; });
    }
    return got;
  }

  function day(iso) {
    var date = new Date(iso);
    return isNaN(date) ? "" : " on " + date.toLocaleDateString(undefined,
      { day: "numeric", month: "long" });
  }

  // A mock paper's line: under way (time left), time up, or sat and marked; its earlier mark.
  // The points its marked answers missed go to `missed` too.
  function sittingStatus(sitting, missed) {
    sitting.questions.forEach(function (id) {
      if (written[id]) examMark(record.examState({ exam: sitting.answers }, written[id]), id, missed);
    });
    var earlier = sitting.results && sitting.results.length ?
      sitting.results[sitting.results.length - 1] : null;
    var before = earlier ? "; the time before, " + earlier.got + " of " + earlier.of : "";
    if (!sitting.ended) {
      var run = sitting.since ? (Date.now() - Date.parse(sitting.since)) / 1000 : 0;
      var left = sitting.limit - sitting.elapsed - Math.max(0, run);
      return (left > 0 ? "under way, " + rules.clock(left) + " left" +
        (sitting.since ? "" : " (clock paused)") : "time is up: mark your answers") + before;
    }
    var mark = sitting.mark;
    return "sat" + day(sitting.ended) + ": " + (mark && mark.answered ? "self-marked " +
      mark.got + " of " + mark.of + " marks (" + plural(mark.answered, "answer", "answers") +
      " marked)" : "not marked yet") + before;
  }

  // --- Files -----------------------------------------------------------------------------------

  saveButton.addEventListener("click", function () {
    var name = record.fileName(new Date());
    var url = URL.createObjectURL(new Blob([record.exportText()], { type: "application/json" }));
    var link = el("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has its own copy once started; the address is freed a little later.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    fileSaid.textContent = "Saved as " + name + " (in your downloads). Keep it: in another " +
      "browser or on another device, open this page and load it with \u201cLoad progress from " +
      "a file\u201d.";
  });

  // What a progress file holds, in words, for the confirmation.
  function describe(loaded) {
    var answers = Object.keys(loaded.questions).filter(function (id) {
      return loaded.questions[id].answer;
    }).length;
    var essays = Object.keys(loaded.exam).filter(function (id) {
      return /\S/.test(loaded.exam[id].text);
    }).length;
    var when = Date.parse(loaded.saved || loaded.updated || "");
    return plural(answers, "self-check answer", "self-check answers") + " and " +
      plural(essays, "exam-practice answer", "exam-practice answers") +
      (isNaN(when) ? "" : ", saved on " + new Date(when).toLocaleDateString(undefined,
        { day: "numeric", month: "long", year: "numeric" }));
  }

  loadButton.addEventListener("click", function () {
    chooser.value = "";  // the same file chosen again still counts as a choice
    chooser.click();
  });

  chooser.addEventListener("change", function () {
    var file = chooser.files && chooser.files[0];
    if (!file) return;
    if (file.size > record.MAX_FILE_BYTES) {  // not read at all: no progress file is near this
      fileSaid.textContent = "Not loaded: this file is far larger than a progress file. " +
        "Nothing was changed.";
      return;
    }
    file.text().then(function (text) {
      var parsed = record.parseFile(text);
      if (parsed.error) {
        fileSaid.textContent = "Not loaded: " + parsed.error + " Nothing was changed.";
        return;
      }
      if (!window.confirm("Load \u201c" + file.name + "\u201d (" + describe(parsed.record) +
                          ")? It replaces everything this module saved in this browser " +
                          "(save that to a file first if you want to keep it).")) {
        fileSaid.textContent = "Not loaded: nothing was changed.";
        return;
      }
      fileSaid.textContent = record.replace(parsed.record) ?
        "Loaded " + file.name + ": your progress below is now the file's." :
        "Not loaded: this browser does not let the page save. Nothing was changed.";
      show();
      record.showContinue();
    }, function () {
      fileSaid.textContent = "Not loaded: this file could not be read. Nothing was changed.";
    });
  });

  clear.addEventListener("click", function () {
    if (!window.confirm("Clear every answer, self-mark and exam-practice answer this module " +
                        "saved in this browser? This cannot be undone.")) return;
    said.textContent = record.clear() ?
      "Cleared: nothing from this module is saved in this browser now." :
      "This browser does not let the page clear its storage.";
    show();
  });
  show();
})();
