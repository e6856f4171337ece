/* The Revise page: rounds of the questions a student has met, on the days the schedule says.
 *
 * Loaded (deferred) on the Revise page only, after record.js and schedule.js (window.iptRecord,
 * window.iptSchedule). The page carries every self-check's identities (#ipt-quiz-data), each
 * question's lesson and each self-check's title (#ipt-revise-data, quizkit/revise.py) and the
 * files to load (#ipt-revise-files, hooks/revise.py): one file of question blocks per
 * self-check, exactly as its page has them, and mkdocs-quiz's script and styles.
 *
 * A round is about ten questions due today (missed ones first, then the most overdue), mixed
 * across lessons (schedule.js). Each question is the self-check's own block, set up by
 * mkdocs-quiz and quiz.js as on its page: the same marking, feedback and link to reread. It is
 * answered once in the round (the round, with its answers, is kept in the record for the day,
 * so a reload shows it as it was). Each answer is a review: ts-fsrs updates the question's card
 * (a miss is Again, a right answer Good) and a miss sends its section to What to reread. At
 * the end, the round's results, and more questions if the student asks. Below: the next seven
 * days, and the date of the paper (every met question then comes back twice before it).
 */
(function () {
  "use strict";

  var record = window.iptRecord, schedule = window.iptSchedule;
  var root = document.getElementById("ipt-revise");
  if (!record || !schedule || !root) return;

  function json(id) {
    var element = document.getElementById(id);
    try {
      return element ? JSON.parse(element.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  var data = json("ipt-revise-data") || {}, files = json("ipt-revise-files");
  var ROUND = data.round || 10;
  var lessons = data.lessons || {}, titles = data.titles || {};
  var siteRoot = new URL(record.pageInfo.root || "./", location.href);
  var PROGRESS_KEY = "quiz_progress_" + location.pathname;  // mkdocs-quiz's, by position
  var byId = {};
  record.quizzes().forEach(function (quiz) {
    quiz.questions.forEach(function (q) { byId[q.id] = { q: q, quiz: quiz.quiz }; });
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(text, className) {
    var b = el("button", "md-button" + (className ? " " + className : ""), text);
    b.type = "button";
    return b;
  }
  var plural = schedule.plural;

  // --- The page's parts ----------------------------------------------------------------------

  root.textContent = "";
  var status = el("p", "ipt-revise-status");
  var ahead = button("", "ipt-revise-ahead");
  ahead.hidden = true;
  var round = el("div", "ipt-revise-round");
  var end = el("section", "ipt-revise-end");
  end.hidden = true;
  end.setAttribute("aria-labelledby", "ipt-round-title");
  var endTitle = el("h2", "", "This round");
  endTitle.id = "ipt-round-title";
  var endSaid = el("p", "ipt-revise-end__said");
  endSaid.setAttribute("role", "status");
  var endList = el("ol", "ipt-revise-end__list");
  var more = button("", "md-button--primary ipt-revise-more");
  end.append(endTitle, endSaid, endList, more);
  var week = el("section", "ipt-revise-week");
  week.setAttribute("aria-labelledby", "ipt-week-title");
  var weekTitle = el("h2", "", "The next seven days");
  weekTitle.id = "ipt-week-title";
  week.append(weekTitle);
  var exam = el("section", "ipt-revise-exam");
  exam.setAttribute("aria-labelledby", "ipt-exam-title");
  var examTitle = el("h2", "", "The date of your paper");
  examTitle.id = "ipt-exam-title";
  var examSaid = el("p", "ipt-revise-exam__said");
  examSaid.setAttribute("role", "status");
  var form = el("form", "ipt-revise-exam__form");
  var label = el("label", "", "Date of your paper");
  label.htmlFor = "ipt-exam-date";
  var input = el("input");
  input.type = "date";
  input.id = "ipt-exam-date";
  input.name = "exam-date";
  var save = el("button", "md-button md-button--primary", "Save the date");
  save.type = "submit";
  var remove = button("Remove the date");
  form.append(label, input, save, remove);
  exam.append(examTitle, examSaid, form);
  root.append(status, ahead, round, end, week, exam);

  // --- Loading what a round needs (once each) ----------------------------------------------

  var loaded = {};
  function load(path, kind) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var node = kind === "css" ? el("link") : el("script");
        if (kind === "css") {
          node.rel = "stylesheet";
          node.href = new URL(path, siteRoot).href;
        } else {
          node.src = new URL(path, siteRoot).href;
        }
        node.onload = resolve;
        node.onerror = function () { delete loaded[path]; reject(new Error(path)); };
        document.head.appendChild(node);
      });
    }
    return loaded[path];
  }

  var banks = {};  // quiz page -> {question id: {fp, html}}, as each file hands them over
  window.iptReviseBank = function (quiz, blocks) { banks[quiz] = blocks; };

  // mkdocs-quiz sets up on demand here (iptQuizLater: hooks/student_experience.py's PATCHES).
  function machinery(quizPages) {
    window.iptQuizLater = true;
    var wanted = [load(files.quizCss, "css"), load(files.mkdocsQuiz.css, "css"),
                  load(files.quizJs), load(files.mkdocsQuiz.js), schedule.scheduler()];
    quizPages.forEach(function (page) {
      if (files.banks[page]) wanted.push(load(files.banks[page]));
    });
    return Promise.all(wanted);
  }

  // --- A question's block, as its self-check page has it ---------------------------------

  // The block for question id, as place n of the round: its ids renumbered (quiz-n), its links
  // made absolute from its self-check page (they were relative to it), naming its question.
  function block(id, n) {
    var item = byId[id], bank = item && banks[item.quiz];
    var built = bank && bank[id];
    if (!built || built.fp !== item.q.fp) return null;
    var holder = el("template");
    holder.innerHTML = built.html;
    var quiz = holder.content.firstElementChild;
    var old = quiz.id, fresh = "quiz-" + n;
    var renumber = function (value) {
      return value.replace(new RegExp("(^|\\s|#)" + old + "(?=$|-|\\s)", "g"), "$1" + fresh);
    };
    [quiz].concat([].slice.call(quiz.querySelectorAll("*"))).forEach(function (node) {
      ["id", "for", "aria-labelledby", "aria-describedby"].forEach(function (name) {
        if (node.hasAttribute(name)) node.setAttribute(name, renumber(node.getAttribute(name)));
      });
    });
    var page = record.pageUrl(item.quiz);
    quiz.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      a.setAttribute("href", href.charAt(0) === "#" ? renumber(href) : new URL(href, page).href);
    });
    quiz.querySelectorAll("img[src]").forEach(function (img) {
      img.setAttribute("src", new URL(img.getAttribute("src"), page).href);
    });
    quiz.setAttribute("data-ipt-id", id);
    return quiz;
  }

  // mkdocs-quiz's saved state for an answer kept in the round (its form: option places in the
  // block's order, or the words typed), so it shows the block answered, as on a self-check.
  function restored(q, done) {
    var answer = done.answer || {}, values;
    if (q.kind === "choice") {
      values = (answer.options || []).map(function (id) { return q.options.indexOf(id); });
      if (!values.length || values.indexOf(-1) !== -1) return null;
      values = values.map(String);
    } else {
      values = answer.blanks;
      if (!Array.isArray(values) || values.length !== q.blanks.length) return null;
    }
    return { answered: true, correct: done.ok, selectedValues: values };
  }

  // --- The round ---------------------------------------------------------------------------

  var shown = [];  // [{id, quiz element}] of the round on the page

  function currentRound(state) {
    var kept = state.revise && state.revise.round;
    if (!kept || schedule.today() !== schedule.dayOfTime(kept.started) || !Array.isArray(kept.ids)) {
      return null;
    }
    kept.done = kept.done && typeof kept.done === "object" ? kept.done : {};
    return kept;
  }

  function keepRound(ids) {
    record.update(function (state) {
      state.revise = state.revise || {};
      state.revise.round = { started: new Date().toISOString(), ids: ids, done: {} };
    });
  }

  // Show the round's questions: answered ones as answered (in the record for the day), the
  // others open.
  function showRound(kept) {
    var ids = kept.ids.filter(function (id) { return byId[id]; });
    var pages = ids.map(function (id) { return byId[id].quiz; })
      .filter(function (page, i, all) { return all.indexOf(page) === i; });
    status.textContent = "Getting the questions ready\u2026";
    return machinery(pages).then(function () {
      round.textContent = "";
      shown = [];
      var progress = {};
      ids.forEach(function (id) {
        var quiz = block(id, shown.length);
        if (!quiz) return;
        if (kept.done[id]) {
          var saved = restored(byId[id].q, kept.done[id]);
          if (saved) progress[quiz.id] = saved;
        }
        shown.push({ id: id, quiz: quiz });
        var from = el("p", "ipt-revise-from",
                      "From: " + (titles[byId[id].quiz] || "a self-check"));
        quiz.querySelector(".quiz-number").insertAdjacentElement("afterend", from);
        round.appendChild(quiz);
      });
      // Written even when empty: mkdocs-quiz keeps the last round's answers by place unless
      // it reads something else (it would show them on this round's questions).
      try {
        localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
      } catch (e) { /* storage switched off: the round starts unanswered */ }
      shown.forEach(function (s) { window.iptQuiz.beforeSetUp(s.quiz); });
      window.iptQuizSetUp();
      shown.forEach(function (s, n) {
        s.quiz.querySelector(".quiz-number").textContent = "Question " + (n + 1) + " of " +
          shown.length;
        window.iptQuiz.prepare(s.quiz);
        window.iptQuiz.feedback(s.quiz);  // answers kept from earlier today
        s.quiz.querySelector("form").addEventListener("submit", function () {
          answered(s);
        });
      });
      update();
    }, function () {
      // Offline, with these files never fetched (the page itself came from the app's copy).
      status.textContent = "These questions are not on this device yet: open Revise once " +
        "while online, or keep the whole unit on this phone (on the home page).";
    });
  }

  function isAnswered(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    return !!feedback && !feedback.classList.contains("hidden");
  }

  // After mkdocs-quiz's own handler (registered first): the same feedback as on the
  // self-check, then the review: the card updated by ts-fsrs, the round's answer kept.
  function answered(s) {
    if (!isAnswered(s.quiz)) return;  // stopped before mkdocs-quiz marked it
    window.iptQuiz.feedback(s.quiz);
    var verdict = window.iptQuiz.verdict(s.quiz), when = new Date();
    s.quiz.querySelector(".quiz-feedback").scrollIntoView({ block: "nearest" });
    schedule.scheduler().then(function (S) {
      record.update(function (state) {
        schedule.review(S, state, byId[s.id].q, verdict.ok, when);
        var kept = currentRound(state);
        if (kept) kept.done[s.id] = { ok: verdict.ok, answer: verdict.answer };
      });
      update();
    });
  }

  var MARKS = { right: "\u2713", wrong: "\u2717" };

  // The status line, the week, and once every question is answered, the round's results.
  function update() {
    var state = record.load(), kept = currentRound(state), p = schedule.plan(state);
    var done = kept ? shown.filter(function (s) { return kept.done[s.id]; }) : [];
    var right = done.filter(function (s) { return kept.done[s.id].ok; }).length;
    var inRound = shown.map(function (s) { return s.id; });
    var after = p.due.filter(function (m) { return inRound.indexOf(m.q.id) === -1; }).length;
    status.textContent = shown.length ? "This round: " + done.length + " of " +
      plural(shown.length, "question", "questions") + " answered" +
      (done.length ? ", " + right + " right." : ".") + (after ? " Due today after it: " +
      after + "." : "") : "";
    showWeek(p);
    showExam(state, p);
    if (!shown.length || done.length < shown.length) {
      end.hidden = true;
      return;
    }
    endList.textContent = "";
    shown.forEach(function (s, n) {
      var ok = kept.done[s.id].ok, li = el("li");
      var sign = el("span", "ipt-mark ipt-mark--" + (ok ? "right" : "wrong"));
      var seen = el("span", "", ok ? MARKS.right : MARKS.wrong);
      seen.setAttribute("aria-hidden", "true");
      sign.append(seen, el("span", "ipt-sr", ok ? " right: " : " wrong: "));
      var to = el("a", "", "Question " + (n + 1));
      to.href = "#" + s.quiz.id;
      li.append(sign, to);
      var reviewLink = reviewOf(s.quiz);
      if (reviewLink) li.append(" \u00b7 Review: ", reviewLink);
      endList.appendChild(li);
    });
    endSaid.textContent = "Round done: " + right + " of " + shown.length + " right. " +
      (right < shown.length ? "The ones marked \u2717 come back tomorrow, and their sections " +
      "are in What to reread on the home page. " : "") + (p.due.length ?
      plural(p.due.length, "more question is", "more questions are") + " due today." :
      "Nothing else is due today.");
    offerMore(p, more);
    end.hidden = false;
  }

  // The block's own "Review:" link (the section to reread), copied for the results.
  function reviewOf(quiz) {
    var labels = quiz.querySelectorAll("section.content strong");
    for (var i = 0; i < labels.length; i++) {
      var link = labels[i].textContent.trim() === "Review:" &&
        labels[i].parentElement.querySelector("a[href]");
      if (link) return link.cloneNode(true);
    }
    return null;
  }

  // More: the next due questions, or (nothing due) questions not yet due, soonest first.
  function nextItems(p) {
    if (p.due.length) return p.due;
    var reviewedToday = function (m) {
      return (m.entry.history || []).some(function (h) {
        return h.from === "revise" && schedule.dayOfTime(h.at) === p.today;
      });
    };
    return p.met.filter(function (m) { return !reviewedToday(m); })
      .sort(function (a, b) { return a.day - b.day; });
  }

  function offerMore(p, control) {
    var items = nextItems(p), count = Math.min(ROUND, items.length);
    control.hidden = !count;
    control.textContent = p.due.length ? "Revise " + count + " more" :
      "Practise " + plural(count, "question", "questions") + " not due yet";
  }

  function newRound() {
    var p = schedule.plan(record.load());
    var picked = schedule.mix(nextItems(p), ROUND, lessons).map(function (m) { return m.q.id; });
    if (!picked.length) return Promise.resolve();
    keepRound(picked);
    end.hidden = true;
    ahead.hidden = true;
    return showRound(currentRound(record.load())).then(function () {
      var first = shown.length && shown[0].quiz.querySelector("input");
      if (first) first.focus();
    });
  }

  more.addEventListener("click", newRound);
  ahead.addEventListener("click", newRound);

  // --- The week and the paper's date -------------------------------------------------------

  var stripShown = null;
  function showWeek(p) {
    if (stripShown) stripShown.remove();
    stripShown = schedule.strip(p.week);
    week.appendChild(stripShown);
    week.hidden = !p.met.length;
  }

  var forecastFor = null;  // the record's time the forecast was worked out for

  function showExam(state, p) {
    var given = state.revise && state.revise.exam;
    remove.hidden = !given;
    if (document.activeElement !== input) input.value = given ? given.date : "";
    input.min = toInput(schedule.today());
    if (!given) {
      examSaid.textContent = "Give the date of your paper, and every question you have met " +
        "comes back at least twice before it.";
      return;
    }
    var day = schedule.dayOfDate(given.date), date = schedule.longDay(day);
    if (p.today >= day) {
      examSaid.textContent = "Your paper: " + date + (p.today === day ? " (today). Good luck!" :
        ". That day has passed: give the date of your next paper.");
      return;
    }
    var away = day - p.today, left = p.left.length;
    var head = "Your paper: " + date + " (" + plural(away, "day", "days") + " away). ";
    if (!p.met.length) {
      examSaid.textContent = head + "Answer a self-check, and its questions come back here.";
      return;
    }
    if (!left) {
      examSaid.textContent = head + "All revised: every question you have met has come back " +
        "twice since you gave the date.";
      return;
    }
    examSaid.textContent = head + plural(left, "question still needs", "questions still need") +
      " to come back before then.";
    var at = state.updated;
    forecastFor = at;
    schedule.forecast(state).then(function (f) {
      if (!f || forecastFor !== at) return;
      examSaid.textContent = head + (f.short ? plural(f.short, "question", "questions") +
        " cannot come back twice before then (too few days left): answer what is due each " +
        "day, and reread their sections. " : "") + (f.short < left ? "Revising what is due " +
        "each day, " + (f.short ? "the others" : "all " + plural(p.met.length, "question",
        "questions") + " you have met") + " will have come back twice by " +
        schedule.longDay(f.by) + "." : "");
    });
  }

  function toInput(day) {
    var date = schedule.dateOfDay(day), pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.value)) {
      examSaid.textContent = "Choose the date of your paper first.";
      input.focus();
      return;
    }
    if (schedule.dayOfDate(input.value) <= schedule.today()) {
      examSaid.textContent = "Choose a day after today.";
      input.focus();
      return;
    }
    record.update(function (state) {
      state.revise = state.revise || {};
      state.revise.exam = { date: input.value, set: new Date().toISOString() };
    });
    start();
  });
  remove.addEventListener("click", function () {
    record.update(function (state) {
      if (state.revise) state.revise.exam = null;
    });
    input.value = "";
    start();
    save.focus();
  });

  // --- Arriving -----------------------------------------------------------------------------

  function nothingMet() {
    status.textContent = "";
    status.append("Nothing to revise yet. The questions you answer in the self-checks come " +
                  "back here, from the next day on. ");
    var first = record.quizzes()[0];
    if (first) {
      var link = el("a", "", "Start with the first self-check");
      link.href = record.pageUrl(first.lesson && first.lesson !== "index.md" ? first.lesson :
                                 first.quiz);
      link.textContent = first.lesson && first.lesson !== "index.md" ?
        "Start with the first lesson" : "Start with the first self-check";
      status.append(link, ".");
    }
  }

  // Show the round kept for today, else start one from what is due; or say what comes next.
  function start() {
    return schedule.ready().then(function (state) {
      var p = schedule.plan(state), kept = currentRound(state);
      showWeek(p);
      showExam(state, p);
      if (!p.met.length) {
        nothingMet();
        return;
      }
      if (shown.length) {  // a round on the page: only the figures change
        update();
        return;
      }
      if (kept && kept.ids.length) return showRound(kept);
      if (!p.due.length) {
        status.textContent = schedule.dueWords(p) + ".";
        offerMore(p, ahead);
        return;
      }
      keepRound(schedule.mix(p.due, ROUND, lessons).map(function (m) { return m.q.id; }));
      return showRound(currentRound(record.load()));
    });
  }

  if (!files || !files.banks) {
    status.textContent = "The questions could not be found in this copy of the module.";
    return;
  }
  start();
})();
