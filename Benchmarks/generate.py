#!/usr/bin/env python3
"""Generate a synthetic calibration workbook for benchmarking `workbook build`.

    python3 Benchmarks/generate.py --chapters 1000 --seed 1 --out /tmp/workbook-bench/n1000

writes three views of the same chapters:

    OUT/workbook/   workbook.yaml, chapters/*.md (about 15 KB each), stories/*.md
                    (N/10) and stories/scores.yaml (N/10 entries): valid per
                    FORMAT.md, so `workbook check` reports 0 errors, 0 warnings
    OUT/hugo/       a minimal Hugo site with the same chapter Markdown as plain
                    pages (front matter reduced to title and weight)
    OUT/cmark/all.md  every chapter body concatenated (the parse-only floor)

Standard library only; the output depends only on --chapters and --seed
(each chapter draws from its own random stream, so chapter 7 is the same text
at N=1,000 and at N=10,000, apart from which chapters its links point to).
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sys

GENERATOR_VERSION = 4

# ---------------------------------------------------------------------------
# Vocabulary. Interview-calibration prose, written for this benchmark.

ROLES = ["Mid-level engineer", "Senior engineer", "Staff engineer", "Tech lead", "Engineering manager"]
ROLE_SHORT = ["mid-level", "senior", "staff", "tech lead", "manager"]

TOPICS = [
    "Scope", "Ambiguity", "Ownership", "Trade-offs", "Rollouts", "Incidents", "Migrations", "Design reviews",
    "Attribution", "Influence", "Mentoring", "Sequencing", "Production risk", "On-call", "Deprecations",
    "Capacity planning", "API contracts", "Data integrity", "Cost", "Latency", "Reliability", "Testing strategy",
    "Hiring loops", "Code review", "Platform adoption", "Technical debt", "Roadmaps", "Estimation",
    "Cross-team work", "Observability", "Security reviews", "Schema changes", "Feature flags", "Retries",
    "Caching", "Queues", "Search", "Payments", "Billing", "Onboarding",
]

QUALIFIERS = [
    "at the senior bar", "without the title", "under pressure", "in a deep dive", "in a screen",
    "across teams", "inside one service", "when nobody owns it", "with honest verbs", "in two minutes",
    "for the hiring manager", "in the behavioral round", "from the keyboard", "from the planning meeting",
    "when the spec is wrong", "after the incident", "before the rollout", "in a system design round",
]

PARTS = [
    "Calibrating the level", "Evidence and attribution", "Crossing boundaries", "Production judgment",
    "Working across teams", "The interview loop", "Stories that land", "Technical depth",
    "Growing other engineers", "Delivery under ambiguity",
]

SKILLS = ["Level calibration", "Attribution", "Storytelling", "Role fit", "Problem framing",
          "Production judgment", "Technical depth", "Influence", "Evidence", "Sequencing"]
ROUNDS = ["Recruiter Screen", "Hiring Manager", "Behavioral", "Project Deep Dive", "System Design",
          "Leadership", "Coding"]

SUBJECTS = [
    "A senior engineer", "The interviewer", "A strong candidate", "The hiring manager", "A staff engineer",
    "The team lead", "A mid-level engineer", "The panel", "An experienced candidate", "The on-call engineer",
    "A calibrated answer", "The weakest story", "A good follow-up question", "The feedback form",
    "An acting manager", "The platform team", "A reviewer", "The debrief",
]
VERBS = [
    "listens for", "writes down", "probes", "credits", "discounts", "asks about", "returns to",
    "notices", "weighs", "separates", "rewards", "questions", "looks past", "remembers",
    "compares", "tests", "challenges", "summarises",
]
OBJECTS = [
    "the decision you held", "the trade-off you named", "the risk you owned", "the rollback plan",
    "the boundary of your part", "the option you rejected", "the code you wrote", "the review you gave",
    "the migration you sequenced", "the dashboard you watched", "the incident you closed",
    "the pattern other teams adopted", "the problem statement", "the shadow period", "the flag you added",
    "the contract you changed", "the test you insisted on", "the runbook you rehearsed",
    "the team's outcome", "the estimate you corrected", "the alias switch", "the idempotency key",
    "the consistency check", "the cohort rollout", "the design document", "the on-call handover",
]
CLAUSES = [
    "because that is the part only you can tell",
    "long before the outcome comes up",
    "and the rest of the answer is judged against it",
    "which is exactly where levels blur",
    "even when the story is mostly about the team",
    "so say it early and say it plainly",
    "rather than the size of the project you were on",
    "and a vague verb there costs more than a missing metric",
    "while the clock is still on the first question",
    "since titles travel badly between companies",
    "which a résumé never shows",
    "and nobody can infer it for you",
    "whenever the answer starts to drift upwards",
    "before anyone asks about the roadmap",
    "and that is what ends up in the debrief",
]
OPENERS = [
    "In practice,", "Most of the time,", "In a senior loop,", "Put simply,", "In the room,",
    "Under follow-up,", "On the feedback form,", "In a deep dive,", "More often than not,",
    "For a hands-on role,", "Two minutes in,", "Looking back,",
]
ASIDES = [
    "Titles and years feed into the estimate, but only weakly.",
    "A story with no named risk sounds either trivial or lucky.",
    "Precise verbs do more than any ratio of pronouns.",
    "The reframing is usually the senior moment in the story.",
    "Interviewers believe a modest, exact claim far more readily than a grand, vague one.",
    "Coordination counts as senior evidence only when a technical call sits inside it.",
    "A small story told at the right altitude beats a large one told at the wrong altitude.",
    "Every round is a fresh estimate, so one drifting answer decides nothing on its own.",
    "The follow-up question is where calibration is actually measured.",
    "Nobody penalises a correction made within a sentence or two.",
    "Staff language in a senior loop lands either as reach or as inflation.",
    "Work that arrives already shaped is mid-level work, however hard the code is.",
]

LIST_ITEMS = [
    "name the boundary of what you owned",
    "state the decision and the option you turned down",
    "give one hands-on anchor that survives two follow-ups",
    "name the risk and what you put in place against it",
    "say who approved what, and when",
    "end with something the team still uses",
    "replace every \"we\" that hides your own call",
    "keep the context under twenty seconds",
    "bring the altitude back to one service",
    "mention the rollback before the interviewer asks",
    "quote the number only if you can defend it",
    "describe the review comment that changed the design",
    "say what you would do differently next time",
    "separate what you decided from what you recommended",
    "show where the problem statement came from",
    "name the team that depended on the old behaviour",
]

TABLE_HEADS = [
    ["Signal", "Below the bar", "At the bar", "Above the bar"],
    ["Question", "What it tests", "Drifting answer", "Calibrated answer"],
    ["Axis", "Ask yourself", "Weak evidence", "Strong evidence"],
    ["Stage", "Who decides", "Artifact", "Risk"],
]
CELLS = [
    "A ticket someone else scoped", "A problem area, including unassigned parts", "Several teams or a platform",
    "Known approach, clear requirements", "Competing constraints, open unknowns", "Followed the plan",
    "Chose the approach and owned the trade-off", "Changed a decision they did not own",
    "A merged pull request", "A design doc with a rollback plan", "An RFC other teams adopted",
    "No risk named", "Risk named, handling vague", "Flag, cohort rollout and rollback switch",
    "Status updates", "Re-sequencing calls with reasons", "A milestone plan with named owners",
    "`retry_after` tuned by hand", "An idempotency key per attempt", "Shadow mode for two weeks",
    "*decided*", "*recommended*", "*reviewed*", "**built**", "the team lead", "a review board",
]

SPEAKER_LINES_I = [
    "You mentioned you led the {x} work. What did leading mean there?",
    "Which option won, and who made the call?",
    "What could have gone wrong during the switch?",
    "Would you call that staff-level work?",
    "What did you personally build, as opposed to the team?",
    "How did you know it was working after the rollout?",
    "What would you do differently if you started again?",
]
SPEAKER_LINES_C = [
    "The ticket said \"make {x} faster\", but when I traced the incidents, speed was not the problem. I rewrote it as a correctness problem and put two options in a one-page proposal.",
    "I recommended the second option. My manager approved it because it doubled storage for a few hours. I built the switch tooling; another engineer wrote the backfill and I reviewed it.",
    "Switching to a copy that was missing recent writes. The tool refused to switch unless the consistency check passed, and rolling back was a single change.",
    "No. It was one service and one team, and the hard part was mine to solve. Two other teams copied the pattern later, and I helped them start, but I did not set that direction.",
    "I wrote the state model and the migration for in-flight work. The admin view was someone else's; I asked for one change in review.",
    "I watched the duplicate-key dashboard at each cohort step and paused once for a day when latency spiked.",
    "I would write the problem statement in the first week instead of the second, and tell the downstream team about the new states earlier.",
]
ANNOTATIONS = [
    "The reframing is the senior moment: the candidate decided what the problem was before deciding how to solve it.",
    "An honest authority split: recommended rather than decided, built one part, reviewed another.",
    "Consequence named, with a guard and a rollback the candidate owned personally.",
    "Turning down the staff label while naming the reach makes the senior case stronger.",
    "A verb and an object for every claim; nothing hides behind \"we\".",
    "Evidence that the candidate stayed with the work after it shipped.",
    "A growth edge stated plainly reads as a strength, not a confession.",
]

SAFE_PHRASES = [
    "To be precise about my part", "I recommended it, and the team lead made the call",
    "The direction wasn't mine; the first implementation was", "Leading that effort came down to three calls",
    "The key call was", "Here is exactly how far my part went", "I reviewed it line by line",
    "The risk I owned was", "I turned down the simpler option because", "That one was mostly execution",
]

# Avoid phrases: each chapter's field reference lists four of them, mostly made
# from a template and a system (about a thousand different phrases, so a workbook
# of 1,000 chapters holds many distinct ones, as a real one would). Stories are
# written from a separate vocabulary and checked against every phrase used.
AVOID_TEMPLATES = [
    "I personally rebuilt the entire {x}", "I ran the whole {x} myself", "The team handled the {x} part",
    "I was responsible for everything in {x}", "Nobody else understood the {x}", "I owned the whole {x} roadmap",
    "I rewrote the {x} from scratch", "Somebody else dealt with {x} in production", "We kind of winged the {x} rollout",
    "I fixed the {x} over the weekend alone", "I told them how to build the {x}", "The {x} was basically all me",
]
AVOID_SYSTEMS = [
    "billing service", "search cluster", "payments platform", "checkout flow", "ledger", "session store",
    "rate limiter", "image pipeline", "notification system", "invoice schema", "cache client", "audit log",
    "release train", "fraud engine", "inventory sync", "data warehouse", "identity service", "API gateway",
    "mobile app", "admin console", "feature flag system", "deploy pipeline", "message queue", "CDN config",
    "recommendation model", "pricing engine", "reporting stack", "onboarding flow", "email service",
    "build system", "test harness", "metrics pipeline", "alerting setup", "config service", "job scheduler",
    "storage layer", "sync protocol", "partner integration", "permissions model", "settings page",
    "export tool", "import job", "webhook system", "shipping service", "tax calculation", "refund flow",
    "loyalty program", "catalog service", "chat service", "video pipeline", "maps layer", "geo index",
    "translation system", "A/B test framework", "logging stack", "secrets store", "backup system",
    "migration tooling", "design system", "SDK", "CLI", "monorepo", "kubernetes setup", "on-call rotation",
    "incident process", "hiring pipeline", "code review bot", "linting setup", "query planner", "ORM layer",
    "GraphQL schema", "event bus", "stream processor", "batch jobs", "ETL", "feature store", "ML platform",
    "edge proxy", "load balancer", "DNS setup",
]
AVOID_PHRASES = [
    "We just kind of figured it out", "I ran the whole thing myself", "I personally rebuilt the entire platform",
    "I was responsible for everything", "The team handled that part", "Just give me a well-written spec",
    "Staff is mostly a title thing", "I don't really write code anymore", "I basically ran platform strategy",
    "It was in the ticket", "I single-handedly saved the launch", "Everyone else was blocked on me",
    "I drove alignment across leadership", "We all did a bit of everything", "I just did what I was told",
    "Honestly it was a team effort", "I owned the whole roadmap", "Nobody else understood the system",
    "I am basically doing staff work already", "I fixed it over the weekend alone",
    "The manager made all the decisions", "I was the glue for the whole org", "It just sort of happened",
    "I told them what to build", "We kind of winged the rollout", "I never needed any reviews",
    "My title already says senior", "I had nine years so I knew", "Somebody else dealt with production",
    "I rewrote everything from scratch", "The specs kept changing on us", "I made every call myself",
]

CHECK_ITEMS = [
    "It names the boundary of what you owned", "It contains a decision and the option you rejected",
    "It has at least one hands-on anchor", "It names a risk and what you did about it",
    "Every \"we\" that hides your decision has been rewritten", "No verb claims more authority than you had",
    "It ends with something the team still uses", "The context takes less than twenty seconds",
    "The numbers in it are ones you can defend", "Somebody could check the outcome",
]

RUBRIC_DIMENSIONS = [
    "Scope", "Complexity", "Attribution", "Consequence", "Hands-on depth", "Leverage", "Level clarity",
    "Role fit", "Staff boundary", "Tech lead boundary", "Manager boundary", "Problem framing",
    "Trade-off reasoning", "Rollout safety", "Influence", "Clarity under follow-up",
]
RUBRIC_SCALES = [
    [(1, "Thin"), (3, "Credible"), (5, "Senior-ready")],
    [(1, "Blurred"), (2, ""), (3, ""), (4, "Calibrated")],
    [(0, "Absent"), (2, "Partial"), (4, "Strong")],
    [(1, "Weak"), (2, "Developing"), (3, "Solid"), (4, "Strong"), (5, "Exemplary")],
]
DESCRIPTORS = [
    "A task someone else defined.", "A project with a clear owner: you.", "A problem area, including unassigned work.",
    "Known approach, clear requirements.", "Some unknowns, resolved along the way.",
    "Competing constraints framed and resolved explicitly.", "Your part is invisible, or overstated.",
    "Your part is mostly distinguishable from the team's.", "Every claim carries an honest verb.",
    "No risk named.", "Risk named, handling vague.", "Risk named, with a rollback you owned.",
    "Nothing outlived the project.", "A doc the team reused once.", "A durable artifact others rely on.",
    "Recites a textbook difference.", "Names cross-team work and who held its direction.",
    "Leading means calendars and status updates.", "Names a sequencing call they made.",
]
BAND_TEXTS = [
    "The story reads as mid-level; rebuild it around one decision.",
    "A plausible senior story that needs sharper boundaries or anchors.",
    "Ready for the loop, as long as the minimums hold.",
    "Consistently calibrated, including under follow-up.",
    "Answers blur levels; rework the staff and manager stories first.",
    "Plausible, but at least one boundary still drifts.",
]

DRILL_TITLES = [
    "Level translation", "Authority audit", "Three hands-on anchors", "Boundary mock round", "Role-fit answer",
    "Risk first", "Two-minute rewrite", "Verb check", "Drift recovery", "Follow-up ladder", "Decision log",
    "Shadow interview", "Scope statement", "Rollback rehearsal",
]
TIMEBOXES = ["10m", "15m", "20m", "30m", "45m", "1h", "90s", "12", "25"]

# Stories: first person, their own vocabulary (no avoid phrase can appear).
STORY_TOPICS = [
    "Payment retry redesign", "Search reindex without downtime", "Order event contracts", "Ledger reconciliation",
    "Session store migration", "Rate limiter rollout", "Image pipeline rewrite", "Feature flag cleanup",
    "Checkout latency budget", "Notification fan-out", "Schema split for invoices", "Cache client adoption",
    "Audit log retention", "Mobile release train", "Fraud rule engine", "Inventory sync repair",
]
STORY_SECTIONS = {
    "Problem": [
        "The {t} work started as a vague ticket, and I traced three incidents before changing any code.",
        "I rewrote the problem statement so that it named the failure customers actually saw.",
        "Two downstream consumers depended on the old timing, and I listed them in the proposal.",
        "My lead signed off on the new framing after I walked her through the incident timeline.",
    ],
    "Decision": [
        "I laid out three options and chose the persisted state machine over a lock on the old job.",
        "The trade-off was a migration on a hot table and about three extra weeks of work.",
        "I made the call because the cheaper option only made the failure rarer, not impossible.",
        "I wrote down the option I rejected and why, so the review could argue with it.",
    ],
    "Risk": [
        "The risk was double processing during the switch, so I proposed two weeks of shadow mode.",
        "I read the mismatch report every morning, and it caught two real bugs before cutover.",
        "I put the new path behind a flag scoped by cohort, starting at five percent of traffic.",
        "I wrote the rollback runbook and rehearsed it once in staging with the on-call engineer.",
    ],
    "Delivery": [
        "I built the state model, the key store and the migration for in-flight work.",
        "Another engineer built the admin view; I reviewed it and asked for one change.",
        "Cohorts went from five to twenty-five to one hundred percent over ten days.",
        "I paused the rollout for a day when latency spiked, to see the timeout handling under load.",
    ],
    "Impact": [
        "There have been no duplicate incidents in the two quarters since the switch.",
        "Recovered payments went up by six points, and pages from the path dropped to one a month.",
        "Finance now reads the audit trail directly instead of asking me for exports.",
        "Our on-call load on that path fell enough that I could hand the rotation over.",
    ],
    "Leverage": [
        "The state model became a small library, and the refunds service moved onto it.",
        "I paired with the engineer who did that move, and she now owns the library.",
        "My rollback runbook template is linked from the launch checklist.",
        "The shadow harness I built is now the default way to replace decision logic on that path.",
    ],
    "Reflection": [
        "Next time I would write the problem statement in the first week rather than the second.",
        "I told the downstream team about the new states later than I should have.",
        "What I would keep is the shadow period, even though it felt slow to my manager.",
        "I learned to ask who reads a field before I change what it means.",
    ],
}
AUTHORITIES = ["decided", "recommended", "implemented", "reviewed", "coordinated", "influenced", "documented",
               "escalated", "supported"]
CLAIM_TEXTS = {
    "decided": "Chose a persisted state machine over tuning the old job",
    "recommended": "Proposed two weeks of shadow mode, approved by the team lead",
    "implemented": "Built the state model, the key store and the migration",
    "reviewed": "Reviewed the reconciliation change against the new states",
    "coordinated": "Sequenced the cohort rollout with the on-call rotation",
    "influenced": "Changed the platform team's plan for the shared client",
    "documented": "Wrote the one-page problem statement and the runbook",
    "escalated": "Raised the missing audit trail with finance before launch",
    "supported": "Paired with the engineer who moved refunds onto the library",
}
SCOPES = ["task", "project", "team", "multi-team", "org"]
SHAPES = ["mid", "senior", "staff", "tech-lead", "manager"]


# ---------------------------------------------------------------------------
# Helpers

def slug(text):
    """GitHub-style slug, as Sources/WorkbookMarkdown/Extensions/Slugger.swift (ASCII text)."""
    out = []
    for ch in text:
        if ch == " ":
            out.append("-")
        elif ch in "-_":
            out.append(ch)
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        elif not ch.isascii() and ch.isalpha():
            out.append(ch.lower())
    return "".join(out)


def yq(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def normalize_words(text):
    """Lowercased words, apostrophes dropped, as the avoid-phrase matcher sees them."""
    text = text.replace("'", "").replace("\u2019", "").replace("\u2018", "")
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


class Chapter:
    """What other chapters, stories and scores need to know about chapter i."""

    def __init__(self, seed, i):
        rng = random.Random(f"{seed}:chapter:{i}:meta")
        self.i = i
        self.code = f"{i:05d}"
        topic = rng.choice(TOPICS)
        self.title = f"{topic} {rng.choice(QUALIFIERS)}"
        self.name = f"{self.code}-{slug(topic.lower())}"
        self.file = f"{self.name}.md"
        # Section headings, unique within the page, deterministic per chapter.
        h = rng.sample(TOPICS, 6)
        self.headings = [
            f"Why {h[0].lower()} decides the level",
            "The roles side by side",
            f"Reading {h[1].lower()} in a story",
            f"When {h[2].lower()} drifts",
            "A calibrated conversation",
            "Practice",
            "Scoring the answer",
            "The field reference",
            "Before the next round",
        ]
        self.sub_headings = [f"What the interviewer hears about {h[3].lower()}", f"Pulling {h[4].lower()} back to the bar"]
        self.matrix_id = f"m{self.code}-levels"
        self.drill_ids = [f"d{self.code}-a", f"d{self.code}-b"]
        self.drill_titles = rng.sample(DRILL_TITLES, 2)
        self.rubric_id = f"r{self.code}-self-check"
        scale = rng.choice(RUBRIC_SCALES)
        self.anchors = scale
        self.dimensions = rng.sample(RUBRIC_DIMENSIONS, rng.randint(4, 6))
        self.fieldref_id = f"f{self.code}-sheet"
        self.avoid = []
        while len(self.avoid) < 4:   # four different phrases per list
            phrase = (rng.choice(AVOID_PHRASES) if rng.random() < 0.25 else
                      rng.choice(AVOID_TEMPLATES).format(x=rng.choice(AVOID_SYSTEMS)))
            if phrase not in self.avoid:
                self.avoid.append(phrase)

    @property
    def link_targets(self):
        """(anchor, link text) pairs other pages can point to."""
        return ([(slug(h), h.lower()) for h in self.headings]
                + [(slug(h), h.lower()) for h in self.sub_headings]
                + [(self.matrix_id, "the level comparison"), (self.rubric_id, "the self-check rubric"),
                   (self.fieldref_id, "the field reference")]
                + [(d, f"the {t.lower()} drill") for d, t in zip(self.drill_ids, self.drill_titles)])


class ChapterWriter:
    def __init__(self, seed, chapter, chapters, n):
        self.rng = random.Random(f"{seed}:chapter:{chapter.i}:body")
        self.c = chapter
        self.chapters = chapters
        self.n = n

    # -- prose ------------------------------------------------------------
    def other(self):
        if self.n == 1:
            return self.c
        while True:
            j = self.rng.randint(1, self.n)
            if j != self.c.i:
                return self.chapters[j - 1]

    def link(self):
        r = self.rng.random()
        if r < 0.6:
            o = self.other()
            anchor, text = self.rng.choice(o.link_targets)
            if self.rng.random() < 0.2:
                return f"[{o.title.lower()}]({o.file})"
            return f"[{text}]({o.file}#{anchor})"
        anchor, text = self.rng.choice(self.c.link_targets)
        return f"[{text}](#{anchor})"

    def sentence(self, with_link=False):
        rng = self.rng
        kind = rng.random()
        if kind < 0.18:
            s = rng.choice(ASIDES)
        else:
            obj = rng.choice(OBJECTS)
            m = rng.random()
            if m < 0.1:
                obj = f"*{obj}*"
            elif m < 0.16:
                obj = f"**{obj}**"
            elif m < 0.2:
                obj = obj.replace("the ", "the `", 1) + "`" if obj.startswith("the ") else obj
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {obj}, {rng.choice(CLAUSES)}."
            if rng.random() < 0.35:
                s = f"{rng.choice(OPENERS)} {s[0].lower()}{s[1:]}"
        if with_link:
            s = s[:-1] + f"; see {self.link()}."
        return s

    def paragraph(self, sentences=None, links=0):
        k = sentences or self.rng.randint(3, 5)
        link_at = set(self.rng.sample(range(k), min(links, k)))
        out = []
        for i in range(k):
            s = self.sentence(i in link_at)
            while out and s[:30] == out[-1][:30]:
                s = self.sentence(i in link_at)
            out.append(s)
        return wrap(" ".join(out))

    def bullet_list(self, k=None, ordered=False):
        items = self.rng.sample(LIST_ITEMS, k or self.rng.randint(4, 6))
        lines = []
        for n, item in enumerate(items, 1):
            mark = f"{n}." if ordered else "-"
            end = "." if ordered or n == len(items) else ";"
            lines.append(f"{mark} {item[0].upper()}{item[1:]}{end}")
        return "\n".join(lines)

    def table(self, rows, align=False):
        head = self.rng.choice(TABLE_HEADS)
        first_col = ROLES if rows == 5 else [self.rng.choice(TOPICS) for _ in range(rows)]
        lines = ["| " + " | ".join(head) + " |"]
        if align:
            lines.append("|:---|:---|:---:|---:|")
        else:
            lines.append("|---|---|---|---|")
        for r in range(rows):
            cells = [first_col[r]] + self.rng.sample(CELLS, 3)
            if self.rng.random() < 0.1:
                cells[2] = cells[2] + " \\| or both"
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    # -- blocks -----------------------------------------------------------
    def matrix(self):
        rng = self.rng
        intro = wrap("Read across a row to see what a role is trusted with; read down a column to see where "
                     "neighbouring roles blur into each other. " + self.sentence())
        outro = wrap("Tech lead is usually a role rather than a rung. " + self.sentence())
        head = "| Role | Usual scope | Trusted with | Evidence that lands | Typical interview miss |"
        lines = [head, "|---|---|---|---|---|"]
        for role in ROLES:
            lines.append("| " + " | ".join([role] + rng.sample(CELLS, 4)) + " |")
        return f":::matrix[Level comparison]{{#{self.c.matrix_id}}}\n{intro}\n\n" + "\n".join(lines) + f"\n\n{outro}\n:::"

    def callouts(self):
        weak = wrap('"I ran the standups, kept the board up to date and made sure everyone hit their dates."')
        better = wrap('"I split the migration into three slices so the riskiest one shipped first behind a flag. '
                      'When the schema review slipped, I re-sequenced so two engineers could build the read path '
                      'in parallel, and I reviewed every change on the write path."')
        return (f":::callout[Weak framing]{{#w{self.c.code} kind=weak}}\n{weak}\n:::\n\n"
                f":::callout[Better framing]{{#b{self.c.code} kind=better}}\n{better}\n:::")

    def transcript(self):
        rng = self.rng
        x = rng.choice(TOPICS).lower()
        turns = []
        picks = rng.sample(range(len(SPEAKER_LINES_I)), 4)
        for k in picks:
            turns.append("Interviewer: " + SPEAKER_LINES_I[k].format(x=x))
            turns.append("Candidate: " + wrap(SPEAKER_LINES_C[k].format(x=x)))
            if rng.random() < 0.8:
                turns.append("Annotation: " + wrap(ANNOTATIONS[k]))
        return f":::transcript[Calibrating {x}]{{#t{self.c.code}}}\n" + "\n\n".join(turns) + "\n:::"

    def drills(self):
        out = []
        for k, (did, title) in enumerate(zip(self.c.drill_ids, self.c.drill_titles)):
            body = self.paragraph(3)
            if k == 0:
                body += "\n\n" + self.bullet_list(3, ordered=True) + "\n\n" + self.paragraph(2, links=1)
            out.append(f":::drill[{title}]{{#{did} timebox={self.rng.choice(TIMEBOXES)}}}\n{body}\n:::")
        return "\n\n".join(out)

    def rubric(self):
        rng = self.rng
        anchors = self.c.anchors
        dims = self.c.dimensions
        lo, hi = anchors[0][0], anchors[-1][0]
        header = ["Dimension"] + [f"{a} - {label}" if label else f"{a}" for a, label in anchors]
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for d in dims:
            lines.append("| " + " | ".join([d] + [rng.choice(DESCRIPTORS) for _ in anchors]) + " |")
        # Bands covering every total from len(dims)*lo to len(dims)*hi, no gap, no overlap.
        tmin, tmax = len(dims) * lo, len(dims) * hi
        nb = rng.randint(3, 4)
        cuts = sorted(rng.sample(range(tmin + 1, tmax + 1), nb - 1))
        starts = [tmin] + cuts
        ends = [c - 1 for c in cuts] + [tmax]
        bands = [f"- {a}-{b}: {BAND_TEXTS[k % len(BAND_TEXTS)]}" for k, (a, b) in enumerate(zip(starts, ends))]
        gate = rng.randint(tmin + (tmax - tmin) // 2, tmax)
        req_dims = rng.sample(dims, 2)
        require = "; ".join(f"{d} >= {rng.randint(lo, hi)}" for d in req_dims)
        prose = wrap("A story that passes the gate but scores lowest on attribution will still fail in the room: "
                     "the first follow-up question exposes it.")
        return (f":::rubric[Self-check]{{#{self.c.rubric_id} gate={gate} require=\"{require}\"}}\n"
                + "\n".join(lines) + "\n\n" + "\n".join(bands) + f"\n\n{prose}\n:::")

    def checklist(self, code):
        items = self.rng.sample(CHECK_ITEMS, 5)
        return f":::checklist[Before the story goes in]{{#{code}}}\n" + "\n".join(f"- {i}" for i in items) + "\n:::"

    def fieldref(self):
        rng = self.rng
        c = self.c
        table = ["| Axis | Ask yourself |", "|---|---|"]
        for axis, q in rng.sample([
            ("Scope", "What exactly did I own, including the unassigned parts?"),
            ("Complexity", "How unclear was it when I picked it up?"),
            ("Authority", "Decided, recommended, built, reviewed or influenced?"),
            ("Consequence", "What was at risk, and what did I put in place?"),
            ("Leverage", "What outlived the project?"),
        ], 4):
            table.append(f"| {axis} | {q} |")
        lines = [
            f"::::fieldref[Field reference {c.code}]{{#{c.fieldref_id}}}",
            wrap("**What senior means here.** Give me a messy problem in your area and I get back a plan, the key "
                 "calls made and defended, a rollout that can be undone, and a team that is better off afterwards."),
            "",
            "\n".join(f"- {r}: {d}" for r, d in zip(ROLE_SHORT, [
                "shaped work, delivered cleanly.", "unshaped work in one area, shaped and delivered safely.",
                "the shape of work across several teams.", "the order, the risks and the decisions of one effort.",
                "the team itself, its people and its results."])),
            "",
            "\n".join(table),
            "",
            f":::phrases[Safe phrases]{{#s{c.code} kind=safe}}",
            "\n".join(f"- {p}" for p in rng.sample(SAFE_PHRASES, 4)),
            ":::",
            "",
            f":::phrases[Never in a senior loop]{{#a{c.code} kind=avoid}}",
            "\n".join(f"- {p}" for p in c.avoid),
            ":::",
            "",
            f":::callout[If you blank]{{#k{c.code} kind=tip}}",
            "Go back to the decision. \"The key call was...\" restarts almost any answer at the right altitude.",
            ":::",
            "::::",
        ]
        return "\n".join(lines)

    def code_block(self):
        return ("```markdown\n:::drill[Payout retries at three altitudes]{#payout-retries timebox=20m}\n"
                "Tell the payout retry story at mid-level, senior and staff altitude.\n:::\n```")

    # -- the chapter --------------------------------------------------------
    def body(self):
        c, p = self.c, self.paragraph
        h = c.headings
        parts = [
            p(4, links=1), p(3, links=1),
            f"## {h[0]}", p(), self.bullet_list(), p(3, links=1),
            f"## {h[1]}", self.matrix(), p(4, links=1),
            f"## {h[2]}", p(), f"### {c.sub_headings[0]}", p(), self.table(5, align=True),
            f"### {c.sub_headings[1]}", p(links=1), self.code_block(), p(3),
            f"## {h[3]}", p(), self.callouts(), p(4), self.table(4), p(3, links=1),
            f"## {h[4]}", p(3), self.transcript(),
            f"## {h[5]}", p(3), self.drills(),
            f"## {h[6]}", p(3, links=1), self.rubric(), self.checklist(f"c{c.code}"),
            f"## {h[7]}", p(3), self.fieldref(),
            f"## {h[8]}", p(), self.bullet_list(5, ordered=True), p(3, links=1),
        ]
        return "\n\n".join(parts) + "\n"

    def front_matter(self):
        rng, c = self.rng, self.c
        part_no = (c.i - 1) // 10
        part = f"Part {part_no + 1} - {PARTS[part_no % len(PARTS)]}"
        summary = f"{self.sentence()[:-1]}, and how to say it in a senior loop."
        lines = ["---", f"title: {yq(c.title)}", f"chapter: {c.i}", f"part: {yq(part)}", f"summary: {yq(summary)}",
                 f"skills: [{', '.join(rng.sample(SKILLS, 3))}]", f"rounds: [{', '.join(rng.sample(ROUNDS, 3))}]"]
        if rng.random() < 0.3:
            lines.append(f"minutes: {rng.randint(10, 60)}")
        lines.append("---")
        return "\n".join(lines) + "\n\n"


def wrap(text, width=88):
    """Hard-wrap prose the way authors do (CommonMark joins the lines)."""
    words = text.split(" ")
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    # A wrapped line must not start with something CommonMark reads as a block.
    out = []
    for ln in lines:
        if out and re.match(r"^(\d+[.)]|[-+*>#]|:::|\|)", ln):
            out[-1] += " " + ln
        else:
            out.append(ln)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Stories and scores

PERSON_I = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"}
PERSON_WE = {"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd"}


def person_counts(text):
    words = re.findall(r"[A-Za-z']+", text.lower())
    return sum(w in PERSON_I for w in words), sum(w in PERSON_WE for w in words)


def story(seed, k, chapters):
    rng = random.Random(f"{seed}:story:{k}")
    topic = rng.choice(STORY_TOPICS)
    name = f"s{k:04d}-{slug(topic.lower())}"
    claims = rng.sample(AUTHORITIES, rng.randint(3, 5))
    drills = []
    for c in rng.sample(chapters, min(3, len(chapters))):
        drills.append(rng.choice(c.drill_ids))
    fm = [
        "---",
        f"title: {yq(f'{topic} ({k})')}",
        f"when: {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}",
        f"scope: {rng.choice(SCOPES)}",
        f"shape: {rng.choice(SHAPES)}",
        "claims:",
    ]
    for a in claims:
        fm += [f"  - text: {yq(CLAIM_TEXTS[a])}", f"    authority: {a}"]
    fm += [
        "anchors:",
        f"  decision: {yq('A persisted state machine keyed on idempotency tokens, rather than a lock')}",
        f"  hands_on: {yq('Wrote the state model and the migration that moved in-flight work across')}",
        f"  risk: {yq('Two weeks of shadow mode, then a cohort rollout behind a flag with a rollback switch')}",
        f"metrics: [{yq(f'{rng.randint(0, 3)} incidents in two quarters')}, {yq(f'recovery up {rng.randint(2, 9)} points')}]",
        f"drills: [{', '.join(drills)}]",
        "---",
    ]
    body = []
    t = topic.lower()
    for section, sentences in STORY_SECTIONS.items():
        body.append(f"## {section}")
        for _ in range(2):
            picked = [s.format(t=t) for s in rng.sample(sentences, 3)]
            if rng.random() < 0.3:
                picked.append("We agreed on the plan as a team, and I wrote it down.")
            body.append(wrap(" ".join(picked)))
    text = "\n".join(fm) + "\n" + "\n\n".join(body) + "\n"
    return name, text


def scores_yaml(seed, n_entries, chapters):
    rng = random.Random(f"{seed}:scores")
    out = ["# Self-scores over time, oldest first (generated for the benchmark).", ""]
    for k in range(n_entries):
        c = rng.choice(chapters)
        lo, hi = c.anchors[0][0], c.anchors[-1][0]
        year = 2023 + k // 336
        month = (k // 28) % 12 + 1
        day = k % 28 + 1
        out.append(f"- rubric: {c.rubric_id}")
        out.append(f"  date: {year}-{month:02d}-{day:02d}")
        out.append("  scores:")
        for d in c.dimensions:
            out.append(f"    {d}: {rng.randint(lo, hi)}")
        if rng.random() < 0.5:
            out.append(f"  note: {yq('Second pass on the story; attribution still hides who approved what.')}")
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Hugo

HUGO_CONFIG = """baseURL = "http://example.invalid/"
title = "Workbook benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

