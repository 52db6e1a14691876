//! Quote stripping and HTML to text on odd and large input: never a panic, time linear in size.

use realboss_helpdesk::text::{html_to_text, strip_quoted};
use std::time::{Duration, Instant};

#[test]
fn every_quote_style_vendors_embed_is_stripped() {
    let cases = [
        ("Still broken.\n> old line\n> older", "Still broken."),
        (
            "Help!\n\nOn Mon, 30 Nov 2026 at 09:00, Shop <a@b.example> wrote:\n> x",
            "Help!",
        ),
        (
            "Bitte helfen.\nAm 28.11.2026 um 10:00 schrieb Shop <a@b.example>:\n> x",
            "Bitte helfen.",
        ),
        ("Call me.\n-----Original Message-----\nFrom: x", "Call me."),
        (
            "News?\nFrom: Shop <a@b.example>\nSent: Monday\nold",
            "News?",
        ),
        (
            "Top.\n\n> quoted\nmy inline answer",
            "Top.\n\nmy inline answer",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(strip_quoted(body), expected, "{body:?}");
    }
    let html =
        "<div>Refund&nbsp;please &#8212; now&#x21;</div><blockquote>On Mon you wrote</blockquote>";
    assert_eq!(html_to_text(html), "Refund please \u{2014} now!");
    assert_eq!(
        html_to_text("<p>a</p><script>x()</script><style>p{}</style><p>b</p>"),
        "a\n\nb"
    );
}

#[test]
fn pathological_input_takes_linear_time() {
    const SIZE: usize = 200_000;
    let inputs = [
        "&".repeat(SIZE),
        "<".repeat(SIZE),
        "<blockquote>".repeat(SIZE / 12),
        "> x\n".repeat(SIZE / 4),
        "&#".repeat(SIZE / 2),
        "é<br>".repeat(SIZE / 6),
    ];
    let start = Instant::now();
    for input in &inputs {
        let _ = html_to_text(input);
        let _ = strip_quoted(input);
    }
    // Quadratic scanning of 200 kB would take minutes; linear takes milliseconds.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}
