/* The student's record: everything this module keeps in this browser, in ONE versioned JSON
 * object under localStorage "ipt:progress". Its shape, every field and an example are in
 * README.md beside this file; a progress file ("Save my progress to a file") is the same object.
 *
 * Loaded (deferred, in <head>, so before every other script of the page) on the home page and on
 * every lesson and self-check page (quizkit/assets.py), with the page's #ipt-page data.
 * On load it:
 *  - moves what older versions of the module saved (ipt:attempts:*, ipt:exam:*, ipt:last-page,
 *    mkdocs-quiz's quiz_progress_*) into the record, once, keeping only what still fits the
 *    questions on this build (the page's #ipt-quiz-data, quizkit/identity.py);
 *  - remembers a lesson or self-check page as the last page visited (the home page's "Continue
 *    where you left off", progress.js, leads back there);
 *  - ticks every finished self-check in the navigation;
 * and offers window.iptRecord to quiz.js, exam.js and progress.js.
 *
 * Everything a student answered is kept by the question's identity: its id and the fingerprint
 * of what was asked. An answer counts only while the question has the same fingerprint, so an
 * edited question starts fresh and an untouched one keeps its answer wherever it moves. Every
 * change is read-modify-write of the stored record (update()), so two open pages never
 * overwrite each other's work with an old copy.
 */
