/* What students' browsers do on a self-check page, on top of mkdocs-quiz 1.7.1.
 *
 * Loaded on quiz pages only (quizkit/assets.py; deferred, so it runs before
 * mkdocs-quiz sets up its questions on DOMContentLoaded), after record.js (the student's record,
 * loaded in <head>). The page's facts come from the JSON that quizkit/render.py writes into
 * #ipt-quiz-data: each question's identity (id and fingerprint) and its options' ids. It:
 *  - keeps the author's option order for `shuffle: false` questions (mkdocs-quiz reshuffles
 *    the others on every visit; it saves each option's fixed value, so answers survive that);
 *  - fill-ins: accepts every [[a|b]] alternative, ignoring case, spaces and dash/quote variants,
 *    and one slip in a long answer unless `typos: false` (mkdocs-quiz calls iptQuiz.accepts,
 *    patched in by the hook; the rule is record.js's match); Enter submits; number blanks open
 *    the number keyboard; each blank is named "Blank N of M"; one feedback box saying what was
 *    expected;
 *  - Submit does nothing until something is chosen or typed;
 *  - one voice in feedback: "Right." / "Not quite." first (mkdocs-quiz's own words come from
 *    hooks/mkdocs-quiz.en.po); a multiple-answer question answered wrong says what was right
 *    and what was missed ("Not quite. 2 of 3 right; you missed: …");
 *  - answers by identity: before mkdocs-quiz restores the page it writes mkdocs-quiz's
 *    position-keyed quiz_progress_<pathname> from the record, for the questions' places on
 *    this build; after each Submit it reads the answer back into the record by identity (the
 *    chosen options' ids, the typed words). An edited question starts fresh; an untouched one
 *    keeps its answer wherever it moved;
 *  - the honest loop: first tries are the score, "Retry the ones I missed" and "Try the quiz
 *    again" start over deliberately ("Try the quiz again" asks first), and the first, best and
 *    latest attempts are kept in the record (shape: docs/assets/javascripts/README.md) and
 *    shown together; a retake is scored "on this try"; a question put right on retry shows
 *    "✗ → ✓ on retry";
 *  - where am I: on long pages on phones a bar at the foot of the screen ("Question 9 of 18 ·
 *    7 right", a link to the results); mkdocs-quiz's progress box says nothing of "Right" until
 *    something is answered; a deep link to #quiz-N lands there after the answers are restored;
 *    an attempt that ends ticks the self-check in the navigation (record.js).
 * The Revise page (revise.js) shows questions of every self-check with the same behaviour: the
 * per-question parts above (blanks, the hint before Submit, feedback, what was marked) are
 * window.iptQuiz's; the rest runs only on the self-check's own page.
 */
