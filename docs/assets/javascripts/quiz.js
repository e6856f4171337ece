/* What students' browsers do on a self-check page, on top of mkdocs-quiz 1.7.1.
 *
 * Loaded on quiz pages only (hooks/student_experience.py adds it, deferred, so it runs before
 * mkdocs-quiz sets up its questions on DOMContentLoaded). The page's facts come from the JSON
 * that quizkit/render.py writes into #ipt-quiz-data. What it does:
 *  - keeps the author's option order for `shuffle: false` questions (mkdocs-quiz reshuffles
 *    the others on every visit; it saves each option's fixed value, so answers survive that);
 *  - fill-ins: accepts every [[a|b]] alternative, ignoring case, spaces and dash/quote variants,
 *    and one slip in a long answer unless `typos: false` (mkdocs-quiz calls iptQuiz.accepts,
 *    patched in by the hook); Enter submits; number blanks open the number keyboard; each
 *    blank is named "Blank N of M"; one feedback box saying what was expected;
 *  - Submit does nothing until something is chosen or typed;
 *  - multiple-answer feedback names a correct option the student did not choose;
 *  - the honest loop: first tries are the score, "Retry the ones I missed" and "Try the quiz
 *    again" start over deliberately, and the best and latest attempts are saved under
 *    "ipt:attempts:<quiz page path>" (shape: docs/assets/javascripts/README.md).
 */
