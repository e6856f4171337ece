/* My progress (home page only): reads back the student's record (record.js, loaded first; shape in
   README.md beside this file) for the questions as they are on this build (#ipt-quiz-data: each
   question's identity). An answer counts only while its question has the fingerprint it was
   given under.
   The page carries the map (quizkit/written.py): links with data-ipt-page/-count (self-checks),
   data-ipt-written/-points/-marks/-extra (exam practice, named by topic), data-ipt-paper (mock
   papers: the record's key of the sitting), and hidden section links with data-ipt-reread
   tokens ("q:<question id>", "w:<question id>/<point number>"). An exam answer's self-mark is
   added up by exam.js's rule (window.iptExam, loaded before this script), as on the exam page.
   Each self-check's line keeps the first-ever try beside the latest and the best; a section
   missed and put right only on the same day stays in "What to reread", marked "fixed on
   retake"; what is not started yet is folded under "Not started yet". For a returning student,
   the card under the home page's Continue button (#ipt-home-card, hooks/student_path.py):
   self-checks done, exam answers written, sections to reread.
   Also: save the record to a file, load one (replacing this browser's record, after a
   confirmation), clear everything; once a question has been answered, the Revise box's
   script (schedule.js), which shows what is due. */
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

  function score(result) { return result.correct + " of " + result.total; }

  // A self-check's line: the attempt under way, and the ended ones (the first-ever try kept
  // beside the latest and the best: "first try 8 of 11 · latest 11 of 11 (try 2) · best 11 of
  // 11"), and questions new or changed since the latest; else not started.
  function quizStatus(saved, quiz) {
    var attempts = saved.quizzes[quiz.quiz], total = quiz.questions.length;
    if (!attempts) return "not started";
    var tried = quiz.questions.map(function (q) { return record.tryFor(attempts.current, q); })
      .filter(Boolean);
    var right = tried.filter(function (t) { return t.ok; }).length;
    var done = attempts.attempts, latest = attempts.latest, past = [];
    if (attempts.first) past.push("first try " + score(attempts.first));
    if (latest && (done > 1 || !attempts.first)) {
      past.push("latest " + score(latest) + " (try " + done + ")");
    }
    if (attempts.best && done > 1) past.push("best " + score(attempts.best));
    if (tried.length) {
      var now = done ? "try " + (done + 1) + " under way: " + tried.length + " of " + total +
        " answered, " + right + " right on this try" :
        tried.length + " of " + total + " answered, " + right + " right the first time";
      return now + (past.length ? " \u00b7 " + past.join(" \u00b7 ") : "");
    }
    if (!latest) return "not started";
    var fresh = quiz.questions.filter(function (q) {
      return !record.answer(saved, q) && !record.tryFor(attempts.extra, q);
    }).length;
    return (done === 1 && attempts.first ? "first try " + score(latest) + " right" :
      past.join(" \u00b7 ")) + (fresh ? "; " + plural(fresh, "new or changed question",
      "new or changed questions") + " to answer" : "");
  }

  // --- "Continue where you left off" (the home page's start button) --------------------------
  // Kept here, on the home page only, rather than in record.js, which every lesson loads.

  var PAGE_PATTERN = /^[\w-]+(?:\/[\w-]+)*\.md$/;
  var pageInfo = record.pageInfo || {};
  var quizzesHere = record.quizzes();
  var isWritten = record.isWritten, pageUrl = record.pageUrl, load = record.load;
  var answerFor = record.answer, examState = record.examState;
  function isObject(value) { return !!value && typeof value === "object" && !Array.isArray(value); }
  function isString(value) { return typeof value === "string"; }
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function quizOnPage(page) {
    return quizzesHere.filter(function (quiz) { return quiz.quiz === page; })[0] || null;
  }

  // The place (quiz-N) of the first question of a self-check with no answer kept for it as it
  // is now (never answered, reopened for another try, or new or changed since), found by
  // identity; -1 when every question has one.
  function firstOpen(record, quiz) {
    for (var n = 0; n < quiz.questions.length; n++) {
      var entry = answerFor(record, quiz.questions[n]);
      if (!entry || !entry.answer) return n;
    }
    return -1;
  }

  // Anything saved for this quiz (#ipt-quiz-data entry): an attempt, a first try, an answer;
  // for exam practice an answer written, timed or compared.
  function started(record, quiz) {
    if (isWritten(quiz)) {
      return quiz.questions.some(function (q) {
        var state = examState(record, q);
        return /\S/.test(state.text || "") || state.compared || state.viewed || state.elapsed > 0;
      });
    }
    var attempts = own(record.quizzes, quiz.quiz) ? record.quizzes[quiz.quiz] : null;
    return !!(attempts && (attempts.attempts > 0 ||
      (attempts.current && Object.keys(attempts.current).length))) ||
      quiz.questions.some(function (q) { return !!answerFor(record, q); });
  }

  // A self-check is finished when an attempt has ended and every question has its answer.
  function finished(record, quiz) {
    var attempts = own(record.quizzes, quiz.quiz) ? record.quizzes[quiz.quiz] : null;
    return !!(attempts && attempts.attempts > 0 && !attempts.current) &&
      firstOpen(record, quiz) === -1;
  }

  // The exam-practice answer changed last ("#<question id>", its heading), or "".
  function lastExamAnswer(record, quiz) {
    var best = null;
    quiz.questions.forEach(function (q) {
      var entry = own(record.exam, q.id) ? record.exam[q.id] : null;
      if (entry && /\S/.test(examState(record, q).text || "") &&
          (!best || (entry.at || "") >= (best.at || ""))) best = { id: q.id, at: entry.at };
    });
    return best ? "#" + best.id : "";
  }

  // {url, text} for going back into a page of the path: a half-done self-check at its first
  // unanswered question, exam practice at the answer changed last, anything else at its top.
  function resume(record, page, title) {
    var quiz = quizOnPage(page), anchor = "", where = "";
    if (quiz && isWritten(quiz)) {
      anchor = lastExamAnswer(record, quiz);
    } else if (quiz) {
      var n = firstOpen(record, quiz);
      if (n > 0) {
        anchor = "#quiz-" + n;
        where = ", question " + (n + 1);
      }
    }
    return { url: pageUrl(page) + anchor,
             text: "Continue where you left off" + (title ? ": " + title + where : "") };
  }

  // The first step of the path (#ipt-page's `path`, in the nav's order) not yet finished: a
  // lesson whose self-check is not finished (the lesson if the self-check is not started, else
  // the self-check where it stopped), a unit-level self-check, exam practice if nothing is
  // written there yet. Lessons without a self-check are optional reading and not steps.
  function nextStep(record) {
    var path = Array.isArray(pageInfo.path) ? pageInfo.path : [];
    var lessons = 0, examStarted = null;
    for (var i = 0; i < path.length; i++) {
      var step = path[i];
      if (!isObject(step) || !isString(step.page) || !PAGE_PATTERN.test(step.page)) continue;
      var title = isString(step.title) ? step.title : "";
      if (step.page.indexOf("lessons/") === 0) {
        lessons += 1;
        var lessonQuiz = quizzesHere.filter(function (quiz) {
          return quiz.lesson === step.page && !isWritten(quiz);
        })[0];
        if (!lessonQuiz || finished(record, lessonQuiz)) continue;
        if (!started(record, lessonQuiz)) {
          return { url: pageUrl(step.page), text: "Next: Lesson " + lessons + ", " + title };
        }
        return resume(record, lessonQuiz.quiz, pageTitle(lessonQuiz.quiz));
      }
      var quiz = quizOnPage(step.page);
      if (!quiz || path.some(function (other) { return other.page === quiz.lesson; })) continue;
      if (isWritten(quiz)) {
        if (!started(record, quiz)) return { url: pageUrl(step.page), text: "Next: " + title };
        examStarted = examStarted || step;
      } else if (!finished(record, quiz)) {
        return started(record, quiz) ? resume(record, step.page, title) :
          { url: pageUrl(step.page), text: "Next: " + title };
      }
    }
    return examStarted ? resume(record, examStarted.page, examStarted.title) : null;
  }

  // A page's title as the path (the nav) names it.
  function pageTitle(page) {
    var path = Array.isArray(pageInfo.path) ? pageInfo.path : [];
    var step = path.filter(function (s) { return isObject(s) && s.page === page; })[0];
    return step && isString(step.title) ? step.title : "";
  }

  // The home page's start button: "Continue where you left off" at the last lesson or self-check
  // visited (a half-done self-check at its first unanswered question, exam practice at the
  // answer written last); when that page is a finished self-check, the next step of the path
  // not yet finished ("Next: Lesson 3, …"). With no page visited (a progress file can be so),
  // the self-check answered last. After the page's other scripts (My progress migrates every
  // quiz first).
  var start = null;

  function showContinue() {
    var button = document.getElementById("ipt-continue");
    if (!button) return;
    // The button as built ("Start lesson 1"), for when nothing is saved (again: after "Clear
    // everything").
    if (!start) start = { url: button.href, text: button.textContent };
    var record = load(), page = null, title = "";
    if (record.lastPage) {
      page = record.lastPage.page;
      title = record.lastPage.title;
    } else {
      var latest = "";
      Object.keys(record.quizzes).forEach(function (key) {
        var quiz = record.quizzes[key], when = quiz.updated || "";
        var begun = quiz.attempts || (quiz.current && Object.keys(quiz.current).length);
        if (begun && PAGE_PATTERN.test(key) && when >= latest) {
          latest = when;
          page = key;
        }
      });
      var link = page && document.querySelector('a[data-ipt-page="' + page + '"]');
      title = link ? link.textContent.trim() : pageTitle(page || "");
    }
    var quiz = page && quizOnPage(page);
    if (!page) {
      button.href = start.url;
      button.textContent = start.text;
      return;
    }
    var target = quiz && !isWritten(quiz) && finished(record, quiz) ? nextStep(record) : null;
    target = target || resume(record, page, title);
    button.href = target.url;
    button.textContent = target.text;
  }

  var panel = el("div", "", "ipt-progress");
  var heading = el("h3", "What to reread");
  heading.id = "what-to-reread";
  var list = el("ol");
  var none = el("p");
  var keepHeading = el("h3", "Keep your progress, or move it");
  var keepText = el("p", "Save your progress to a file to keep it safe, or to carry on in " +
    "another browser or on another device: there, load the file here on the home page. " +
    "Loading a file replaces the progress saved in that browser.");
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
    // wrong: "q:<id>" -> "missed" or "fixed" (right again, but only on the day it was missed:
    // its section stays, marked so, until it is answered right on a later day).
    var saved = record.load(), wrong = {}, missed = {};
    checks.forEach(function (link) {
      var quiz = byPage[link.dataset.iptPage];
      if (!quiz) return;
      quiz.questions.forEach(function (q) {
        var state = record.rereadState(saved, q);
        if (state) wrong["q:" + q.id] = state;
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
      var tokens = link.dataset.iptReread.split(" ");
      var count = tokens.filter(function (token) { return wrong[token] || missed[token]; }).length;
      var fixed = tokens.filter(function (token) { return wrong[token] === "fixed"; }).length;
      return { link: link, count: count, fixed: fixed, order: order };
    }).filter(function (item) { return item.count > 0; });
    // Still wrong first, then the most missed, then the order of the unit.
    reread.sort(function (a, b) {
      return (b.count - b.fixed) - (a.count - a.fixed) || b.count - a.count || a.order - b.order;
    });
    list.textContent = "";
    reread.forEach(function (item) {
      var li = el("li");
      li.appendChild(item.link.cloneNode(true));
      var fixed = "";
      if (item.fixed) {
        fixed = "; " + (item.fixed === item.count ? (item.count === 1 ? "" : "all ") :
          item.fixed + " ") + "fixed on retake: answer " + (item.fixed === 1 ? "it" : "them") +
          " again on another day to clear " + (item.fixed === item.count ? "this" : "those");
        li.className = item.fixed === item.count ? "ipt-reread--fixed" : "";
      }
      li.append(" (" + item.count + (item.count === 1 ? " question or point missed"
                                                      : " questions or points missed") +
                fixed + ")");
      list.appendChild(li);
    });
    list.hidden = !reread.length;
    none.hidden = !!reread.length;
    none.textContent = "Nothing yet: wrong answers and missed marking points will bring " +
      "their sections here.";
    collapse(saved);
    card(saved, reread.length);
    loadRevise(saved);
  }

  // My progress' Revise box (schedule.js and its styles, named by hooks/revise.py), loaded
  // once a self-check question has been answered: a first visit does not pay for it.
  var reviseAssets = document.getElementById("ipt-revise-assets"), reviseLoaded = false;
  function loadRevise(saved) {
    if (reviseLoaded || !reviseAssets || !Object.keys(saved.questions).length) return;
    reviseLoaded = true;
    var names = reviseAssets.dataset, style = el("link"), script = el("script");
    style.rel = "stylesheet";
    style.href = names.css;
    script.src = names.script;
    script.setAttribute("data-fsrs", names.fsrs);
    script.setAttribute("data-revise", names.revise);
    document.head.append(style, script);
  }

  // --- Not started yet: folded away -------------------------------------------------------

  // Self-checks not started and exam questions not attempted are listed under a closed
  // "Not started yet (n)" below their list, so what was done is what shows first. Each item
  // keeps its place in the unit's order in whichever list it is.
  function folder(links, noun) {
    if (!links.length) return null;
    var list = links[0].closest("ul");
    var details = el("details", "", "ipt-not-started");
    var summary = el("summary");
    var idle = el("ul");
    details.append(summary, idle);
    list.insertAdjacentElement("afterend", details);
    return { links: links, list: list, details: details, summary: summary, idle: idle,
             noun: noun };
  }
  var folders = [folder(checks, ["self-check", "self-checks"]),
                 folder(exams, ["exam question", "exam questions"])].filter(Boolean);
  // The card's "exam answers written" leads to the exam list's heading ("Exam practice").
  var examHeading = exams.length ? exams[0].closest("ul").previousElementSibling : null;
  if (examHeading) examHeading.id = "ipt-exam-progress";

  function idle(saved, link) {
    if (link.dataset.iptPage) {
      var quiz = byPage[link.dataset.iptPage];
      return !quiz || !started(saved, quiz);
    }
    var q = written[link.dataset.iptWritten];
    var answer = q ? record.examState(saved, q) : {};
    return !(/\S/.test(answer.text || "") || answer.compared || answer.viewed ||
             (answer.ticked || []).length || answer.elapsed > 0);
  }

  function collapse(saved) {
    folders.forEach(function (f) {
      var waiting = 0;
      f.links.forEach(function (link) {
        var item = link.closest("li"), still = idle(saved, link);
        if (still) waiting += 1;
        (still ? f.idle : f.list).appendChild(item);
      });
      f.list.hidden = waiting === f.links.length;
      f.details.hidden = waiting === 0;
      f.summary.textContent = (waiting === f.links.length ? "All " + plural(waiting, f.noun[0],
        f.noun[1]) + ": not started yet" : "Not started yet: " + plural(waiting, f.noun[0],
        f.noun[1]));
    });
  }

  // --- The returning student's card, under "Continue" --------------------------------------

  var cardBox = document.getElementById("ipt-home-card");

  function tile(href, big, words) {
    var link = el("a", "", "ipt-home-card__tile");
    link.href = href;
    link.append(el("span", big, "ipt-home-card__count"), el("span", words,
                                                             "ipt-home-card__what"));
    return link;
  }

  function card(saved, sections) {
    if (!cardBox) return;
    var quizzes = checks.map(function (link) { return byPage[link.dataset.iptPage]; })
      .filter(Boolean);
    var examQuestions = exams.map(function (link) { return written[link.dataset.iptWritten]; })
      .filter(Boolean);
    var done = quizzes.filter(function (quiz) {
      var attempts = saved.quizzes[quiz.quiz];
      return attempts && attempts.attempts > 0;
    }).length;
    var writtenCount = examQuestions.filter(function (q) {
      return /\S/.test(record.examState(saved, q).text || "");
    }).length;
    var returning = quizzes.some(function (quiz) { return started(saved, quiz); }) ||
      exams.some(function (link) { return !idle(saved, link); });
    cardBox.hidden = !returning;
    cardBox.textContent = "";
    if (!returning) return;
    var title = el("p", "Your progress so far", "ipt-home-card__title");
    title.id = "ipt-home-card-title";
    var tiles = el("div", "", "ipt-home-card__tiles");
    tiles.append(
      tile("#my-progress", done + " of " + quizzes.length, "self-checks done"),
      tile(examHeading ? "#ipt-exam-progress" : "#my-progress",
           writtenCount + " of " + examQuestions.length, "exam answers written"),
      tile("#what-to-reread", String(sections), sections === 1 ? "section to reread" :
        "sections to reread"));
    cardBox.setAttribute("role", "group");
    cardBox.setAttribute("aria-labelledby", title.id);
    cardBox.append(title, tiles);
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
      showContinue();
      record.markNavigation();
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
    showContinue();
    record.markNavigation();
  });
  show();
  showContinue();
})();