(function () {
  "use strict";

  var record = window.iptRecord;
  if (!record) return;  // record.js did not load: mkdocs-quiz works on its own

  function alternatives(attribute) {
    return String(attribute || "").split("|").map(function (a) { return a.trim(); })
      .filter(function (a) { return a !== ""; });
  }

  // --- The page ---------------------------------------------------------------------------------

  var info = record.quizzes()[0] || null;
  // The Revise page (revise.js) shows questions of every self-check, each block naming its
  // question (data-ipt-id), found in the page's data of every quiz.
  var byId = {};
  record.quizzes().forEach(function (quiz) {
    quiz.questions.forEach(function (q) { byId[q.id] = q; });
  });

  function questionIndex(quiz) {
    return Number(quiz.id.replace("quiz-", ""));
  }

  function questionInfo(quiz) {
    var id = quiz.getAttribute("data-ipt-id");
    if (id && byId[id]) return byId[id];
    return (info && info.questions[questionIndex(quiz)]) || { id: quiz.id, shuffle: true, typos: true };
  }

  // Called by mkdocs-quiz's fill-in comparison (see PATCHES in hooks/student_experience.py).
  function accepts(input) {
    var quiz = input.closest(".quiz");
    var result = record.match(input.value, alternatives(input.getAttribute("data-answer")),
      questionInfo(quiz).typos !== false);
    input.setAttribute("data-ipt-match", result.ok ? (result.exact ? "exact" : "slip") : "wrong");
    input.setAttribute("data-ipt-expected", result.expected);
    return result.ok;
  }

  var PROGRESS_KEY = "quiz_progress_" + location.pathname;  // mkdocs-quiz's, by position
  var RIGHT = "Right.", NOT_QUITE = "Not quite.";  // one voice in feedback (below)

  // A question's behaviour, for the Revise page too (revise.js shows each question as its
  // self-check does): before and after mkdocs-quiz sets the block up, its feedback once
  // answered, and what mkdocs-quiz marked.
  window.iptQuiz = { accepts: accepts, match: record.match, normalise: record.normalise,
                     beforeSetUp: beforeSetUp, prepare: prepareQuestion, feedback: showFeedback,
                     verdict: verdict };
  guardSubmit();
  // The rest (attempts, the results panel, the position bar) is this self-check page's own.
  if (!info || record.pageInfo.page !== info.quiz) return;

  var quizzes = Array.prototype.slice.call(document.querySelectorAll(".quiz"));
  var questions = info.questions;
  var ids = questions.map(function (q) { return q.id; });
  var PAGE = info.quiz;  // the key of this quiz's attempts in the record

  // Before mkdocs-quiz shuffles (it runs on DOMContentLoaded, after this deferred script).
  quizzes.forEach(beforeSetUp);

  // `shuffle: false` keeps the author's order (mkdocs-quiz reshuffles the others).
  function beforeSetUp(quiz) {
    if (questionInfo(quiz).shuffle === false) quiz.removeAttribute("data-shuffle-answers");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function isFillIn(quiz) {
    return quiz.getAttribute("data-quiz-type") === "fill-blank";
  }

  function blanks(quiz) {
    return Array.prototype.slice.call(quiz.querySelectorAll(".quiz-blank-input"));
  }

  function optionInputs(quiz) {
    return Array.prototype.slice.call(quiz.querySelectorAll('input[name="answer"]'));
  }

  function answered(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    return !!feedback && !feedback.classList.contains("hidden");
  }

  // --- Before Submit: something chosen or typed ------------------------------------------------

  function missingAnswer(quiz) {
    if (isFillIn(quiz)) {
      return blanks(quiz).some(function (b) { return !b.value.trim(); })
        ? (blanks(quiz).length > 1 ? "Fill in every blank first." : "Type your answer first.") : "";
    }
    var inputs = optionInputs(quiz);
    if (inputs.some(function (i) { return i.checked; })) return "";
    return inputs.length && inputs[0].type === "checkbox"
      ? "Choose at least one answer first." : "Choose an answer first.";
  }

  function hint(quiz, text) {
    var form = quiz.querySelector("form");
    var box = form.querySelector(".ipt-hint");
    if (!box) {
      box = el("p", "ipt-hint");
      box.setAttribute("role", "status");
      form.insertBefore(box, form.querySelector('button[type="submit"]'));
    }
    box.textContent = text;
  }

  // Capture phase on the document: runs before mkdocs-quiz's handler on the form, and stops it.
  function guardSubmit() {
    document.addEventListener("submit", function (event) {
      var quiz = event.target.closest && event.target.closest(".quiz");
      if (!quiz) return;
      var missing = missingAnswer(quiz);
      if (missing) {
        event.preventDefault();
        event.stopPropagation();
        hint(quiz, missing);
      } else {
        hint(quiz, "");
      }
    }, true);
  }

  // --- Fill-in blanks ---------------------------------------------------------------------------

  function prepareBlanks(quiz) {
    var all = blanks(quiz);
    var form = quiz.querySelector("form");
    var numbers = false;
    all.forEach(function (input, i) {
      input.setAttribute("aria-label", "Blank " + (i + 1) + " of " + all.length);
      input.setAttribute("enterkeyhint", i === all.length - 1 ? "go" : "next");
      input.setAttribute("autocapitalize", "none");
      input.setAttribute("spellcheck", "false");
      var digitsOnly = alternatives(input.getAttribute("data-answer")).every(function (a) {
        return /^\d+$/.test(a);
      });
      if (digitsOnly) {
        numbers = true;
        input.setAttribute("inputmode", "numeric");
        input.setAttribute("aria-describedby", quiz.id + "-digits");
      }
      input.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        event.preventDefault();
        // Typed here, another blank still empty: go there; otherwise try to submit.
        var empty = all.filter(function (b) { return b !== input && !b.value.trim(); })[0];
        if (empty && input.value.trim()) empty.focus();
        else form.requestSubmit();
      });
      input.addEventListener("input", function () { hint(quiz, ""); });
    });
    if (numbers) {
      var note = el("p", "ipt-digits", "Type numbers as digits (the number keyboard opens).");
      note.id = quiz.id + "-digits";
      quiz.querySelector(".quiz-question").appendChild(note);
    }
  }

  function feedbackItem(kind, content) {
    var item = el("div", "quiz-feedback-item " + kind);
    var inner = el("div", "quiz-feedback-item-content");
    (Array.isArray(content) ? content : [content]).forEach(function (part) {
      inner.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    item.appendChild(inner);
    return item;
  }

  function quoted(text) {
    return "\u201c" + text + "\u201d";
  }

  // One state: what was right, what was expected, nothing about trying again.
  function fillInFeedback(quiz) {
    var all = blanks(quiz);
    var lines = [];
    var allRight = true;
    all.forEach(function (input, i) {
      accepts(input);
      var state = input.getAttribute("data-ipt-match");
      var expected = input.getAttribute("data-ipt-expected");
      var others = alternatives(input.getAttribute("data-answer")).filter(function (a) {
        return a !== expected;
      });
      var label = all.length > 1 ? "Blank " + (i + 1) + ": " : "";
      input.placeholder = "";
      if (state === "slip") {
        lines.push(label + (label ? "spelling: " : "Spelling: ") + quoted(input.value.trim()) +
          " \u2192 " + quoted(expected) + ".");
      } else if (state === "wrong") {
        allRight = false;
        var also = others.length ? " (also accepted: " + others.map(quoted).join(", ") + ")" : "";
        lines.push(label + (label ? "you wrote " : "You wrote ") + quoted(input.value.trim()) +
          "; the answer is " + quoted(expected) + also + ".");
      }
    });
    var box = quiz.querySelector(".quiz-feedback");
    box.textContent = "";
    var content = [el("strong", "ipt-verdict", allRight ? RIGHT : NOT_QUITE)];
    lines.forEach(function (line) { content.push(el("span", "ipt-line", line)); });
    box.appendChild(feedbackItem(allRight ? "correct" : "incorrect", content));
  }

  // --- One voice: "Right." / "Not quite." ----------------------------------------------------

  // mkdocs-quiz's own message is one of these (hooks/mkdocs-quiz.en.po, its translations);
  // an option's own feedback gets the word put before it, so every answer is met the same way
  // (RIGHT and NOT_QUITE, at the top).

  function optionText(input) {
    var label = input.parentElement.querySelector("label");
    return quoted(label ? label.textContent.trim() : "");
  }

  function listed(items) {
    return items.length < 2 ? items.join("") :
      items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  // A multiple-answer question answered wrong: what was right, what was missed, what was
  // chosen but is not right ("Not quite. 2 of 3 right; you missed: “…”."), first; the wrong
  // options' own feedback (mkdocs-quiz's) follows.
  function partialAnswer(quiz) {
    // In the author's order, not this visit's shuffle: the same words after every reload.
    var inputs = optionInputs(quiz).sort(function (a, b) { return a.value - b.value; });
    var correct = inputs.filter(function (i) { return i.hasAttribute("data-correct"); });
    var chosen = correct.filter(function (i) { return i.checked; });
    var missed = correct.filter(function (i) { return !i.checked; }).map(optionText);
    var wrong = inputs.filter(function (i) {
      return i.checked && !i.hasAttribute("data-correct");
    }).map(optionText);
    var not = wrong.length === 1 ? " is not right" : " are not right";
    var said = !missed.length ? " You chose all " + correct.length + " right answers, but also " +
      listed(wrong) + ", which" + not + "." :
      " " + chosen.length + " of " + correct.length + " right; you missed: " + listed(missed) +
      (wrong.length ? "; " + listed(wrong) + not : "") + ".";
    return [el("strong", "ipt-verdict", NOT_QUITE), said];
  }

  function choiceFeedback(quiz) {
    var box = quiz.querySelector(".quiz-feedback");
    var items = box.querySelectorAll(".quiz-feedback-item");
    if (!items.length || box.querySelector(".ipt-verdict, .ipt-partial")) return;
    var ok = items[0].classList.contains("correct");
    var multiple = optionInputs(quiz).some(function (i) { return i.type === "checkbox"; });
    if (!ok && multiple) {
      // mkdocs-quiz's bare "Not quite." (no wrong option chosen) gives way to the summary.
      var only = items[0].querySelector(".quiz-feedback-item-content");
      if (items.length === 1 && only && only.textContent.trim() === NOT_QUITE) items[0].remove();
      box.insertBefore(feedbackItem("incorrect ipt-partial", partialAnswer(quiz)),
                       box.firstChild);
      return;
    }
    var content = items[0].querySelector(".quiz-feedback-item-content");
    var word = ok ? RIGHT : NOT_QUITE;
    if (content && content.textContent.trim() === word) {  // mkdocs-quiz's own message alone
      content.textContent = "";
      content.appendChild(el("strong", "ipt-verdict", word));
      return;
    }
    items[0].insertBefore(el("p", "ipt-verdict", word), items[0].firstChild);
  }

  function showFeedback(quiz) {
    if (!answered(quiz)) return;
    if (isFillIn(quiz)) fillInFeedback(quiz);
    else choiceFeedback(quiz);
  }

  // --- Answers by identity: the record <-> mkdocs-quiz's storage by position -----------------

  function mkdocsQuizProgress() {
    try {
      var saved = JSON.parse(localStorage.getItem(PROGRESS_KEY) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (error) {
      return {};
    }
  }

  // mkdocs-quiz's entry for question n ({answered, correct, selectedValues}: option values are
  // places in this build's option order) from the record's answer, if it is for this version.
  function restored(state, q) {
    var entry = record.answer(state, q);
    if (!entry || !entry.answer || typeof entry.correct !== "boolean") return null;
    var values = entry.answer.blanks;
    if (q.kind === "choice") {
      values = (entry.answer.options || []).map(function (id) { return q.options.indexOf(id); });
      if (!values.length || values.indexOf(-1) !== -1) return null;
      values = values.map(String);
    } else if (!Array.isArray(values) || values.length !== q.blanks.length) {
      return null;
    }
    return { answered: true, correct: entry.correct, selectedValues: values };
  }

  // Before mkdocs-quiz reads it on DOMContentLoaded: what it shows is the record's answers, put
  // on the questions' places in this build.
  function writeProgress(state) {
    var progress = {};
    questions.forEach(function (q, n) {
      var saved = restored(state, q);
      if (saved) progress["quiz-" + n] = saved;
    });
    try {
      if (!Object.keys(progress).length) localStorage.removeItem(PROGRESS_KEY);
      else localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    } catch (error) {
      // Storage switched off: mkdocs-quiz starts empty, as the record does.
    }
  }

  // What mkdocs-quiz has just marked a question: {ok, answer} (the record's form of it).
  function verdict(quiz) {
    var saved = mkdocsQuizProgress()[quiz.id];
    return { ok: !!saved && saved.correct === true, answer: answerOf(questionInfo(quiz), saved) };
  }

  // The record's form of what mkdocs-quiz has just saved for question q.
  function answerOf(q, saved) {
    var values = saved && Array.isArray(saved.selectedValues) ? saved.selectedValues : [];
    if (q.kind !== "choice") return { blanks: values.map(String) };
    return { options: values.map(function (v) { return q.options[+v]; })
      .filter(function (id) { return typeof id === "string"; }) };
  }

  // --- Attempts -----------------------------------------------------------------------------

  function attemptsIn(state) {
    return record.quiz(state, PAGE);
  }

  // The first tries of the attempt under way, each made on the question as it is now.
  function triedNow(attempts, q) {
    return record.tryFor(attempts.current, q);
  }

  function finish(attempts) {
    var correct = questions.filter(function (q) { return triedNow(attempts, q).ok; }).length;
    var at = new Date().toISOString();
    attempts.latest = {
      correct: correct, total: ids.length, at: at, fixed: [],
      missed: questions.filter(function (q) { return !triedNow(attempts, q).ok; })
        .map(function (q) { return q.id; }),
    };
    if (!attempts.best || correct > attempts.best.correct || attempts.best.total !== ids.length) {
      attempts.best = { correct: correct, total: ids.length, at: at };
    }
    if (attempts.attempts === 0) attempts.first = { correct: correct, total: ids.length, at: at };
    attempts.attempts += 1;
    attempts.current = null;
    attempts.extra = null;
  }

  // Questions of the latest ended attempt (unchanged since) or answered after it, wrong the first
  // time and not answered right since: those "Retry the ones I missed" reopens.
  function stillMissed(state) {
    var attempts = attemptsIn(state), latest = attempts.latest;
    if (attempts.current || !latest) return [];
    return questions.filter(function (q) {
      if (latest.fixed.indexOf(q.id) !== -1 || !record.answer(state, q)) return false;
      var extra = record.tryFor(attempts.extra, q);
      return extra ? !extra.ok : latest.missed.indexOf(q.id) !== -1;
    }).map(function (q) { return q.id; });
  }

  // A first answer to question q. `known`: it had been answered before in this version (a
  // retry); otherwise it is new on the page or changed since it was answered.
  function recordTry(state, q, ok, known) {
    var attempts = attemptsIn(state), latest = attempts.latest;
    attempts.updated = new Date().toISOString();
    if (!attempts.current && latest) {
      if (known) {  // a retried question: the attempt's score stays
        if (ok && stillMissed(state).indexOf(q.id) !== -1 && latest.fixed.indexOf(q.id) === -1) {
          latest.fixed.push(q.id);
        }
      } else if (!record.tryFor(attempts.extra, q)) {
        // New or changed since the latest attempt ended: its first try, outside that score.
        attempts.extra = attempts.extra || {};
        attempts.extra[q.id] = { ok: ok, fp: q.fp };
      }
      return;
    }
    if (!attempts.current) attempts.current = {};
    if (!triedNow(attempts, q)) attempts.current[q.id] = { ok: ok, fp: q.fp };
    if (questions.every(function (each) { return triedNow(attempts, each); })) finish(attempts);
  }

  // On arrival: first tries made on questions since edited or removed are dropped; an attempt
  // whose every question is answered (one was removed) ends.
  function reconcile(state) {
    var attempts = attemptsIn(state);
    ["current", "extra"].forEach(function (name) {
      var tries = attempts[name];
      if (!tries) return;
      Object.keys(tries).forEach(function (id) {
        var q = questions[ids.indexOf(id)];
        if (!q || !record.tryFor(tries, q)) delete tries[id];
      });
    });
    if (attempts.current && questions.every(function (q) { return triedNow(attempts, q); })) {
      finish(attempts);
    }
  }

  var MARKS = { right: "\u2713", wrong: "\u2717", open: "\u2013" };

  // The row's mark: a sign (and, for a question put right on retry, "✗ → ✓ on retry") that
  // everyone sees, and the same in words for screen readers.
  function mark(row, kind, words) {
    var old = row.querySelector(".ipt-mark");
    if (old) old.remove();
    var span = el("span", "ipt-mark ipt-mark--" + kind);
    var shown = el("span");
    shown.setAttribute("aria-hidden", "true");
    if (kind === "fixed") {
      shown.append(el("span", "ipt-mark__was", MARKS.wrong), " \u2192 ",
                   el("span", "ipt-mark__now", MARKS.right + " on retry"));
    } else {
      shown.textContent = MARKS[kind];
    }
    span.append(shown, el("span", "ipt-sr", " " + words + ": "));
    row.insertBefore(span, row.firstChild);
  }

  var panel = document.getElementById("ipt-results");
  var rows = panel ? Array.prototype.slice.call(panel.querySelectorAll("ol > li")) : [];

  function score(result) {
    return result.correct + " of " + result.total;
  }

  // "Your first try: 8 of 11 · best: 11 of 11." once there has been more than one attempt
  // (the first-ever try is kept beside the best, so a retake straight after the feedback never
  // hides what was missed the first time).
  function history(attempts) {
    if (attempts.attempts < 1 || (attempts.attempts === 1 && !attempts.current)) return "";
    var parts = [];
    if (attempts.first) parts.push("Your first try: " + score(attempts.first));
    if (attempts.best) {
      parts.push((parts.length ? "best: " : "Best so far: ") + score(attempts.best));
    }
    return parts.length ? " " + parts.join(" \u00b7 ") + "." : "";
  }

  function render(state) {
    if (!panel) return;
    var attempts = attemptsIn(state), latest = attempts.latest, current = attempts.current;
    var status = panel.querySelector(".ipt-results-status");
    var open = stillMissed(state), fresh = 0;
    questions.forEach(function (q, n) {
      var row = rows[n];
      if (!row) return;
      var now = current ? triedNow(attempts, q) : record.tryFor(attempts.extra, q);
      var fixed = !current && !!latest && latest.fixed.indexOf(q.id) !== -1;
      if (now) {  // a first try in the attempt under way, or after the latest one ended
        if (now.ok) mark(row, "right", "right");
        else mark(row, fixed ? "fixed" : "wrong", fixed ? "wrong, right on retry" : "wrong");
      } else if (current || !latest) {
        mark(row, "open", "not answered yet");
      } else if (!record.answer(state, q)) {
        fresh += 1;  // new or changed since the latest attempt
        mark(row, "open", "new or changed since your latest attempt, not answered yet");
      } else if (latest.missed.indexOf(q.id) === -1) {
        mark(row, "right", "right");
      } else {
        mark(row, fixed ? "fixed" : "wrong", fixed ? "wrong, right on retry" : "wrong");
      }
    });
    var retake = attempts.attempts > (current ? 0 : 1);  // this try is not the first
    if (current || !latest) {
      var done = questions.filter(function (q) { return current && triedNow(attempts, q); });
      var right = done.filter(function (q) { return triedNow(attempts, q).ok; }).length;
      status.textContent = (retake ? "Try " + (attempts.attempts + 1) + ": " + done.length +
        " of " + ids.length + " answered, " + right + " right on this try. " :
        done.length + " of " + ids.length + " answered. ") +
        "Your score appears when every question is answered." + history(attempts);
    } else {
      var missed = latest.missed.length || Object.keys(attempts.extra || {}).some(function (id) {
        return !attempts.extra[id].ok;
      });
      var percent = " (" + Math.round((100 * latest.correct) / latest.total) + "%).";
      status.textContent = (retake ?
        "Your score on this try (try " + attempts.attempts + "): " + score(latest) + " right" +
        percent : "Your score: " + score(latest) + " right the first time" + percent) +
        history(attempts) + (missed ? (open.length ? " Reread the sections linked below for " +
        "the ones marked \u2717." : " You have since answered every missed question right.") : "") +
        (fresh ? " " + (fresh === 1 ? "1 question is" : fresh + " questions are") + " new or " +
        "changed since that attempt: answer " + (fresh === 1 ? "it" : "them") + " above." : "");
    }
    panel.querySelector(".ipt-retry-missed").hidden = !!current || open.length === 0;
    panel.querySelector(".ipt-try-again").hidden = !!current || !latest;
    if (current || !latest) closeConfirm(false);
    barScore = scoreForBar(attempts);
    position();
  }

  // --- "Try the quiz again" asks first ----------------------------------------------------------

  // An inline confirmation in the results panel (no browser pop-up): what is cleared, what is
  // kept, two buttons. Focus goes to "Keep my answers" (the safe choice); Escape keeps them too.
  var confirmBox = null;

  function confirmation() {
    if (confirmBox || !panel) return confirmBox;
    confirmBox = el("div", "ipt-confirm");
    confirmBox.id = "ipt-confirm";
    confirmBox.setAttribute("role", "alertdialog");
    confirmBox.setAttribute("aria-labelledby", "ipt-confirm-title");
    confirmBox.setAttribute("aria-describedby", "ipt-confirm-text");
    confirmBox.hidden = true;
    var title = el("p", "ipt-confirm-title", "Start the whole quiz again?");
    title.id = "ipt-confirm-title";
    var text = el("p", "ipt-confirm-text");
    text.id = "ipt-confirm-text";
    var yes = el("button", "md-button md-button--primary ipt-confirm-yes", "Yes, clear my answers");
    var no = el("button", "md-button ipt-confirm-no", "Keep my answers");
    yes.type = no.type = "button";
    var actions = el("div", "ipt-confirm-actions");
    actions.append(yes, no);
    confirmBox.append(title, text, actions);
    panel.querySelector(".ipt-results-actions").insertAdjacentElement("afterend", confirmBox);
    yes.addEventListener("click", function () {
      closeConfirm(false);
      startOver(quizzes, newAttempt);
    });
    no.addEventListener("click", function () { closeConfirm(true); });
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closeConfirm(true);
    });
    return confirmBox;
  }

  function openConfirm() {
    var box = confirmation(), attempts = attemptsIn(record.load());
    var kept = attempts.first ? "Your first try (" + score(attempts.first) + ")" +
      (attempts.attempts > 1 && attempts.best ? ", your best (" + score(attempts.best) + ")" : "") +
      " and the sections to reread stay in My progress." :
      "Your scores and the sections to reread stay in My progress.";
    box.querySelector(".ipt-confirm-text").textContent = "This clears every answer on this " +
      "page, so you can answer each question afresh. " + kept;
    box.hidden = false;
    panel.querySelector(".ipt-try-again").setAttribute("aria-expanded", "true");
    box.querySelector(".ipt-confirm-no").focus();
  }

  // Hide the confirmation; `refocus`: give focus back to "Try the quiz again".
  function closeConfirm(refocus) {
    if (!confirmBox || confirmBox.hidden) return;
    confirmBox.hidden = true;
    var button = panel.querySelector(".ipt-try-again");
    button.setAttribute("aria-expanded", "false");
    if (refocus && !button.hidden) button.focus();
  }

  // --- Where am I: a slim bar on long pages on phones ---------------------------------------

  // Below Material's widest layout the "Quiz Progress" box beside the questions is not shown
  // (it sits under the results). On a page of LONG_PAGE questions or more, a bar fixed to the
  // bottom of the screen says which question is in view and how many are right so far, and
  // leads to Your results. It hides while the results are in view, while a blank is being
  // typed in (the phone's keyboard is up) and above the first question; the page keeps room
  // for it (quiz.css), so nothing is ever hidden under it; it is one link, in the page's
  // order just before the results, and is not printed.
  var LONG_PAGE = 5;
  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 76.1875em)") : null;
  var bar = null, barText = null, barScore = "", typing = false, scheduled = false;

  function makeBar() {
    if (!panel || quizzes.length < LONG_PAGE) return;
    bar = el("a", "ipt-position");
    bar.href = "#your-results";
    bar.hidden = true;
    barText = el("span", "ipt-position__where");
    var go = el("span", "ipt-position__go", "Your results");
    var arrow = el("span", "", " \u2193");
    arrow.setAttribute("aria-hidden", "true");
    go.appendChild(arrow);
    bar.append(barText, go);
    panel.insertAdjacentElement("beforebegin", bar);
    var later = function () {
      if (scheduled) return;
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        position();
      });
    };
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    document.addEventListener("focusin", function (event) {
      typing = !!(event.target.classList && event.target.classList.contains("quiz-blank-input"));
      later();
    });
    document.addEventListener("focusout", function () {
      typing = false;
      later();
    });
  }

  // The question in view: the last whose top is above 40% of the screen's height.
  function inView() {
    var line = window.innerHeight * 0.4, at = 0;
    quizzes.forEach(function (quiz, n) {
      if (quiz.getBoundingClientRect().top <= line) at = n;
    });
    return at;
  }

  // "· 7 right" (first tries right in the attempt under way, once one is answered) or
  // "· score 14 of 18" (the attempt has ended): worked out when the record changes (render).
  function scoreForBar(attempts) {
    var current = attempts.current;
    if (!current) return attempts.latest ? " \u00b7 score " + score(attempts.latest) : "";
    var tried = questions.map(function (q) { return triedNow(attempts, q); }).filter(Boolean);
    return tried.length ? " \u00b7 " + tried.filter(function (t) { return t.ok; }).length +
      " right" : "";
  }

  // On every scroll (once a frame at most): which question is in view, and whether to show.
  function position() {
    if (!bar) return;
    barText.textContent = "Question " + (inView() + 1) + " of " + quizzes.length + barScore;
    var top = quizzes[0].getBoundingClientRect().top;
    var results = panel.getBoundingClientRect().top;
    var show = (!NARROW || NARROW.matches) && !typing && top <= window.innerHeight * 0.4 &&
      results > window.innerHeight - 8;
    if (bar.hidden === show) {
      bar.hidden = !show;
      document.documentElement.classList.toggle("ipt-position-shown", show);
    }
  }

  // mkdocs-quiz's progress box says "Right: 0 of the 0 answered" before anything is answered:
  // its "Right" line waits for the first answer (quizProgressUpdate: mkdocs-quiz's own event,
  // sent before it writes the numbers).
  window.addEventListener("quizProgressUpdate", function (event) {
    var answered = event.detail && event.detail.answered > 0;
    document.querySelectorAll(".quiz-progress-score").forEach(function (count) {
      var line = count.closest(".md-ellipsis");
      if (line) line.style.display = answered ? "" : "none";
    });
  });

  function seeResultsLink(quiz) {
    if (quiz.querySelector(".ipt-see-results")) return;
    var p = el("p", "ipt-see-results");
    var a = el("a", "", "See your results");
    a.href = "#your-results";
    p.appendChild(a);
    quiz.querySelector(".quiz-feedback").appendChild(p);
  }

  // Reopen some questions: mkdocs-quiz's own per-question reset (hidden once locked), then the
  // record (`change`: the attempt's side) with those answers cleared. Their verdicts stay (the
  // sections to reread stay listed until answered right).
  function startOver(which, change) {
    which.forEach(function (quiz) {
      var reset = quiz.querySelector(".quiz-reset-button");
      if (reset) reset.click();
      quiz.querySelectorAll(".ipt-hint, .ipt-see-results").forEach(function (n) { n.remove(); });
    });
    var state = record.update(function (saved) {
      which.forEach(function (quiz) {
        var q = questionInfo(quiz);
        if (record.answer(saved, q)) record.putAnswer(saved, q, null);
      });
      change(attemptsIn(saved));
    });
    render(state);
    if (which.length) {
      var control = which[0].querySelector('input[name="answer"], .quiz-blank-input');
      (control || which[0]).focus();
    }
  }

  function newAttempt(attempts) {
    attempts.current = {};
    attempts.extra = null;
    attempts.updated = new Date().toISOString();
  }

  function onSubmitted(quiz) {
    if (!answered(quiz)) return;  // stopped before mkdocs-quiz marked it
    showFeedback(quiz);
    var q = questionInfo(quiz);
    var saved = mkdocsQuizProgress()[quiz.id];  // mkdocs-quiz has just saved its verdict
    var ok = !!saved && saved.correct === true;
    var state = record.update(function (stored) {
      var known = !!record.answer(stored, q);
      record.putAnswer(stored, q, answerOf(q, saved), ok);
      recordTry(stored, q, ok, known);
    });
    render(state);
    record.markNavigation();
    if (quizzes.every(answered)) seeResultsLink(quiz);
    // mkdocs-quiz focused the feedback before this script added to it: keep all of it in view
    // (the smallest instant scroll, never away from it).
    quiz.querySelector(".quiz-feedback").scrollIntoView({ block: "nearest" });
  }

  // Now, before mkdocs-quiz restores the page: drop what no longer fits, then hand it the
  // record's answers on this build's places.
  var arrived = record.update(function (state) { reconcile(state); });
  writeProgress(arrived);

  // Arriving at "#quiz-N" (the home page's "Continue where you left off"): the browser
  // scrolled there before mkdocs-quiz put the saved answers and their feedback back above it;
  // scroll there again, at once (quiz.css keeps it clear of the header).
  function arriveAtQuestion() {
    var id = /^#quiz-\d+$/.test(location.hash) ? location.hash.slice(1) : "";
    var target = id && document.getElementById(id);
    if (target) target.scrollIntoView({ block: "start", behavior: "instant" });
  }

  // After mkdocs-quiz has set a question up: its blanks named and helped, a hint cleared as
  // soon as something is chosen.
  function prepareQuestion(quiz) {
    if (isFillIn(quiz)) prepareBlanks(quiz);
    else {
      optionInputs(quiz).forEach(function (input) {
        input.addEventListener("change", function () { hint(quiz, ""); });
      });
    }
  }

  function setUp() {
    quizzes.forEach(function (quiz) {
      prepareQuestion(quiz);
      showFeedback(quiz);  // answers restored by mkdocs-quiz
      // Registered after mkdocs-quiz's own submit handler, so it runs after it.
      quiz.querySelector("form").addEventListener("submit", function () { onSubmitted(quiz); });
    });
    makeBar();
    render(record.load());
    arriveAtQuestion();
    if (!panel) return;
    confirmation();
    var tryAgain = panel.querySelector(".ipt-try-again");
    tryAgain.setAttribute("aria-controls", "ipt-confirm");
    tryAgain.setAttribute("aria-expanded", "false");
    tryAgain.addEventListener("click", function () {
      if (confirmBox && !confirmBox.hidden) closeConfirm(true);
      else openConfirm();
    });
    panel.querySelector(".ipt-retry-missed").addEventListener("click", function () {
      var open = stillMissed(record.load());
      startOver(quizzes.filter(function (quiz) {
        return open.indexOf(questionInfo(quiz).id) !== -1;
      }), function () {});
    });
  }

  // After mkdocs-quiz's DOMContentLoaded handler (registered earlier, by its inline script).
  // A deferred script runs while readyState is already "interactive", before that event.
  if (document.readyState === "complete") setUp();
  else document.addEventListener("DOMContentLoaded", setUp);
})();
