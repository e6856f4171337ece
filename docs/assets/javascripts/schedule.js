/* The revision schedule: when each question a student has met comes back on the Revise page.
 *
 * Loaded (deferred, after record.js and the page's own scripts) on the home page, every
 * self-check page and the Revise page, by hooks/revise.py, which names ts-fsrs and the Revise
 * page on its tag (data-fsrs, data-revise). It offers window.iptSchedule to revise.js and
 * shows, on the home page, My progress' "Revise" box (due today, and the next seven days), and
 * on a self-check page "Revise: N due today" at the end of the results.
 *
 * A question is "met" when the record holds an answer to it as it is now (same fingerprint).
 * Its card is an FSRS card (ts-fsrs's Card, dates as ISO strings), made by ts-fsrs from the
 * first try in its self-check (a miss is Again: the next day; a right answer Good: later) and
 * updated by ts-fsrs on each review on the Revise page. No interval is worked out here: ts-fsrs
 * (vendored, docs/assets/javascripts/ts-fsrs-*) does that, and is loaded only when a card has
 * to be made or updated. Days are the student's own calendar days.
 *
 * The date of the paper (record.revise.exam) caps how long a question can wait: until it has
 * come back twice on the Revise page since the date was given, its next review is no later
 * than an even share of the days left before the paper (so two reviews fit), or FSRS's own day
 * if that is sooner. Shape of the record's fields: README.md beside this file.
 */