(function () {
  "use strict";

  // --- Matching fill-in answers (pure) ------------------------------------------------------

  var DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;
  var SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032`]/g;
  var DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
  var MIN_LETTERS_FOR_SLIP = 7;

  function normalise(text) {
    return String(text).replace(DASHES, "-").replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"').replace(/\s+/g, " ").trim().toLowerCase();
  }

  function alternatives(attribute) {
    return String(attribute || "").split("|").map(function (a) { return a.trim(); })
      .filter(function (a) { return a !== ""; });
  }

  // True when b is a with one letter changed, added or left out.
  function oneSlip(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function letters(text) {
    return (text.match(/\p{L}/gu) || []).length;
  }

  // {ok, exact, expected}: is `typed` one of `accepted`; which one it meant.
  function match(typed, accepted, typos) {
    var given = normalise(typed);
    for (var i = 0; i < accepted.length; i++) {
      if (normalise(accepted[i]) === given) return { ok: true, exact: true, expected: accepted[i] };
    }
    if (typos && given) {
      for (var j = 0; j < accepted.length; j++) {
        var want = normalise(accepted[j]);
        if (letters(want) >= MIN_LETTERS_FOR_SLIP && oneSlip(want, given)) {
          return { ok: true, exact: false, expected: accepted[j] };
        }
      }
    }
    return { ok: false, exact: false, expected: accepted[0] || "" };
  }

  // --- The page ---------------------------------------------------------------------------------

  var dataElement = document.getElementById("ipt-quiz-data");
  var info = dataElement ? JSON.parse(dataElement.textContent) : null;

  function questionIndex(quiz) {
    return Number(quiz.id.replace("quiz-", ""));
  }

  function questionInfo(quiz) {
    return (info && info.questions[questionIndex(quiz)]) || { id: quiz.id, shuffle: true, typos: true };
  }

  // Called by mkdocs-quiz's fill-in comparison (see PATCHES in hooks/student_experience.py).
  function accepts(input) {
    var quiz = input.closest(".quiz");
    var result = match(input.value, alternatives(input.getAttribute("data-answer")),
      questionInfo(quiz).typos !== false);
    input.setAttribute("data-ipt-match", result.ok ? (result.exact ? "exact" : "slip") : "wrong");
    input.setAttribute("data-ipt-expected", result.expected);
    return result.ok;
  }

  window.iptQuiz = { accepts: accepts, match: match, normalise: normalise };
  if (!info) return;

  var quizzes = Array.prototype.slice.call(document.querySelectorAll(".quiz"));
  var ids = info.questions.map(function (q) { return q.id; });
  var KEY = "ipt:attempts:" + info.quiz;

  // Before mkdocs-quiz shuffles (it runs on DOMContentLoaded, after this deferred script).
  quizzes.forEach(function (quiz) {
    if (questionInfo(quiz).shuffle === false) quiz.removeAttribute("data-shuffle-answers");
  });

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
        lines.push(label + "you wrote " + quoted(input.value.trim()) + "; the answer is " +
          quoted(expected) + also + ".");
      }
    });
    var box = quiz.querySelector(".quiz-feedback");
    box.textContent = "";
    var content = [allRight ? "Correct." : "Not quite."];
    lines.forEach(function (line) { content.push(el("span", "ipt-line", line)); });
    box.appendChild(feedbackItem(allRight ? "correct" : "incorrect", content));
  }

  // --- Multiple answers: say which correct option was not chosen -----------------------------

  function missedOptions(quiz) {
    var box = quiz.querySelector(".quiz-feedback");
    optionInputs(quiz).forEach(function (input) {
      if (input.type !== "checkbox" || !input.hasAttribute("data-correct") || input.checked) return;
      var label = input.parentElement.querySelector("label");
      box.appendChild(feedbackItem("incorrect ipt-missed-option",
        "You did not choose " + quoted(label ? label.textContent.trim() : "") +
        ", which is also correct."));
    });
  }

  function showFeedback(quiz) {
    if (!answered(quiz)) return;
    if (isFillIn(quiz)) fillInFeedback(quiz);
    else missedOptions(quiz);
  }

  // --- Attempts -----------------------------------------------------------------------------

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }

  function siteRelative(href) {
    var root = siteRoot();
    return href.indexOf(root) === 0 ? href.slice(root.length) : href;
  }

  var panel = document.getElementById("ipt-results");
  var rows = panel ? Array.prototype.slice.call(panel.querySelectorAll("ol > li")) : [];

  function load() {
    var saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(KEY) || "null");
    } catch (error) {
      saved = null;
    }
    if (!saved || typeof saved !== "object" || saved.version !== 1) {
      saved = { version: 1, attempts: 0, best: null, latest: null, current: {} };
    }
    saved.total = ids.length;
    saved.page = siteRelative(location.href.split("#")[0]);
    saved.questions = ids.map(function (id, n) {
      var links = rows[n] ? rows[n].querySelectorAll("a") : [];
      return { id: id, review: links.length > 1 ? siteRelative(links[links.length - 1].href) : "" };
    });
    return saved;
  }

  function save(state) {
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      // Storage full or switched off: the page still works, the record is not kept.
    }
  }

  function mkdocsQuizProgress() {
    try {
      return JSON.parse(localStorage.getItem("quiz_progress_" + location.pathname) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function finish(state) {
    var correct = ids.filter(function (id) { return state.current[id] === true; }).length;
    var at = new Date().toISOString();
    state.latest = {
      correct: correct, total: ids.length, at: at, fixed: [],
      missed: ids.filter(function (id) { return state.current[id] !== true; }),
    };
    if (!state.best || correct > state.best.correct || state.best.total !== ids.length) {
      state.best = { correct: correct, total: ids.length, at: at };
    }
    state.attempts += 1;
    state.current = null;
  }

  function record(state, id, ok) {
    var latest = state.latest;
    if (!state.current && latest && latest.missed.indexOf(id) !== -1) {
      if (ok && latest.fixed.indexOf(id) === -1) latest.fixed.push(id);  // a retried question
      return;
    }
    if (!state.current) state.current = {};
    if (!(id in state.current)) state.current[id] = ok;
    if (ids.every(function (i) { return i in state.current; })) finish(state);
  }

  // A student with answers saved by mkdocs-quiz before this script existed: count them as the
  // attempt under way, so the (locked) questions can still complete it.
  function adopt(state) {
    if (!state.current && state.latest) return;
    var progress = mkdocsQuizProgress();
    quizzes.forEach(function (quiz, n) {
      var saved = progress[quiz.id];
      if (saved && saved.answered) record(state, ids[n], saved.correct === true);
    });
  }

  function mark(row, kind, words) {
    var old = row.querySelector(".ipt-mark");
    if (old) old.remove();
    var span = el("span", "ipt-mark ipt-mark--" + kind);
    span.appendChild(el("span", "", { right: "\u2713", wrong: "\u2717", open: "\u2013" }[kind]));
    span.appendChild(el("span", "ipt-sr", " " + words + ": "));
    span.firstChild.setAttribute("aria-hidden", "true");
    row.insertBefore(span, row.firstChild);
  }

  function render(state) {
    if (!panel) return;
    var status = panel.querySelector(".ipt-results-status");
    var latest = state.latest;
    ids.forEach(function (id, n) {
      if (!rows[n]) return;
      if (state.current) {
        if (!(id in state.current)) mark(rows[n], "open", "not answered yet");
        else if (state.current[id]) mark(rows[n], "right", "right");
        else mark(rows[n], "wrong", "wrong");
      } else if (latest.missed.indexOf(id) === -1) {
        mark(rows[n], "right", "right");
      } else {
        mark(rows[n], "wrong", latest.fixed.indexOf(id) === -1 ? "wrong" : "wrong, right on retry");
      }
    });
    var best = state.best ? " Best so far: " + state.best.correct + " of " + state.best.total + "." : "";
    if (state.current) {
      var done = Object.keys(state.current).length;
      status.textContent = done + " of " + ids.length + " answered. Your score appears when " +
        "every question is answered." + best;
    } else {
      var open = latest.missed.filter(function (id) { return latest.fixed.indexOf(id) === -1; });
      status.textContent = "Your score: " + latest.correct + " of " + latest.total +
        " right the first time (" + Math.round((100 * latest.correct) / latest.total) + "%)." +
        best + (latest.missed.length ? (open.length ? " Reread the sections linked below for " +
        "the ones marked \u2717." : " You have since answered every missed question right.") : "");
      panel.querySelector(".ipt-retry-missed").hidden = open.length === 0;
    }
    panel.querySelector(".ipt-try-again").hidden = !!state.current;
    if (state.current) panel.querySelector(".ipt-retry-missed").hidden = true;
  }

  function seeResultsLink(quiz) {
    if (quiz.querySelector(".ipt-see-results")) return;
    var p = el("p", "ipt-see-results");
    var a = el("a", "", "See your results");
    a.href = "#your-results";
    p.appendChild(a);
    quiz.querySelector(".quiz-feedback").appendChild(p);
  }

  function startOver(which, state) {
    var first = null;
    which.forEach(function (quiz) {
      var reset = quiz.querySelector(".quiz-reset-button");
      if (reset) reset.click();  // mkdocs-quiz's own per-question reset (hidden once locked)
      quiz.querySelectorAll(".ipt-hint, .ipt-see-results").forEach(function (n) { n.remove(); });
      first = first || quiz;
    });
    save(state);
    render(state);
    if (first) {
      var control = first.querySelector('input[name="answer"], .quiz-blank-input');
      (control || first).focus();
    }
  }

  function onSubmitted(quiz) {
    if (!answered(quiz)) return;  // stopped before mkdocs-quiz marked it
    showFeedback(quiz);
    var state = load();
    var saved = mkdocsQuizProgress()[quiz.id];  // mkdocs-quiz has just saved its verdict
    record(state, ids[questionIndex(quiz)], !!saved && saved.correct === true);
    save(state);
    render(state);
    if (quizzes.every(answered)) seeResultsLink(quiz);
    // mkdocs-quiz focused the feedback before this script added to it: keep all of it in view
    // (the smallest instant scroll, never away from it).
    quiz.querySelector(".quiz-feedback").scrollIntoView({ block: "nearest" });
  }

  function setUp() {
    quizzes.forEach(function (quiz) {
      if (isFillIn(quiz)) prepareBlanks(quiz);
      else {
        optionInputs(quiz).forEach(function (input) {
          input.addEventListener("change", function () { hint(quiz, ""); });
        });
      }
      showFeedback(quiz);  // answers restored by mkdocs-quiz
      // Registered after mkdocs-quiz's own submit handler, so it runs after it.
      quiz.querySelector("form").addEventListener("submit", function () { onSubmitted(quiz); });
    });
    var state = load();
    adopt(state);
    save(state);
    render(state);
    if (!panel) return;
    panel.querySelector(".ipt-try-again").addEventListener("click", function () {
      var fresh = load();
      fresh.current = {};
      startOver(quizzes, fresh);
    });
    panel.querySelector(".ipt-retry-missed").addEventListener("click", function () {
      var fresh = load();
      var open = fresh.latest ? fresh.latest.missed.filter(function (id) {
        return fresh.latest.fixed.indexOf(id) === -1;
      }) : [];
      startOver(quizzes.filter(function (quiz, n) { return open.indexOf(ids[n]) !== -1; }), fresh);
    });
  }

  // After mkdocs-quiz's DOMContentLoaded handler (registered earlier, by its inline script).
  // A deferred script runs while readyState is already "interactive", before that event.
  if (document.readyState === "complete") setUp();
  else document.addEventListener("DOMContentLoaded", setUp);
})();
