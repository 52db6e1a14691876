//! Signals read from a message: sentiment, urgency and complaint, from one tokenization pass.
//!
//! # Sentiment
//!
//! Build one [`Analyzer`] and call it from any thread:
//!
//! ```
//! use realboss::signals::{Analyzer, AnalyzerConfig, Label};
//!
//! let analyzer = Analyzer::new(AnalyzerConfig::default())?;
//! let s = analyzer.sentiment("I was charged twice and nobody answered my emails.");
//! assert_eq!(s.label, Label::Negative);
//! assert!(s.compound < -0.5);
//! assert!((s.positive + s.neutral + s.negative - 1.0).abs() < 1e-9);
//!
//! // Why? Every contributing span, its base valence and the rules that changed it.
//! let why = analyzer.explain("Not great, but the agent was VERY helpful!");
//! assert_eq!(why.sentiment, analyzer.sentiment("Not great, but the agent was VERY helpful!"));
//! for c in &why.contributions {
//!     println!("{:?} base {} -> {} via {:?}", c.range, c.base, c.valence, c.rules);
//! }
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! ## Method
//!
//! The method is VADER's (Hutto & Gilbert, 2014): look every word up in a lexicon of human-rated
//! valences (-4..+4), adjust each by the words around it, sum, and normalize the sum `x` to
//! `compound = x / sqrt(x² + 15)` so figures compare with Python VADER's. `positive`, `neutral`
//! and `negative` are VADER's shares: each scored word adds `|valence| + 1` to its side, each
//! other word 1 to neutral, punctuation emphasis goes to the larger side; text with no word at
//! all is neutral 1.0. [`Coverage`] says how many words were seen and how many carried a
//! valence, so a host can tell "neutral" from "not understood"; a language without a lexicon
//! ([`crate::model::Language::has_sentiment_lexicon`]) scores neutral with `supported: false`.
//!
//! The text is tokenized once by [`crate::text::tokens`]; one left-to-right pass keeps the last
//! `LOOK_BACK_WORDS` (3) + 5 items in a fixed ring, so scoring is linear in the text and allocates
//! nothing. [`Analyzer::explain`] runs the very same pass with a recorder attached, which is why
//! its result equals [`Analyzer::sentiment`] bit for bit.
//!
//! ## Tables
//!
//! The source of truth is plain text in `data/`: VADER 3.3.2's lexicon and emoji lexicon (MIT,
//! `data/vader/`), our `data/customer_service.tsv` (entry, valence, reason) and
//! `data/english_cues.tsv` (negations, boosters, contrast words, fixed phrases). The generator
//! `tools/src/tables.rs` writes `english_table.rs` (about 13,000 entries) and
//! `text/emoticon_table.rs` from them, and a test fails if the committed files are stale;
//! regenerate with `cargo run -p realboss-tools --bin tables`. At run time a hash index over the
//! table is built once per process on first use (under a millisecond) and shared.
//!
//! - **Customer-service vocabulary** overrides VADER for the same key: billing ("charged twice",
//!   "overcharged"), waiting ("still waiting", "on hold"), failure ("stopped working",
//!   "doesn't work"), leaving ("cancel my account", "never again"), resolution ("sorted it out",
//!   "went above and beyond") and product/service attributes ("flimsy", "reliable", "bland"). It
//!   also neutralises words VADER reads as praise where a ticket uses them as nouns or courtesy
//!   ("support", "help", "please") and turns "urgent" negative.
//! - **Word forms**: a word that misses the lexicon is looked up as a word form. The forms are
//!   found ahead of time, not per message: inflections and derivations of each lexicon word
//!   (`-s`, and by a rough guess of word class `-ed`/`-ing` or `-ly`/`-ness`/`-er`/`-est`,
//!   with English spelling rules) are kept when their Snowball stem (rust-stemmers, English) is
//!   the stem of lexicon words, and take that stem's valence. Done this way because
//!   rust-stemmers returns a `Cow` that allocates whenever it changes a word, which would break
//!   the no-allocation promise, and stemming every unknown word would cost more than the rest of
//!   the pass. A form no rule generates is not found.
//! - **Stem conflicts**: when several lexicon words share a stem, the stem's valence is their
//!   mean if they agree in sign; if they disagree (99 stems, e.g. a word and its opposite-sense
//!   derivative) the stem is left out, so such forms score nothing rather than a guess.
//! - **Emoji** are valued once, at generation: the sum of the word valences of the emoji's
//!   English description (clamped to -4..+4); an emoji with a modifier or joiner falls back to
//!   its first code point.
//!
//! ## Rules
//!
//! Each rule is listed with the [`Rule`] that [`Analyzer::explain`] reports.
//!
//! - **Negation** ([`Rule::Negation`]): a negation word (`not`, `never`, `without`, `nothing`,
//!   any word ending in `n't`, "no longer", ...) up to `LOOK_BACK_WORDS` (3) words before a
//!   sentiment word multiplies it by `NEGATION_FACTOR` (-0.74); each negation in the window applies.
//!   `no` counts one or two words back, three with `or`/`nor` in between.
//! - **"no" before a sentiment word** ([`Rule::NoAsNegation`]): `no` loses its own valence
//!   (-1.2) when the next word in the clause carries one ("no good"); alone it keeps it.
//! - **Boosters and dampeners** ([`Rule::Booster`]): VADER's degree words add ±0.293 in the
//!   word's direction (x0.95 two words back, x0.9 three back); "kind of", "sort of" and "just
//!   enough" are multi-word dampeners. A booster that has a valence of its own ("incredible")
//!   scores it when it boosts nothing ("simply incredible").
//! - **Capitals** ([`Rule::Caps`]): a sentiment word or booster in capitals gets
//!   `CAPS_EMPHASIS` (0.733) in its direction, when the text also has lower-case letters.
//! - **"never so/this"** ([`Rule::NeverSo`]): x`NEVER_SO_FACTOR` (1.25) instead of a negation;
//!   "without doubt" is not a negation either.
//! - **"least"** ([`Rule::Least`]): negates the next word, except in "at least" and "very
//!   least".
//! - **Contrast** ([`Rule::Contrast`]): sentiment before the first `but`/`however` weighs
//!   `BEFORE_CONTRAST_WEIGHT` (0.5), after it `AFTER_CONTRAST_WEIGHT` (1.5).
//! - **Concession** ([`Rule::Concession`]): the clause opened by `although`, `though` or "even
//!   though" (to the next `,` `;` `.` `!` `?` `:`) weighs `CONCESSION_WEIGHT` (0.5).
//! - **Punctuation**: each `!` adds `EXCLAMATION_EMPHASIS` (0.292) (at most `MAX_EXCLAMATIONS` (4)); two
//!   or three `?` add `QUESTION_EMPHASIS` (0.18) each, four or more `MAX_QUESTION_EMPHASIS` (0.96); added
//!   to the total in its direction.
//! - **Phrases and idioms**: multi-word entries ("charged twice", "can't wait", "no problem",
//!   "under the weather") replace the valences of their words; the longest phrase ending at a
//!   word wins; negations and boosters before the phrase apply to it. Phrases do not span
//!   punctuation other than `-`.
//! - **Lone negation** ([`ValenceSource::Cue`]): a negation that negated no sentiment word ("it
//!   doesn't charge", "not received") scores `LONE_NEGATION_VALENCE` (-0.8).
//! - **Excess** ([`ValenceSource::Cue`]): `too` before a word that is not praise ("too small")
//!   scores `EXCESS_VALENCE` (-0.8).
//!
//! ## Differences from VADER 3.3.2, and why
//!
//! - Tokens: VADER splits on white space and strips punctuation only if 3+ characters remain
//!   (so `ok.` and `no!` miss the lexicon); we split words from punctuation (Unicode grapheme
//!   clusters, apostrophes kept inside words) and recognise emoticons as whole chunks.
//! - Multi-word lexicon entries ("fed up", "can't stand", hyphenated ones) never match in VADER
//!   because it looks single tokens up; they match here, as phrases.
//! - VADER's idiom table (`SENTIMENT_LADEN_IDIOMS`) is dead code there; live here as phrases.
//! - VADER's "never so/this" check has an operator-precedence slip that boosts any word after
//!   "so"/"this" three tokens into a text; we require the "never".
//! - VADER's `least` check is written twice with slightly different conditions; we apply one:
//!   "least" right before the word negates unless preceded by "at" or "very".
//! - VADER's "no" rule replaces the word's valence by `-0.74 x` its base, discarding the caps
//!   bonus; we multiply like every other negation.
//! - Emoji: VADER substitutes each emoji's description into the text, so "face", "with" etc.
//!   count as neutral words and the description's words take part in negation and booster
//!   windows; we value each emoji once, as one token.
//! - Capitals: VADER's "some but not all tokens are upper case" also counts tokens without
//!   letters (digits, `!!!`) as not upper case; we ask for a lower-case letter in the text.
//! - Negation and boosters stop at `.` `!` `?` `;` `:` (VADER's window runs across sentences);
//!   measured as neutral on the evaluation sets, kept because multi-sentence tickets are common.
//! - A lexicon entry written in capitals (`:D`) is unreachable in VADER when its lower-case twin
//!   exists; we do the same (the lower-case one wins). Two non-ASCII emoticons (`:Þ`, `:-Þ`) and
//!   one malformed entry are not used.
//! - Ours, not VADER's: the concession rule, lone negation, excess, lone boosters, the
//!   customer-service table and word forms.
//!
//! ## Limits
//!
//! - A word longer than 48 bytes once folded (lower-cased) is never found
//!   in the lexicon (no entry is longer) and scores as an unknown word.
//! - Look-back reaches `LOOK_BACK_WORDS` (3) words; phrases are at most 5 words.
//! - Text is scored in one linear pass up to [`AnalyzerConfig::max_text_bytes`] (default
//!   [`DEFAULT_MAX_TEXT_BYTES`], 1 MiB); past it only the first part is scored, cut at white
//!   space, and [`Coverage::truncated_at`] says how much. The compound saturates towards ±1 as
//!   sentiment accumulates (as in VADER), so score sentences or messages, not whole threads.

