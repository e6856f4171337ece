/* My progress (home page only): reads back what this module saved in this browser.
   - Self-checks: quiz.js's "ipt:attempts:<quiz page>" (first-try scores; data-ipt-page), else
     mkdocs-quiz's own "quiz_progress_<page path>" ({"quiz-N": {answered, correct,
     selectedValues}}), the page path being the quiz link's own.
   - Exam practice: "ipt:exam:<question id>" (exam.js).
   The page carries the map (quizkit/written.py): links with data-ipt-quiz/-count,
   data-ipt-written/-points, and hidden section links with data-ipt-reread tokens
   ("q3/quiz-5", "w:<question id>/<point>"). Keys are described in README.md beside this file. */
(function () {
  "use strict";
  var data = document.querySelector(".ipt-progress-data");
  if (!data) return;
  var quizzes = [].slice.call(data.querySelectorAll("a[data-ipt-quiz]"));
  var exams = [].slice.call(data.querySelectorAll("a[data-ipt-written]"));
  var sections = [].slice.call(document.querySelectorAll(".ipt-reread-data a[data-ipt-reread]"));

  function read(key) {
    try {
      var value = JSON.parse(localStorage.getItem(key));
      return value && typeof value === "object" ? value : null;
    } catch (e) {
      return null;
    }
  }
  // mkdocs-quiz keys by location.pathname: /quizzes/x/ (or /quizzes/x/index.html), x.html offline.
  function quizKeys(link) {
    var path = new URL(link.href).pathname;
    var keys = ["quiz_progress_" + path];
    if (/\/$/.test(path)) keys.push("quiz_progress_" + path + "index.html");
    return keys;
  }
  function quizData(link) {
    var merged = {};
    quizKeys(link).forEach(function (key) {
      var saved = read(key) || {};
      for (var id in saved) merged[id] = saved[id];
    });
    return merged;
  }
  function examData(link) {
    return read("ipt:exam:" + link.dataset.iptWritten) || {};
  }
  function status(link, text) {
    var span = link.parentNode.querySelector(".ipt-status");
    if (!span) {
      span = document.createElement("span");
      span.className = "ipt-status";
      link.parentNode.appendChild(span);
    }
    span.textContent = ": " + text;
  }

  // The status from quiz.js's record, and {"quiz-N": {answered, correct}} for what to reread:
  // the questions wrong the first time in the attempt under way, and those missed in the
  // latest ended attempt and not put right since.
  function fromAttempts(link, record) {
    var total = record.total || link.dataset.iptCount, wrong = {}, answers = {};
    var current = record.current || {}, latest = record.latest;
    var ids = Object.keys(current), right = ids.filter(function (id) { return current[id]; });
    ids.forEach(function (id) { if (!current[id]) wrong[id] = true; });
    if (latest) {
      (latest.missed || []).forEach(function (id) {
        if ((latest.fixed || []).indexOf(id) === -1) wrong[id] = true;
      });
    }
    record.questions.forEach(function (question, i) {
      if (wrong[question.id]) answers["quiz-" + i] = { answered: true, correct: false };
    });
    var best = record.best ? "; best so far " + record.best.correct + " of " +
      record.best.total : "";
    status(link, ids.length ? ids.length + " of " + total + " answered, " + right.length +
      " right the first time" + best : latest ? "latest try " + latest.correct + " of " +
      latest.total + " right the first time" + best : "not started");
    return answers;
  }

  var panel = document.createElement("div");
  panel.className = "ipt-progress";
  var heading = document.createElement("h3");
  heading.textContent = "What to reread";
  var list = document.createElement("ol");
  var none = document.createElement("p");
  var clear = document.createElement("button");
  clear.type = "button";
  clear.className = "md-button";
  clear.textContent = "Clear everything this module saved in this browser";
  var said = document.createElement("p");
  said.setAttribute("role", "status");
  panel.append(heading, list, none, clear, said);
  data.insertAdjacentElement("afterend", panel);

  function show() {
    var saved = {}, missed = {};
    quizzes.forEach(function (link) {
      var record = read("ipt:attempts:" + link.dataset.iptPage);
      if (record && record.version === 1 && Array.isArray(record.questions)) {
        saved[link.dataset.iptQuiz] = fromAttempts(link, record);
        return;
      }
      var answers = quizData(link), answered = 0, right = 0;
      saved[link.dataset.iptQuiz] = answers;
      for (var id in answers) {
        if (answers[id].answered) answered++;
        if (answers[id].correct) right++;
      }
      status(link, answered ? answered + " of " + link.dataset.iptCount + " answered, " +
        right + " right" : "not started");
    });
    exams.forEach(function (link) {
      var answer = examData(link), marks = link.dataset.iptPoints.split(" ").map(Number);
      var ticked = Array.isArray(answer.ticked) ? answer.ticked : [], got = 0, of = 0;
      marks.forEach(function (m, i) {
        of += m;
        if (ticked.indexOf(i) !== -1) got += m;
        else if (answer.compared) missed["w:" + link.dataset.iptWritten + "/" + i] = true;
      });
      var written = /\S/.test(answer.text || "");
      status(link, answer.compared ? "self-marked " + got + " of " + of + " marks" :
        written ? "answer written, not yet compared" : "not attempted");
    });
    var reread = sections.map(function (link, order) {
      var count = link.dataset.iptReread.split(" ").filter(function (token) {
        if (token.indexOf("w:") === 0) return missed[token];
        var parts = token.split("/"), answer = (saved[parts[0]] || {})[parts[1]];
        return answer && answer.answered && !answer.correct;
      }).length;
      return { link: link, count: count, order: order };
    }).filter(function (item) { return item.count > 0; });
    reread.sort(function (a, b) { return b.count - a.count || a.order - b.order; });
    list.textContent = "";
    reread.forEach(function (item) {
      var li = document.createElement("li");
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

  clear.addEventListener("click", function () {
    if (!window.confirm("Clear every answer, self-mark and exam-practice answer this module " +
                        "saved in this browser? This cannot be undone.")) return;
    try {
      var keys = [];
      quizzes.forEach(function (link) { keys = keys.concat(quizKeys(link)); });
      for (var i = 0; i < localStorage.length; i++) {
        if (localStorage.key(i).indexOf("ipt:") === 0) keys.push(localStorage.key(i));
      }
      keys.forEach(function (key) { localStorage.removeItem(key); });
      said.textContent = "Cleared: nothing from this module is saved in this browser now.";
    } catch (e) {
      said.textContent = "This browser does not let the page clear its storage.";
    }
    show();
  });
  show();
})();