(function () {
  "use strict";

  var KEY = "ipt:progress";
  var UNREADABLE = "ipt:progress-unreadable";
  var FORMAT = "ipt-progress";
  var VERSION = 2;
  var MAX_FILE_BYTES = 5 * 1024 * 1024;
  var KEY_PATTERN = /^[A-Za-z0-9][\w.\/-]*$/;  // question ids (slugs) and page paths
  var PAGE_PATTERN = /^[\w-]+(?:\/[\w-]+)*\.md$/;
  var LEGACY_ATTEMPTS = "ipt:attempts:";
  var LEGACY_EXAM = "ipt:exam:";
  var LEGACY_LAST_PAGE = "ipt:last-page";
  var MKDOCS_QUIZ = "quiz_progress_";

  // --- What counts as the same typed answer: the site's one rule, quizkit/marking.py
  // TYPED_ANSWERS, which the page's #ipt-quiz-data carries as "typed" (the Moodle and QTI
  // exports expand the same rule). quiz.js marks with it; the migration re-marks old answers.

  // {same: {char: what it counts as}, spaces: {char: true}, ignoreCase, slipMinLetters}. A page
  // without the data has no typed answer to mark: text then has to be the same exactly.
  function typedRule(data) {
    var rule = { same: {}, spaces: {}, ignoreCase: false, slipMinLetters: Infinity };
    if (!isObject(data)) return rule;
    (Array.isArray(data.same) ? data.same : []).forEach(function (pair) {
      if (!Array.isArray(pair) || !isString(pair[0]) || !isString(pair[1])) return;
      Array.from(pair[0]).forEach(function (c) { rule.same[c] = pair[1]; });
    });
    Array.from(isString(data.spaces) ? data.spaces : "").forEach(function (c) {
      rule.spaces[c] = true;
    });
    rule.ignoreCase = data.ignoreCase === true;
    if (typeof data.slipMinLetters === "number") rule.slipMinLetters = data.slipMinLetters;
    return rule;
  }

  var typed = null;  // the page's rule, read from its data when first needed

  function typedAnswers() {
    if (!typed) typed = typedRule(pageData && pageData.typed);
    return typed;
  }

  function normalise(text) {
    var rule = typedAnswers(), words = [], word = "";
    Array.from(String(text)).forEach(function (c) {
      if (own(rule.spaces, c)) {
        if (word) words.push(word);
        word = "";
      } else {
        word += own(rule.same, c) ? rule.same[c] : c;
      }
    });
    if (word) words.push(word);
    var joined = words.join(" ");
    return rule.ignoreCase ? joined.toLowerCase() : joined;
  }

  // True when b is a with one character changed, added or left out (by characters, not
  // UTF-16 units, as Python counts them).
  function oneSlip(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1 || a.join("") === b.join("")) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    function rest(s, from) { return s.slice(from).join(""); }
    if (a.length === b.length) return rest(a, i + 1) === rest(b, i + 1);
    return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
  }

  function letters(text) {
    return (text.match(/\p{L}/gu) || []).length;
  }

  // {ok, exact, expected}: is `text` one of `accepted`; which one it meant.
  function match(text, accepted, typos) {
    var given = normalise(text);
    for (var i = 0; i < accepted.length; i++) {
      if (normalise(accepted[i]) === given) return { ok: true, exact: true, expected: accepted[i] };
    }
    if (typos && given) {
      for (var j = 0; j < accepted.length; j++) {
        var want = normalise(accepted[j]);
        if (letters(want) >= typedAnswers().slipMinLetters && oneSlip(want, given)) {
          return { ok: true, exact: false, expected: accepted[j] };
        }
      }
    }
    return { ok: false, exact: false, expected: accepted[0] || "" };
  }

  // --- Small checks ---------------------------------------------------------------------------

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }
  function isString(value) { return typeof value === "string"; }
  function isCount(value) { return typeof value === "number" && value >= 0 && value % 1 === 0; }
  function isTime(value) { return value === null || value === undefined || isString(value); }
  function isBoolean(value) { return typeof value === "boolean"; }
  // An optional field: absent (or null), or passing its test.
  function optional(value, test) { return value === null || value === undefined || test(value); }
  function allOf(list, test) { return Array.isArray(list) && list.every(test); }
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function now() { return new Date().toISOString(); }

  function readJSON(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (e) {
      return null;
    }
  }

  function storageKeys() {
    var keys = [];
    try {
      for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    } catch (e) { /* storage switched off: nothing saved */ }
    return keys;
  }

  function remove(key) {
    try { localStorage.removeItem(key); } catch (e) { /* nothing to remove */ }
  }

  // --- The record -----------------------------------------------------------------------------

  function empty() {
    return { format: FORMAT, version: VERSION, updated: null, questions: {}, quizzes: {},
             exam: {}, lastPage: null };
  }

  // A record of this version read back from storage or a file, its parts checked (a damaged
  // part would make the pages fail), or null if it is not one. strict (a file): any entry not
  // in the documented shape refuses the whole. Otherwise (the browser's own record) such an
  // entry is left out, so one damaged entry never costs the rest. Fields this version does not
  // know are kept, so a later version's additions survive a round trip.
  function checked(value, strict) {
    if (!isObject(value) || value.format !== FORMAT || value.version !== VERSION) return null;
    // [part, the test of each entry, optional (a record without the part is complete)]
    var parts = [["questions", goodQuestion], ["quizzes", goodQuiz], ["exam", goodExam],
                 ["papers", goodSitting, true]];
    if (!optional(value.revise, goodRevise)) {  // the Revise page's exam date and round
      if (strict) return null;
      value.revise = null;
    }
    for (var p = 0; p < parts.length; p++) {
      var part = value[parts[p][0]];
      if (part === undefined && parts[p][2]) continue;
      if (!isObject(part)) {
        if (strict) return null;
        part = value[parts[p][0]] = {};
      }
      for (var key in part) {
        if (!own(part, key) || (KEY_PATTERN.test(key) && parts[p][1](part[key]))) continue;
        if (strict) return null;
        delete part[key];
      }
    }
    var good = {
      lastPage: value.lastPage === null || value.lastPage === undefined || goodPage(value.lastPage),
      updated: isTime(value.updated),
    };
    for (var field in good) {
      if (good[field]) continue;
      if (strict) return null;
      value[field] = null;
    }
    return value;
  }

  function goodAnswer(answer) {
    if (answer === null) return true;
    if (!isObject(answer)) return false;
    if (own(answer, "options")) return allOf(answer.options, isString) && answer.options.length > 0;
    return allOf(answer.blanks, isString);
  }
  function goodQuestion(entry) {
    return isObject(entry) && isString(entry.fp) && goodAnswer(entry.answer === undefined ?
      null : entry.answer) && (entry.correct === null || entry.correct === undefined ||
      typeof entry.correct === "boolean") && isTime(entry.at) && isTime(entry.missed) &&
      optional(entry.history, function (list) { return allOf(list, goodReview); }) &&
      optional(entry.card, goodCard);
  }
  // One answer in a question's history: when, right or not, where ("self-check", "revise").
  function goodReview(review) {
    return isObject(review) && isString(review.at) && isBoolean(review.ok) &&
      optional(review.from, isString);
  }
  function isNumber(value) { return typeof value === "number" && isFinite(value); }
  // An FSRS card (ts-fsrs's Card, its dates as ISO strings): the fields the schedule reads.
  function goodCard(card) {
    return isObject(card) && isString(card.due) && isNumber(card.stability) &&
      isNumber(card.difficulty) && isCount(card.reps) && isCount(card.lapses) &&
      isCount(card.state) && isTime(card.last_review);
  }
  var DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
  // The Revise page's own part: the date of the student's paper and when it was given, and
  // the round under way (its question ids, when it started).
  function goodRevise(revise) {
    return isObject(revise) && optional(revise.exam, function (exam) {
      return isObject(exam) && isString(exam.date) && DAY_PATTERN.test(exam.date) &&
        isString(exam.set);
    }) && optional(revise.round, function (round) {
      if (!isObject(round) || !isString(round.started) || !allOf(round.ids, isString) ||
          !optional(round.done, isObject)) return false;
      for (var id in round.done || {}) {
        var done = round.done[id];
        if (own(round.done, id) && !(isObject(done) && isBoolean(done.ok) &&
                                     goodAnswer(done.answer))) return false;
      }
      return true;
    });
  }
  function goodScore(score) {
    return score === null || score === undefined || (isObject(score) && isCount(score.correct) &&
      isCount(score.total) && isTime(score.at));
  }
  function goodTries(tries) {
    if (tries === null || tries === undefined) return true;
    if (!isObject(tries)) return false;
    for (var id in tries) {
      if (own(tries, id) && (!KEY_PATTERN.test(id) || !isObject(tries[id]) ||
          typeof tries[id].ok !== "boolean" || !isString(tries[id].fp))) return false;
    }
    return true;
  }
  function goodQuiz(quiz) {
    var latest = quiz && quiz.latest;
    return isObject(quiz) && isCount(quiz.attempts) && goodScore(quiz.first) &&
      goodScore(quiz.best) && goodScore(latest) && (!latest || (allOf(latest.missed, isString) &&
      allOf(latest.fixed, isString))) && goodTries(quiz.current) && goodTries(quiz.extra) &&
      isTime(quiz.updated);
  }
  function goodExam(item) {
    return isObject(item) && isString(item.fp) && isString(item.prompt) && isString(item.text) &&
      allOf(item.ticked, isString) && typeof item.compared === "boolean" &&
      typeof item.viewed === "boolean" && typeof item.elapsed === "number" && isTime(item.at) &&
      optional(item.onPaper, isBoolean) && optional(item.extra, isCount) &&
      optional(item.partial, function (partial) {
        if (!isObject(partial)) return false;
        for (var id in partial) if (own(partial, id) && !isCount(partial[id])) return false;
        return true;
      });
  }
  // A mock-paper sitting (exam.js): its clock, its answers (each an exam answer) and marks.
  function goodSitting(sitting) {
    if (!isObject(sitting) || !allOf(sitting.questions, isString) || !isCount(sitting.limit) ||
        !isCount(sitting.elapsed) || !isTime(sitting.since) || !isTime(sitting.started) ||
        !isTime(sitting.ended) || !optional(sitting.onPaper, isBoolean) ||
        !isObject(sitting.answers) || !optional(sitting.mark, goodResult) ||
        !optional(sitting.results, function (list) { return allOf(list, goodResult); })) {
      return false;
    }
    for (var id in sitting.answers) {
      if (own(sitting.answers, id) && (!KEY_PATTERN.test(id) || !goodExam(sitting.answers[id]))) {
        return false;
      }
    }
    return true;
  }
  function goodResult(result) {
    return isObject(result) && isCount(result.got) && isCount(result.of) &&
      optional(result.answered, isCount) && optional(result.elapsed, isCount) && isTime(result.at);
  }
  function goodPage(page) {
    return isObject(page) && isString(page.page) && PAGE_PATTERN.test(page.page) &&
      isString(page.title);
  }

  // The stored record (a fresh empty one if there is none or it cannot be read).
  function load() {
    return checked(readJSON(KEY), false) || empty();
  }

  // Write the whole record. Refused (false) when the browser holds a record of a later version
  // (a newer copy of the module was used here): this script must not overwrite what it cannot
  // read. A stored value that cannot be read at all is first kept aside, once, under
  // UNREADABLE (never silently lost). False too when storage is full or switched off: the page
  // still works for this visit.
  function save(record) {
    var stored = readJSON(KEY);
    if (newer(stored)) return false;
    try {
      var raw = localStorage.getItem(KEY);
      if (raw !== null && !checked(stored, false) && localStorage.getItem(UNREADABLE) === null) {
        localStorage.setItem(UNREADABLE, raw);
      }
      localStorage.setItem(KEY, JSON.stringify(record));
      return true;
    } catch (e) {
      return false;
    }
  }

  // Read, change, write: the one way the pages change the record. Returns the record.
  function update(change) {
    var record = load();
    change(record);
    record.updated = now();
    save(record);
    return record;
  }

  // --- Per question, per quiz, per exam item ----------------------------------------------------

  // The saved entry for a question (q: its #ipt-quiz-data entry), only if it was saved for this
  // version of the question; null otherwise.
  function answerFor(record, q) {
    var entry = own(record.questions, q.id) ? record.questions[q.id] : null;
    return entry && entry.fp === q.fp ? entry : null;
  }

  // The student's own calendar day (local time) of an ISO time, as a number that grows by day,
  // to tell "the same day" from "a later day"; null for no time.
  function dayOf(time) {
    var date = isString(time) ? new Date(time) : null;
    return date && !isNaN(date.getTime()) ?
      date.getFullYear() * 10000 + (date.getMonth() + 1) * 100 + date.getDate() : null;
  }

  // Keep the student's answer ({options: [option ids]} or {blanks: [typed]}, or null: cleared
  // for another try) and its verdict. Other fields of the entry (its review history and
  // revision card) stay while the question is the same version; a new version starts afresh.
  // The first answer ever given to this version starts its history: the Revise page's card
  // for it is made from that first try.
  // A wrong answer's time is kept as `missed`: right again on the same day (straight after
  // seeing the feedback) the question is "fixed on retake" and its section stays in "What to
  // reread"; right on a later day, `missed` goes and so does the section.
  function putAnswer(record, q, answer, correct) {
    var entry = answerFor(record, q) || { fp: q.fp };
    entry.answer = answer;
    if (answer) entry.at = now();
    if (answer && correct === false) {
      entry.missed = entry.at;
    } else if (answer && correct === true && dayOf(entry.at) > dayOf(entry.missed)) {
      delete entry.missed;
    }
    if (correct !== undefined) entry.correct = correct;
    if (answer && isBoolean(correct) && !entry.history) {
      entry.history = [{ at: entry.at, ok: correct, from: "self-check" }];
    }
    record.questions[q.id] = entry;
    return entry;
  }

  // A review on the Revise page (right or not), with the card the scheduler made of it: added
  // to the question's history. What the self-check page shows stays; What to reread follows
  // the later of the two answers, and `missed` the same rule as above (a section missed here
  // is fixed by a right answer on a later day). Null when the question has no entry for this
  // version (it was never met).
  function putReview(record, q, ok, card, at) {
    var entry = answerFor(record, q);
    if (!entry) return null;
    at = at || now();
    entry.history = (entry.history || []).concat([{ at: at, ok: ok, from: "revise" }]);
    entry.card = card;
    if (!ok) entry.missed = at;
    else if (dayOf(at) > dayOf(entry.missed)) delete entry.missed;
    return entry;
  }

  // The verdict of the last answer given to a question, here or on the Revise page: a review
  // later than the self-check's answer wins.
  function lastVerdict(entry) {
    var history = Array.isArray(entry.history) ? entry.history : [];
    var last = history[history.length - 1];
    return last && last.from === "revise" && last.at > (entry.at || "") ? last.ok : entry.correct;
  }

  // Whether question q (as it is now) sends the student back to its section: "missed" (the
  // last answer given, on its self-check or on the Revise page, was wrong, or the question was
  // reopened after one), "fixed" (answered right again, but only on the day it was missed), or
  // null.
  function rereadState(record, q) {
    var entry = answerFor(record, q);
    if (!entry) return null;
    var correct = lastVerdict(entry);
    if (correct === false) return "missed";
    return correct === true && isString(entry.missed) ? "fixed" : null;
  }

  function newQuiz() {
    return { attempts: 0, first: null, best: null, latest: null, current: null, extra: null,
             updated: null };
  }

  // A quiz's attempts, by its page path ("quizzes/time-limit.md"); created when missing.
  function quizFor(record, page) {
    if (!own(record.quizzes, page)) record.quizzes[page] = newQuiz();
    return record.quizzes[page];
  }

  // A first try (in `current` or `extra`) that was made on this version of the question.
  function tryFor(tries, q) {
    var attempt = tries && own(tries, q.id) ? tries[q.id] : null;
    return attempt && attempt.fp === q.fp ? attempt : null;
  }

  // An exam answer as exam.js and My progress use it, for the question as it is now (q: its
  // #ipt-quiz-data entry): {text, elapsed, ticked: [point numbers], compared, viewed, changed}
  // and any other saved fields. The text is kept while the prompt is the same; a tick while its
  // point is; the self-mark ("compared") only while the whole marking scheme is. `changed`: the
  // marking points changed since the student compared or ticked.
  function examState(record, q) {
    var entry = own(record.exam, q.id) ? record.exam[q.id] : null;
    if (!entry || entry.prompt !== q.prompt) return { text: "", ticked: [], elapsed: 0 };
    var state = {};
    for (var key in entry) if (own(entry, key)) state[key] = entry[key];
    var same = entry.fp === q.fp;
    state.ticked = entry.ticked.map(function (id) { return q.points.indexOf(id); })
      .filter(function (i) { return i !== -1; });
    state.compared = same && entry.compared;
    state.changed = !same && (entry.compared || entry.ticked.length > 0);
    delete state.fp;
    delete state.prompt;
    delete state.at;
    return state;
  }

  // Keep an exam answer (the state examState gave, as changed on the page).
  function putExam(record, q, state) {
    var entry = {};
    for (var key in state) if (own(state, key) && key !== "changed") entry[key] = state[key];
    entry.fp = q.fp;
    entry.prompt = q.prompt;
    entry.text = String(state.text || "");
    entry.elapsed = +state.elapsed || 0;
    entry.ticked = (state.ticked || []).map(function (i) { return q.points[i]; })
      .filter(isString);
    entry.compared = !!state.compared;
    entry.viewed = !!(state.viewed || state.compared);
    entry.at = now();
    record.exam[q.id] = entry;
  }

  // --- The page -------------------------------------------------------------------------------

  function jsonElement(id) {
    var element = document.getElementById(id);
    if (!element) return null;
    try {
      return JSON.parse(element.textContent);
    } catch (e) {
      return null;
    }
  }

  var pageInfo = jsonElement("ipt-page") || {};
  var pageData = jsonElement("ipt-quiz-data");
  var quizzesHere = pageData && Array.isArray(pageData.quizzes) ? pageData.quizzes : [];

  function siteRoot() {
    return new URL(isString(pageInfo.root) ? pageInfo.root : "./", location.href);
  }

  // A page's address from its docs path, as MkDocs writes it (directory URLs online, .html in
  // the offline zip), so a page saved in one works in the other and from a progress file.
  function pageUrl(page) {
    var stem = page.replace(/\.md$/, "");
    var path = pageInfo.directoryUrls === false ? stem + ".html" :
      stem === "index" ? "./" : /\/index$/.test(stem) ? stem.slice(0, -5) : stem + "/";
    return new URL(path, siteRoot()).href;
  }

  // --- Moving what older versions saved ---------------------------------------------------------

  // An old site-relative URL ("lessons/x/", "lessons/x.html") as a docs path, or null.
  function pageFromUrl(url) {
    if (!isString(url)) return null;
    var path = url.split("#")[0];
    var page = /\/$/.test(path) ? path.slice(0, -1) + ".md" :
      /\.html$/.test(path) ? path.slice(0, -5) + ".md" : null;
    return page && PAGE_PATTERN.test(page) && /^(lessons|quizzes)\//.test(page) ? page : null;
  }

  // mkdocs-quiz kept a page's answers under quiz_progress_<location.pathname>: every form that
  // pathname took for this quiz (online with or without index.html, the offline zip's .html).
  function mkdocsQuizKeys(page) {
    var base = MKDOCS_QUIZ + siteRoot().pathname + page.replace(/\.md$/, "");
    return [base + "/", base + "/index.html", base + ".html"];
  }

  function sameSet(a, b) {
    return a.length === b.length && a.every(function (x) { return b.indexOf(x) !== -1; });
  }

  // An old mkdocs-quiz answer (option places or typed words) for question q, kept only if it
  // still makes sense for the question as it is now: every option place exists (one for a
  // single-choice question), every blank has a word, and marking it now gives the verdict it
  // was saved with. Old answers carry no fingerprint; this is the check they can have.
  function oldAnswer(q, values, correct) {
    if (!allOf(values, isString) || typeof correct !== "boolean") return null;
    if (q.kind === "choice") {
      if (!values.length || !values.every(function (v) {
        return /^\d+$/.test(v) && +v < q.options.length;
      })) return null;
      var chosen = values.map(Number).filter(function (v, i, all) { return all.indexOf(v) === i; });
      if (q.correct.length === 1 && chosen.length !== 1) return null;
      if (sameSet(chosen, q.correct) !== correct) return null;
      return { options: chosen.map(function (i) { return q.options[i]; }) };
    }
    if (q.kind !== "fill in" || values.length !== q.blanks.length) return null;
    var right = values.every(function (v, i) {
      return match(v, q.blanks[i], q.typos !== false).ok;
    });
    return right === correct ? { blanks: values.slice() } : null;
  }

  function oldScore(score) {
    if (!isObject(score) || !isCount(score.correct) || !isCount(score.total)) return null;
    return { correct: score.correct, total: score.total, at: isString(score.at) ? score.at : null };
  }

  // One self-check's old data into the record: its answers (mkdocs-quiz, by place) and its
  // attempts (quiz.js's ipt:attempts, by id). Returns the keys read.
  function migrateQuiz(record, quiz) {
    var page = quiz.quiz;
    var attemptsKey = LEGACY_ATTEMPTS + page;
    var keys = [attemptsKey].concat(mkdocsQuizKeys(page));
    var old = readJSON(attemptsKey);
    old = isObject(old) && old.version === 1 ? old : null;
    var progress = {};
    keys.slice(1).forEach(function (key) {
      var saved = readJSON(key);
      if (isObject(saved)) for (var k in saved) if (own(saved, k)) progress[k] = saved[k];
    });
    if (own(record.quizzes, page)) return old ? [attemptsKey] : [];  // known: a stale copy
    if (!old && !Object.keys(progress).length) return [];
    var byId = {};
    quiz.questions.forEach(function (q) { byId[q.id] = q; });
    // Question N of the page when the answers were saved: quiz.js's list of ids in page order,
    // or (saved before quiz.js kept one) the page as it is now.
    var ids = old && allOf(old.questions, isObject) ?
      old.questions.map(function (q) { return q.id; }) :
      quiz.questions.map(function (q) { return q.id; });
    var verdicts = {};
    Object.keys(progress).forEach(function (key) {
      var place = /^quiz-(\d+)$/.exec(key);
      var q = place ? byId[ids[+place[1]]] : null;
      var saved = progress[key];
      if (!q || !isObject(saved) || saved.answered !== true || own(record.questions, q.id)) return;
      var answer = oldAnswer(q, saved.selectedValues, saved.correct);
      if (!answer) return;
      record.questions[q.id] = { fp: q.fp, answer: answer, correct: saved.correct, at: null };
      verdicts[q.id] = saved.correct;
    });
    var attempts = quizFor(record, page);
    attempts.updated = now();
    // First tries of the attempt under way: only those whose answer came through the check
    // above with the same verdict (the others' questions may have changed since).
    var current = old ? old.current : verdicts;
    if (isObject(current)) {
      attempts.current = {};
      Object.keys(current).forEach(function (id) {
        if (own(verdicts, id) && verdicts[id] === current[id]) {
          attempts.current[id] = { ok: current[id], fp: byId[id].fp };
        }
      });
    }
    if (old) {
      attempts.attempts = isCount(old.attempts) ? old.attempts : 0;
      attempts.best = oldScore(old.best);
      var latest = oldScore(old.latest);
      if (latest && allOf(old.latest.missed, isString) && allOf(old.latest.fixed, isString)) {
        latest.missed = old.latest.missed.slice();
        latest.fixed = old.latest.fixed.slice();
        attempts.latest = latest;
        // The first-ever attempt is known only if it is the only one.
        if (attempts.attempts === 1) attempts.first = oldScore(old.latest);
      }
    }
    return keys;
  }

  // The exam-practice answers: text, ticked points (by place, mapped onto the points as they
  // are now: old answers carry no identity), compared, timer. Returns the keys read.
  function migrateExam(record, quiz) {
    var keys = [];
    quiz.questions.forEach(function (q) {
      var key = LEGACY_EXAM + q.id;
      var old = readJSON(key);
      if (old === null) return;
      keys.push(key);
      if (!isObject(old) || own(record.exam, q.id)) return;
      var text = isString(old.text) ? old.text : "";
      var ticked = allOf(old.ticked, function (i) {
        return isCount(i) && i < q.points.length;
      }) ? old.ticked : [];
      var elapsed = typeof old.elapsed === "number" && old.elapsed > 0 ? old.elapsed : 0;
      if (!text && !old.compared && !elapsed) return;
      record.exam[q.id] = {
        fp: q.fp, prompt: q.prompt, text: text, elapsed: elapsed,
        ticked: ticked.map(function (i) { return q.points[i]; }),
        compared: old.compared === true, viewed: old.compared === true, at: null,
      };
    });
    return keys;
  }

  // A record of a later version than this script's, which it must leave alone.
  function newer(value) {
    return isObject(value) && value.format === FORMAT && typeof value.version === "number" &&
      value.version > VERSION;
  }

  function isWritten(quiz) {
    return quiz.questions.length > 0 && quiz.questions.every(function (q) {
      return q.kind === "written";
    });
  }

  // Once per old key: it is read into the record (old data only fills gaps, never overwrites)
  // and removed. Each page migrates what it has the questions for (#ipt-quiz-data): a
  // self-check page its quiz, exam practice its answers, the home page everything (`everything`:
  // its data holds every quiz of the site).
  // mkdocs-quiz's quiz_progress_ keys are old data only for a quiz the record does not know
  // yet: once it does, the self-check page writes them itself from the record.
  function migrate(quizzes, everything) {
    var keys = storageKeys();
    var has = function (key) { return keys.indexOf(key) !== -1; };
    var stored = readJSON(KEY);
    if (newer(stored)) return;
    var known = (checked(stored, false) || empty()).quizzes;
    quizzes = quizzes.filter(function (quiz) {
      return isObject(quiz) && isString(quiz.quiz) && allOf(quiz.questions, isObject);
    });
    var old = function (key) {
      return key.indexOf(LEGACY_ATTEMPTS) === 0 || key.indexOf(LEGACY_EXAM) === 0;
    };
    var pending = has(LEGACY_LAST_PAGE) || (everything && keys.some(old)) ||
      quizzes.some(function (quiz) {
        if (isWritten(quiz)) {
          return quiz.questions.some(function (q) { return has(LEGACY_EXAM + q.id); });
        }
        return has(LEGACY_ATTEMPTS + quiz.quiz) ||
          (!own(known, quiz.quiz) && mkdocsQuizKeys(quiz.quiz).some(has));
      });
    if (!pending) return;
    var read = [];
    update(function (record) {
      if (has(LEGACY_LAST_PAGE)) {
        var last = readJSON(LEGACY_LAST_PAGE);
        var page = isObject(last) ? pageFromUrl(last.url) : null;
        if (page && !record.lastPage) {
          record.lastPage = { page: page, title: isString(last.title) ? last.title : "" };
        }
        read.push(LEGACY_LAST_PAGE);
      }
      quizzes.forEach(function (quiz) {
        read = read.concat(isWritten(quiz) ? migrateExam(record, quiz) : migrateQuiz(record, quiz));
      });
    });
    // With every quiz of the site at hand (the home page), what is left belongs to quizzes or
    // questions no longer there: dropped.
    if (everything) read = read.concat(keys.filter(old));
    read.forEach(remove);
  }

  // --- Files: save, check, load ----------------------------------------------------------------

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // "ipt-progress-2026-12-03.json" (the student's own date).
  function fileName(date) {
    return "ipt-progress-" + date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" +
      pad(date.getDate()) + ".json";
  }

  // The whole record as a progress file's text.
  function exportText() {
    var record = load();
    record.saved = now();
    return JSON.stringify(record, null, 2) + "\n";
  }

  // {record} for a progress file this version can load, or {error}: a sentence for the student.
  function parseFile(text) {
    if (!isString(text) || !text.trim()) return { error: "This file is empty." };
    if (text.length > MAX_FILE_BYTES) {
      return { error: "This file is far larger than a progress file: it is not one." };
    }
    var value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { error: "This file is damaged or is not a progress file (it cannot be read as " +
                      "one)." };
    }
    if (!isObject(value) || value.format !== FORMAT) {
      return { error: "This is not a progress file from this module." };
    }
    if (typeof value.version !== "number" || value.version % 1 !== 0 || value.version < 2) {
      return { error: "This progress file has an unknown format version." };
    }
    if (value.version > VERSION) {
      return { error: "This progress file was saved by a newer version of the module " +
                      "(format " + value.version + "). Open the module online to update it, " +
                      "then load the file again." };
    }
    var record = checked(value, true);
    if (!record) return { error: "This progress file is damaged: parts of it are not as saved." };
    return { record: record };
  }

  // Replace this browser's record with a loaded one; then every older copy goes (old keys,
  // mkdocs-quiz's per-page answers, which the self-check pages write again from the record),
  // so nothing of the replaced progress comes back. False (nothing changed) if the browser
  // refuses to save or holds a record of a later version.
  function replace(loaded) {
    delete loaded.saved;
    loaded.updated = now();
    if (!save(loaded)) return false;
    clearStorage(KEY);
    return true;
  }

  // Remove everything this module saved in this browser (but `keep`); false if storage refuses.
  function clearStorage(keep) {
    var prefix = MKDOCS_QUIZ + siteRoot().pathname;
    try {
      storageKeys().forEach(function (key) {
        if (key !== keep && (key.indexOf("ipt:") === 0 || key.indexOf(prefix) === 0)) {
          localStorage.removeItem(key);
        }
      });
      return true;
    } catch (e) {
      return false;
    }
  }

  // --- On this page ----------------------------------------------------------------------------

  migrate(quizzesHere, !!(pageData && pageData.all === true));

  if (pageInfo.remember === true && isString(pageInfo.page) && PAGE_PATTERN.test(pageInfo.page)) {
    update(function (record) {
      record.lastPage = { page: pageInfo.page,
                          title: isString(pageInfo.title) ? pageInfo.title : "" };
    });
  }

  // --- Where the student is: the ticks in the navigation ------------------------------------
  // ("Continue where you left off", on the home page only, is progress.js's.)

  // A tick, with its words for screen readers, beside every self-check with an ended attempt
  // in the navigation (the drawer on a phone, the sidebar on a desktop); found by address.
  function markNavigation() {
    var record = load(), done = {};
    Object.keys(record.quizzes).forEach(function (page) {
      if (record.quizzes[page].attempts > 0 && PAGE_PATTERN.test(page)) {
        done[pageUrl(page)] = true;
      }
    });
    var links = document.querySelectorAll(".md-nav--primary a.md-nav__link[href]");
    Array.prototype.forEach.call(links, function (link) {
      var want = !!done[link.href.split("#")[0]];
      // The page being read shows its title twice (a label that opens its contents, a link).
      var item = link.parentElement;
      Array.prototype.forEach.call(item.children, function (entry) {
        if (!entry.classList.contains("md-nav__link")) return;
        var tick = entry.querySelector(".ipt-nav-done");
        if (want && !tick) {
          tick = document.createElement("span");
          tick.className = "ipt-nav-done";
          var mark = document.createElement("span");
          mark.setAttribute("aria-hidden", "true");
          mark.textContent = "\u2713";
          var words = document.createElement("span");
          words.className = "ipt-nav-done__words";
          words.textContent = " (finished)";
          tick.append(mark, words);
          var icon = entry.querySelector(":scope > .md-nav__icon");
          entry.insertBefore(tick, icon);
        } else if (!want && tick) {
          tick.remove();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markNavigation);
  } else {
    markNavigation();
  }

  window.iptRecord = {
    VERSION: VERSION, KEY: KEY, MAX_FILE_BYTES: MAX_FILE_BYTES,
    load: load, save: save, update: update,
    answer: answerFor, putAnswer: putAnswer, putReview: putReview,
    quiz: quizFor, tryFor: tryFor,
    examState: examState, putExam: putExam,
    quizzes: function () { return quizzesHere; },
    migrate: migrate, fileName: fileName, exportText: exportText, parseFile: parseFile,
    replace: replace, markNavigation: markNavigation, rereadState: rereadState,
    pageUrl: pageUrl, pageInfo: pageInfo, isWritten: isWritten,
    clear: function () { return clearStorage(null); },
    match: match, normalise: normalise,
  };
})();