//!
//! # Urgency and complaint
//!
//! [`Analyzer::signals`] gives a message's [`Sentiment`], [`Urgency`] and [`Complaint`] from one
//! pass: the sentiment pass's tokenization loop hands every token to a second reader, the cue
//! pass, so the text is split once. [`Analyzer::urgency`] runs the cue pass alone;
//! [`Analyzer::explain_signals`] lists every cue that counted and every cue a negation cancelled.
//!
//! ```
//! use realboss::signals::{Analyzer, AnalyzerConfig, CueKind};
//! use realboss::Level;
//!
//! let analyzer = Analyzer::new(AnalyzerConfig::default())?;
//! let s = analyzer.signals("I'm locked out and was charged twice. Any update?");
//! assert_eq!(s.urgency.level, Level::Urgent);
//! assert_eq!(s.urgency.top[0].map(|c| c.kind), Some(CueKind::Stuck));
//! assert!(s.complaint.score > 0.5);
//! assert_eq!(analyzer.urgency("No rush, whenever you can.").level, Level::Low);
//! # Ok::<(), realboss::Error>(())
//! ```
//!
//! ## Method
//!
//! Urgency here means "how urgently this text asks for an answer": on a forum set rated for
//! urgency, waiting-for-an-answer cues (a question, "any update", "please help") track the
//! rating far better than mood does, so they are cues of their own and sentiment plays no
//! part in the urgency score.
//!
//! - **Cues** ([`CueKind`]): words and phrases from our table `data/urgency_cues.tsv` (cue,
//!   role, kind, urgency weight, complaint weight, reason), and three rules that are code: a
//!   `?` after a word (`QUESTION_WEIGHT` (0.3), once per clause), a deadline (`by`/`before`/`until` + a clock time or a listed moment: "by 5pm", "by 17:00",
//!   "by Friday", `DEADLINE_WEIGHT` (0.45)) and a short span (`in`/`within` + an amount + minutes or
//!   hours: "in an hour", "within 30 minutes", `SHORT_SPAN_WEIGHT` (0.4)). Phrases (up to 5 words)
//!   replace their words' cues, the longest ending at a word wins, and do not span punctuation
//!   other than `-`.
//! - **Negation**: a negation up to `NEGATION_REACH` (super::LOOK_BACK_WORDS) words before a cue in the same clause
//!   (`no` `NO_REACH` (2)) cancels it ("not urgent", "no rush", "no hurry", "not in a hurry");
//!   the negation words are the sentiment ones of `data/english_cues.tsv` plus a few for cues
//!   only ("unable", "failed to", "nobody"). Rows with role `negated` count only when negated:
//!   "working" says nothing, "not working" says [`CueKind::Stuck`]; "arrived" nothing, "never
//!   arrived" [`CueKind::BrokenExpectation`]. A phrase keeps its words' negations ("still not
//!   working").
//! - **Calm**: phrases saying it can wait, or that the writer answers rather than asks
//!   ("whenever you get a chance", "not a big deal", "no worries", "good question"), multiply
//!   the urgency score by `CALM_FACTOR` (0.4), question cues included; the calm phrases of the
//!   sentiment table ("no rush", "not urgent") are neutral in sentiment.
//! - **Closure** ([`Signals::resolved`]): a phrase of role `resolved` ("works now", "it turned
//!   up", "all fine now", "please disregard") with no negation before it calms too, and when no
//!   cue counted anywhere in the text the message is a closure: a follow-up that closes the
//!   request instead of chasing it. "Thanks, but still nothing" is none.
//! - **Situations**: cues for what is urgent without the customer's saying so: account
//!   takeover and fraud ("got into my account", "hacked", "with my saved card"), a service down
//!   with business impact ("losing sales", "cannot check out"), health and safety
//!   ([`CueKind::Safety`]: medicine running out, an injury, a gas leak), stranded or locked
//!   out, money at risk, errors in what we provided ("typo", "broken link"), and deadlines named
//!   by an event ("before my exam", "before Friday's exam": `by`/`before` + up to two amount
//!   words + a moment).
//! - **Time**: a short span in a clause that tells of something done ("answered in two
//!   minutes", "took five minutes") is no time pressure; an elapsed time (`for`, `after` or
//!   `wait` with an amount and a unit: "for 2 hours", "a 3 hour delay", "2hr"; `since` with a
//!   moment: "since Monday") is [`CueKind::BrokenExpectation`] (`ELAPSED_WEIGHT` (0.15),
//!   complaint `ELAPSED_COMPLAINT` (0.35)); a length of time with no opener ("2 hours on the
//!   tarmac") counts more weakly (`BARE_ELAPSED_WEIGHT` (0.05), `BARE_ELAPSED_COMPLAINT`
//!   (0.2)) unless it lies ahead ("in 3 days", "the next 2 hours").
//! - **Negative evidence**: quoted history (a line opened by `>`, everything after "… wrote:"
//!   or "original message:") does not count; a group greeting, an introduction or a shared
//!   view that asks no question ("hello everyone", "introduce myself", "in my opinion", "I
//!   agree") multiplies the score by `INTRO_FACTOR` (0.6); a `?` inside a contraction ("can?t", an apostrophe lost in encoding) is no question.
//! - **Score**: the cues that counted give `1 − Π(1 − wᵢ)` over their urgency weights (each in
//!   `[0, 1)`). It is length-robust: beyond `LENGTH_WORDS` (40) words the product is scaled by
//!   `√(40 / words)`, but never below what the strongest cue of each kind (other than a bare
//!   question) gives together; and in a text of more than twice `EDGE_BYTES` (150) bytes, cues
//!   in its middle weigh `MIDDLE_FACTOR` (0.3), because a customer asks at the start or the end
//!   and tells the story between. So the score stays in `[0, 1]`, a short text's score never
//!   falls when a cue is added, the same message said 200 times is no more urgent than said
//!   once, and a long story is not urgent for being long. [`Urgency::level`] comes from
//!   `NORMAL_THRESHOLD` (0.2), `HIGH_THRESHOLD` (0.5) and `URGENT_THRESHOLD` (0.75);
//!   [`Urgency::unmarked_score`] is the same without [`CueKind::UrgentWord`] cues.
//! - **Complaint**: a complaint reports that something the customer was entitled to expect did
//!   not happen, aimed at the company. Its evidence, each with a complaint weight in the table
//!   or a named constant: broken-expectation frames (late, cancelled, lost my, never arrived,
//!   supposed to, overbooked, hung up, no reply, rejected, charged twice), complaint questions
//!   ("why …?", "how long …?", "what happened …?": `ASK_COMPLAINT` (0.35)), elapsed time and
//!   repetition ("for 2 hours", "since Monday", "again", "third time"), threats to leave, and
//!   judgements of the service or staff (role `judgement`: "worst", "rude", "useless",
//!   "unfair"), which count only in a text aimed at the company (a word of role `target`:
//!   "you", "your", "staff", "order", "flight", an @handle). The score is `1 − Π(1 − cᵢ)`
//!   over that evidence; then, in a text aimed at us, negative mood is evidence of its own
//!   (`COMPLAINT_MOOD` (0.75) × −compound, and the share of negative words at
//!   `COMPLAINT_NEGATIVE_SHARE` (0.2) whatever the compound: [`Complaint::mood`]); elsewhere it
//!   only nudges a complaint the cues found (`COMPLAINT_MOOD_NUDGE` (0.25)). Praise lowers a complaint that
//!   states no clear failure (below `CLEAR_FAILURE` (0.5): × `1 − COMPLAINT_PRAISE` (0.5) ×
//!   compound); beside a clear one positive words are courtesy or sarcasm and lower nothing.
//!   The customer's own mishap ("accidentally", "my fault") multiplies it by
//!   `OWN_MISHAP_FACTOR` (0.5). A failure told as a possibility (after "if", "whether", "in
//!   case", "might", "likely" or "chances" in its clause, up to a comma: "if my flight is
//!   cancelled, can I rebook?") counts `POSSIBLE_FACTOR` (0.5) of its complaint weight. Sense limits keep cue words in another sense out ("lost
//!   count", "a late lunch", "missing you", "thanks again", "working again", "sorry for the
//!   late reply").
//! - **Weights** are set by hand from the rationale written next to each row and constant:
//!   there is no permissively licensed complaint or urgency data to fit on, and the shared
//!   evaluation sets are for measuring only. The scale: a plain statement of what broke 0.5–0.7
//!   in complaint weight, a judgement of the service 0.4–0.5, waiting, repetition and failure
//!   words without their object 0.25–0.4; urgency weights of complaint evidence stay small,
//!   because a complaint is not by itself a reason to answer first.
//! - **Word forms**: a `~` word of the table ("charge~", "cancel~", "lock~ out") also matches
//!   its inflections whose Snowball stem is the word's ("charged", "charging", "cancelled",
//!   "cancellation", "locking out"), found when the table is generated, so the pass never
//!   stems or allocates.
//!
//! ## Table
//!
//! `data/urgency_cues.tsv` (ours, the crate's licence) is generated by `tools/src/tables.rs`
//! into `urgency_table.rs` (about 700 rows), indexed once per process on first use like the
//! sentiment lexicon; `cargo run -p realboss-tools --bin tables` regenerates it.
//!
//! ## Limits
//!
//! - English only: in a language without a table only the `?` rule counts.
//! - `!!` is not a cue: measured on the forum set, posts with it rated below average (it marks
//!   enthusiasm as often as urgency); an urgent customer's words say it better.
//! - A cue is a surface pattern: "I don't work in finance" reads as "not working", "in a
//!   minute" as a short span, "charge" in "free of charge" as money, "fire" as danger. Weights
//!   are judgement, checked against a forum set and a complaint set (`examples/eval.rs`), not
//!   fitted to them.
//! - Sarcasm is read only on the complaint side (positive words beside a clear failure lower
//!   no complaint); the sentiment score still reads "great, another delay" as positive. A rule
//!   that weighed courtesy and praise words beside a failure word at −0.25 was tried and left
//!   out: it lowered Pearson on VADER's tweets from 0.873 to 0.871 (below VADER's 0.872) and
//!   the complaint set's −compound AUC from 0.723 to 0.714.
//! - A complaint is not told from a status question about a possible failure ("is my flight
//!   delayed?"), from news about the company, or from someone else's story told to us.
//! - The score reads one text; repeat contacts, waiting time and the customer are the
//!   [`crate::priority`] step's job.
//!
//! # The reading of a message
//!
//! [`Signals`] is everything ranking, hints and insights need from one message, filled in the
//! one tokenization pass of [`Analyzer::signals`]: besides sentiment, urgency and complaint with
//! their cues (byte spans), the leaving cue, whether the message only thanks us, its tone marks
//! and the word counts that tell English from other languages. It is `Copy` and fixed in size,
//! so reading a message allocates nothing; each word is looked up once in one small table of
//! marked words for all the rules below. A new signal adds its field there.
//!
//! ## Closing
//!
//! [`Signals::thanks_only`]: a message that only thanks us or signs off ("thanks, all sorted!")
//! waits for no answer, so it is no repeat contact. The rule is deliberately narrow and does
//! not use the sentiment (a warm message can still ask a question): the text is at most 280
//! bytes and has no `?`; it has a word, and every word is a closing word (thanks, cheers,
//! sorted, fixed, great, perfect, ok, no worries, …: case and apostrophes ignored, so "That's"
//! is `thats`); and one word is an anchor (thank, thanks, thx, ty, cheers, appreciate(d),
//! sorted, fixed, resolved, solved, worries). Any other word (a digit, a name, "not", "still",
//! "but", "please", another language) makes the message a real contact: erring that way keeps
//! a chase from being dropped.
//!
//! ## Tone
//!
//! [`Signals::tone`] counts the marks of a formal or casual writer ([`ToneMarks`]): a formal
//! mark for a first word "Dear"/"Greetings" and one for a formal word (regards, sincerely,
//! faithfully, respectfully, kindly); a casual mark for each of: a first word hi/hey/hello/…,
//! a contraction ("don't", "it's"), an emoji or emoticon, a `!`, a first letter in lower case,
//! chat shorthand (thx, pls, lol, …). Words are compared in lower case with `’` read as `'`.
//! [`Signals::words`] counts words and, of them, common English function words ("the", "my",
//! "is", …), the evidence [`crate::hints`] uses to tell English text from other languages.

mod analyzer;
mod closing;
mod config;
#[rustfmt::skip] // generated by tools/src/tables.rs
mod english_table;
mod explain;
mod lexicon;
mod phrase;
mod reading;
mod sentiment;
mod tone;
mod urgency;
#[rustfmt::skip] // generated by tools/src/tables.rs
mod urgency_table;

pub use analyzer::Analyzer;
pub(crate) use closing::is_thanks_only;
pub use config::{
    AnalyzerConfig, CUT_SEARCH_BYTES, DEFAULT_MAX_TEXT_BYTES, DEFAULT_NEGATIVE_THRESHOLD,
    DEFAULT_POSITIVE_THRESHOLD,
};
pub use explain::{
    AppliedRule, Contribution, Explanation, Rule, SignalsExplanation, ValenceSource,
};
pub use phrase::MAX_PHRASE_WORDS;
pub(crate) use reading::marks_of_text;
pub use reading::{Signals, WordCounts};
pub(crate) use sentiment::LOOK_BACK_WORDS;
pub use sentiment::{Coverage, Label, Sentiment};
pub use tone::ToneMarks;
pub use urgency::{Complaint, Cue, CueKind, Urgency, text_urgency_level};