[markup.goldmark.renderer]
unsafe = false
"""
HUGO_SINGLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ .Content }}
</body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ .Content }}
</body></html>
"""


# ---------------------------------------------------------------------------

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(n, seed, out):
    chapters = [Chapter(seed, i) for i in range(1, n + 1)]
    wb = os.path.join(out, "workbook")
    hugo = os.path.join(out, "hugo")
    for d in (wb, hugo, os.path.join(out, "cmark")):
        if os.path.exists(d):
            shutil.rmtree(d)
    write(os.path.join(wb, "workbook.yaml"),
          f"title: {yq(f'Synthetic Calibration Workbook ({n} chapters)')}\n"
          "subtitle: Generated by Benchmarks/generate.py\nauthor: Benchmark\nlanguage: en\npaper: letter\n"
          "target_level: Senior engineer\n")
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "content", "_index.md"), "---\ntitle: \"Workbook benchmark\"\n---\n")
    write(os.path.join(hugo, "content", "chapters", "_index.md"), "---\ntitle: \"Chapters\"\n---\n")

    chapter_bytes = 0
    cmark_path = os.path.join(out, "cmark", "all.md")
    os.makedirs(os.path.dirname(cmark_path), exist_ok=True)
    with open(cmark_path, "w", encoding="utf-8") as all_md:
        for c in chapters:
            w = ChapterWriter(seed, c, chapters, n)
            fm = w.front_matter()
            body = w.body()
            text = fm + body
            chapter_bytes += len(text.encode("utf-8"))
            write(os.path.join(wb, "chapters", c.file), text)
            write(os.path.join(hugo, "content", "chapters", c.file),
                  f"---\ntitle: {yq(c.title)}\nweight: {c.i}\n---\n\n{body}")
            all_md.write(body)
            all_md.write("\n")

    # Stories: N/10, checked here against every avoid phrase and the I/we rule.
    n_stories = max(1, n // 10)
    avoid = {normalize_words(p) for c in chapters for p in c.avoid}
    longest = max(len(p.split()) for p in avoid)
    story_bytes = 0
    for k in range(1, n_stories + 1):
        name, text = story(seed, k, chapters)
        words = normalize_words(text).split()
        grams = {" ".join(words[i:i + m]) for m in range(1, longest + 1) for i in range(len(words) - m + 1)}
        bad = sorted(avoid & grams)
        if bad:
            sys.exit(f"generator bug: story {name} contains avoid phrase(s) {bad}")
        i_count, we_count = person_counts(text.split("---", 2)[2])
        if i_count <= we_count:
            sys.exit(f"generator bug: story {name} has I={i_count} <= we={we_count}")
        story_bytes += len(text.encode("utf-8"))
        write(os.path.join(wb, "stories", f"{name}.md"), text)
    scores = scores_yaml(seed, n_stories, chapters)
    write(os.path.join(wb, "stories", "scores.yaml"), scores)

    info = {
        "generator_version": GENERATOR_VERSION,
        "generator_digest": generator_digest(),
        "chapters": n,
        "seed": seed,
        "stories": n_stories,
        "score_entries": n_stories,
        "chapter_bytes": chapter_bytes,
        "mean_chapter_bytes": round(chapter_bytes / n),
        "story_bytes": story_bytes,
        "avoid_phrases": sum(len(c.avoid) for c in chapters),
        "distinct_avoid_phrases": len(avoid),
        "cmark_bytes": os.path.getsize(cmark_path),
    }
    write(os.path.join(out, "corpus.json"), json.dumps(info, indent=2) + "\n")
    return info


def generator_digest():
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chapters", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="/tmp/workbook-bench/n1000")
    args = ap.parse_args()
    info = generate(args.chapters, args.seed, args.out)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