(function () {
  "use strict";

  var record = window.iptRecord;
  if (!record) return;
  var tag = document.currentScript;
  var FSRS_URL = tag && tag.getAttribute("data-fsrs");
  var REVISE_URL = tag && tag.getAttribute("data-revise");
  var DAY_MS = 864e5;
  var NEEDED = 2;  // reviews of every met question before the paper
  var WEEK = 7;

  // --- Days: the student's own calendar, as whole numbers that grow by one a day ------------

  function dayNumber(date) {
    return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
  }
  function dayOfTime(iso) { return dayNumber(new Date(iso)); }
  // "2026-12-15" (the date a student gives for the paper) as a day number.
  function dayOfDate(text) {
    var parts = text.split("-").map(Number);
    return Math.round(Date.UTC(parts[0], parts[1] - 1, parts[2]) / DAY_MS);
  }
  function dateOfDay(day) {  // a local Date at noon of that day
    var utc = new Date(day * DAY_MS);
    return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), 12);
  }
  function today() { return dayNumber(new Date()); }
  function words(day, options) { return dateOfDay(day).toLocaleDateString(undefined, options); }
  function longDay(day) { return words(day, { weekday: "long", day: "numeric", month: "long" }); }

  // --- ts-fsrs, loaded once when needed -------------------------------------------------------

  var loading = null;

  // A promise of {F: the FSRS module, f: its scheduler}: days, not minutes (no short-term
  // steps: a miss comes back the next day), and no random fuzz (the same answers give the same
  // days on every device).
  function scheduler() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.FSRS) return resolve(window.FSRS);
        var script = document.createElement("script");
        script.src = FSRS_URL;
        script.onload = function () { window.FSRS ? resolve(window.FSRS) : reject(); };
        script.onerror = function () { loading = null; reject(new Error("ts-fsrs")); };
        document.head.appendChild(script);
      }).then(function (F) {
        return { F: F, f: F.fsrs(F.generatorParameters({ enable_fuzz: false,
                                                          enable_short_term: false })) };
      });
    }
    return loading;
  }

  function plainCard(card) {
    var plain = {};
    Object.keys(card).forEach(function (key) {
      var value = card[key];
      plain[key] = value instanceof Date ? value.toISOString() : value;
    });
    return plain;
  }

  // --- The questions and their cards ---------------------------------------------------------

  // Every self-check question of the page's data, with its quiz page, in the data's order.
  function questions() {
    var all = [];
    record.quizzes().forEach(function (quiz) {
      quiz.questions.forEach(function (q) {
        if (q.kind !== "written") all.push({ q: q, quiz: quiz.quiz });
      });
    });
    return all;
  }

  // The first answer the card is made from: the history's first (the first try in the
  // self-check), or for an answer kept before there was a history, the answer kept.
  function seed(entry, state) {
    if (Array.isArray(entry.history) && entry.history.length) return entry.history[0];
    return { at: entry.missed || entry.at || state.updated || new Date().toISOString(),
             ok: entry.correct === true && !entry.missed, from: "self-check" };
  }

  function newCard(S, first) {
    var when = new Date(first.at);
    return plainCard(S.f.next(S.F.createEmptyCard(when), when,
                              first.ok ? S.F.Rating.Good : S.F.Rating.Again).card);
  }

  // Met questions without a card (`before`: only those first answered before that day: one
  // answered today is not due today whatever its card says, so none is needed to count).
  function cardless(state, before) {
    return questions().filter(function (item) {
      var entry = record.answer(state, item.q);
      return entry && !entry.card && (before === undefined || dayOfTime(seed(entry, state).at) <
                                      before);
    });
  }

  // Make the missing cards (ts-fsrs is loaded only if one is missing); a promise of the record.
  function ready(before) {
    if (!cardless(record.load(), before).length) return Promise.resolve(record.load());
    return scheduler().then(function (S) {
      return record.update(function (state) {
        cardless(state, before).forEach(function (item) {
          var entry = record.answer(state, item.q), first = seed(entry, state);
          if (!entry.history || !entry.history.length) entry.history = [first];
          entry.card = newCard(S, first);
        });
      });
    }, function () { return record.load(); });
  }

  // A review on the Revise page, right or not, at `when` (a Date): ts-fsrs updates the card
  // (Good or Again) and the record keeps both (record.putReview). S: from scheduler().
  function review(S, state, q, ok, when) {
    var entry = record.answer(state, q);
    if (!entry) return null;
    var card = entry.card || newCard(S, seed(entry, state));
    var next = S.f.next(card, when, ok ? S.F.Rating.Good : S.F.Rating.Again).card;
    return record.putReview(state, q, ok, plainCard(next), when.toISOString());
  }

  // --- When each comes back ------------------------------------------------------------------

  function examOf(state) {
    var exam = state.revise && state.revise.exam;
    return exam ? { day: dayOfDate(exam.date), since: dayOfTime(exam.set), date: exam.date } :
      null;
  }

  function reviews(entry, from, to) {  // Revise answers on days [from, to)
    return (entry.history || []).filter(function (h) {
      var day = dayOfTime(h.at);
      return h.from === "revise" && day >= from && day < to;
    }).length;
  }

  // The day a met question comes back: its card's, or sooner when the paper's date needs it.
  function dueDay(entry, exam, now) {
    var due = dayOfTime(entry.card.due);
    if (!exam || now >= exam.day) return due;
    var need = NEEDED - reviews(entry, exam.since, exam.day);
    if (need <= 0) return due;
    var history = entry.history || [];
    var last = history.length ? dayOfTime(history[history.length - 1].at) :
      dayOfTime(entry.card.last_review || entry.card.due);
    var gap = Math.max(1, Math.floor((exam.day - last) / (need + 1)));
    return Math.min(due, last + gap);
  }

  // Everything the pages show, for the record as it is (cards made): each met question with
  // its day, those due today (missed first, then the most overdue), the next seven days'
  // counts, and for a paper's date, how the reviews before it stand.
  function plan(state) {
    var now = today(), exam = examOf(state), met = [];
    questions().forEach(function (item) {
      var entry = record.answer(state, item.q);
      if (!entry || !entry.card) return;
      met.push({ q: item.q, quiz: item.quiz, entry: entry, day: dueDay(entry, exam, now),
                 missed: record.rereadState(state, item.q) === "missed" });
    });
    var due = met.filter(function (m) { return m.day <= now; });
    due.sort(function (a, b) { return (b.missed - a.missed) || (a.day - b.day); });
    var week = [];
    for (var i = 0; i < WEEK; i++) {
      week.push({ day: now + i, count: met.filter(function (m) {
        return i === 0 ? m.day <= now : m.day === now + i;
      }).length });
    }
    return { today: now, met: met, due: due, week: week, exam: exam,
             left: exam && now < exam.day ? met.filter(function (m) {
               return reviews(m.entry, exam.since, exam.day) < NEEDED;
             }) : [] };
  }

  // A promise of the day by which every met question will have come back twice before the
  // paper, if the student revises what is due each day and answers right (ts-fsrs plays it
  // forward), or null if some cannot; {by, short: how many cannot}.
  function forecast(state) {
    var exam = examOf(state), now = today();
    if (!exam || now >= exam.day) return Promise.resolve(null);
    return scheduler().then(function (S) {
      var by = now, short = 0;
      plan(state).met.forEach(function (m) {
        var entry = { card: m.entry.card, history: (m.entry.history || []).slice() };
        while (reviews(entry, exam.since, exam.day) < NEEDED) {
          var day = Math.max(now, dueDay(entry, exam, now));
          if (day >= exam.day) { short += 1; return; }
          var when = dateOfDay(day);
          entry.card = plainCard(S.f.next(entry.card, when, S.F.Rating.Good).card);
          entry.history.push({ at: when.toISOString(), ok: true, from: "revise" });
          by = Math.max(by, day);
        }
      });
      return { by: by, short: short };
    });
  }

  // A round: up to `size` of `items` (in order of need), mixed so that two in a row come from
  // different lessons whenever what is left allows (lessons: question id -> its lesson).
  function mix(items, size, lessons) {
    var left = items.slice(), out = [];
    var lesson = function (m) { return lessons[m.q.id] || m.quiz; };
    while (out.length < size && left.length) {
      var before = out.length ? lesson(out[out.length - 1]) : null;
      var pick = 0;
      while (pick < left.length && lesson(left[pick]) === before) pick++;
      if (pick === left.length) pick = 0;
      out.push(left.splice(pick, 1)[0]);
    }
    return out;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // --- The home page and the self-check pages ------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The next seven days as a list: "Today 7", "Thu 2"… (read out in full: "Thursday 3
  // December: 2 questions").
  function strip(week) {
    var list = el("ol", "ipt-strip");
    list.setAttribute("aria-label", "Questions to revise in the next seven days");
    week.forEach(function (entry, i) {
      var item = el("li", "ipt-strip__day" + (entry.count ? "" : " ipt-strip__day--none"));
      var name = el("span", "ipt-strip__name", i === 0 ? "Today" :
        words(entry.day, { weekday: "short" }));
      var count = el("span", "ipt-strip__count", String(entry.count));
      name.setAttribute("aria-hidden", "true");
      count.setAttribute("aria-hidden", "true");
      var said = el("span", "ipt-sr", (i === 0 ? "Today" : longDay(entry.day)) + ": " +
        plural(entry.count, "question", "questions"));
      item.append(name, count, said);
      list.appendChild(item);
    });
    return list;
  }

  // What the due count says: "7 questions due today" / "Nothing due today; next: 3 on
  // Thursday 3 December".
  function dueWords(p) {
    if (p.due.length) return plural(p.due.length, "question", "questions") + " due today";
    var next = p.met.reduce(function (soonest, m) {
      return soonest === null || m.day < soonest ? m.day : soonest;
    }, null);
    if (next === null) return "Nothing to revise yet";
    var count = p.met.filter(function (m) { return m.day === next; }).length;
    return "Nothing due today; next: " + plural(count, "question", "questions") +
      (next === p.today + 1 ? " tomorrow" : " on " + longDay(next));
  }

  // My progress' Revise box (home page): what is due today, a link to Revise, the week ahead.
  var homeBox = null;

  function showHome(state) {
    var data = document.querySelector(".ipt-progress-data");
    if (!data || !REVISE_URL) return;
    if (!homeBox) {
      homeBox = el("section", "ipt-revise-home");
      homeBox.id = "ipt-revise-home";
      homeBox.setAttribute("aria-labelledby", "ipt-revise-home-title");
      data.insertAdjacentElement("beforebegin", homeBox);
    }
    var p = plan(state);
    homeBox.textContent = "";
    var title = el("h3", "", "Revise");
    title.id = "ipt-revise-home-title";
    var said = el("p", "ipt-revise-home__due");
    var link = el("a", "md-button" + (p.due.length ? " md-button--primary" : ""),
                  p.due.length ? "Revise now" : "Open Revise");
    link.href = REVISE_URL;
    if (!p.met.length) {
      said.textContent = "The questions you answer in the self-checks come back on the Revise " +
        "page, a few each day, when you are about to forget them. ";
    } else {
      said.appendChild(el("strong", "", dueWords(p) + "."));
      said.append(" ");
    }
    said.appendChild(link);
    homeBox.append(title, said);
    if (p.met.length) homeBox.appendChild(strip(p.week));
  }

  // "Revise: 3 due today" at the end of a self-check's results (the link render.py puts there).
  function showResultsLink(state) {
    var link = document.querySelector(".ipt-revise-link");
    if (!link) return;
    var p = plan(state);
    link.textContent = p.due.length ? "Revise: " + p.due.length + " due today" :
      "Revise: none due today";
  }

  var waiting = false, again = false;

  // Show the record as it is now (once at a time; a change meanwhile is shown after).
  function refresh() {
    if (waiting) {
      again = true;
      return;
    }
    waiting = true;
    var home = !!document.querySelector(".ipt-progress-data");
    ready(home ? undefined : today()).then(function (state) {
      if (home) showHome(state);
      showResultsLink(state);
      waiting = false;
      if (again) {
        again = false;
        refresh();
      }
    });
  }

  window.iptSchedule = {
    ready: ready, scheduler: scheduler, review: review, plan: plan, forecast: forecast,
    mix: mix, strip: strip, dueWords: dueWords, today: today, longDay: longDay,
    dayOfDate: dayOfDate, dayOfTime: dayOfTime, dateOfDay: dateOfDay, plural: plural,
    NEEDED: NEEDED,
  };

  if (document.getElementById("ipt-revise")) return;  // the Revise page: revise.js shows it
  refresh();
  // After each Submit on a self-check (mkdocs-quiz stops the event at the form, so it is
  // caught on its way down, and read once every handler has run).
  document.addEventListener("submit", function () { setTimeout(refresh, 0); }, true);
  // On the home page, whenever My progress shows the record anew (a file loaded, everything
  // cleared: progress.js rewrites its panel).
  var panel = document.querySelector(".ipt-progress");
  if (panel && window.MutationObserver) {
    new MutationObserver(refresh).observe(panel, { childList: true, subtree: true,
                                                   characterData: true });
  }
})();
