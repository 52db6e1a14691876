//! Message bodies as vendors store them, turned into the text realboss scores.
//!
//! Helpdesks keep the whole email a customer sent, including the earlier messages their mail
//! program quoted below the reply. Scoring those again would count an old complaint twice, so
//! [`strip_quoted`] cuts them off, and [`html_to_text`] turns an HTML body into plain text first
//! (dropping Gmail's quote block and any `<blockquote>`). Both run in time linear in the input and
//! never panic on odd input: an unclosed tag or unknown entity is dropped or kept as written.

/// Removes the quoted earlier messages a mail program embeds in a reply.
///
/// Dropped: lines starting with `>` (after leading spaces); an `On … wrote:` line and everything
/// after it; an Outlook `-----Original Message-----` line and everything after it; a `From: …`
/// line directly followed by a `Sent: …` or `Date: …` line, and everything after it. Trailing
/// blank space is trimmed. A body that is all quote gives an empty string.
///
/// ```
/// use realboss_helpdesk::text::strip_quoted;
/// let body = "Still not here!\n\nOn Mon, 2 Nov 2026 at 10:00, Shop <help@shop.example> wrote:\n> We shipped it.";
/// assert_eq!(strip_quoted(body), "Still not here!");
/// assert_eq!(strip_quoted("> only a quote"), "");
/// ```
pub fn strip_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.starts_with('>') {
            continue;
        }
        if is_attribution(trimmed) || trimmed.starts_with("-----Original Message-----") {
            break;
        }
        if trimmed.starts_with("From:") {
            let next = lines.peek().map(|l| l.trim()).unwrap_or("");
            if next.starts_with("Sent:") || next.starts_with("Date:") {
                break;
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let end = out.trim_end().len();
    out.truncate(end);
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    out
}

/// An `On Mon, 2 Nov 2026 …, Name <mail> wrote:` line (also German `Am … schrieb …:`).
fn is_attribution(line: &str) -> bool {
    (line.starts_with("On ") && line.ends_with("wrote:"))
        || (line.starts_with("Am ") && line.contains("schrieb") && line.ends_with(':'))
}

/// Turns an HTML message body into plain text, then strips quoted earlier messages.
///
/// `<br>`, `<p>`, `<div>`, `<li>` and `<tr>` become line breaks; other tags are dropped with
/// their attributes; `<blockquote>` and Gmail's `<div class="gmail_quote">` are dropped with
/// everything inside; `<script>` and `<style>` content is dropped. Entities decoded: `&amp;`
/// `&lt;` `&gt;` `&quot;` `&apos;` `&#39;` `&nbsp;` and numeric `&#NNN;` / `&#xHH;`; an
/// unknown entity is kept as written. The result goes through [`strip_quoted`].
///
/// ```
/// use realboss_helpdesk::text::html_to_text;
/// let html = "<p>Hi,<br>the app crashes &amp; I lose my cart.</p>\
///             <div class=\"gmail_quote\">On Monday you wrote: <div>old</div></div>";
/// assert_eq!(html_to_text(html), "Hi,\nthe app crashes & I lose my cart.");
/// ```
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // While > 0, we are inside a dropped element; `skip_tag` names it, nesting counted.
    let mut skip_depth = 0usize;
    let mut skip_tag = "";
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').unwrap_or(after.len());
            let tag = &after[..end];
            rest = after.get(end + 1..).unwrap_or("");
            let closing = tag.starts_with('/');
            let name_part = tag.trim_start_matches('/');
            let name_end = name_part
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(name_part.len());
            let name = name_part[..name_end].to_ascii_lowercase();
            if skip_depth > 0 {
                if name == skip_tag {
                    if closing {
                        skip_depth -= 1;
                    } else if !tag.ends_with('/') {
                        skip_depth += 1;
                    }
                }
                continue;
            }
            if !closing {
                let lower = tag.to_ascii_lowercase();
                let dropped = match name.as_str() {
                    "blockquote" => Some("blockquote"),
                    "script" => Some("script"),
                    "style" => Some("style"),
                    "div" if lower.contains("gmail_quote") => Some("div"),
                    _ => None,
                };
                if let Some(dropped) = dropped {
                    skip_tag = dropped;
                    skip_depth = 1;
                    continue;
                }
            }
            if matches!(name.as_str(), "br" | "p" | "div" | "li" | "tr") {
                out.push('\n');
            }
            continue;
        }
        let next = rest.find(['<', '&']).unwrap_or(rest.len());
        let (chunk, tail) = if next == 0 {
            // An entity at the start: decode it or keep the `&`.
            match decode_entity(rest) {
                Some((c, len)) => {
                    if skip_depth == 0 {
                        out.push(c);
                    }
                    rest = &rest[len..];
                    continue;
                }
                None => rest.split_at(1),
            }
        } else {
            rest.split_at(next)
        };
        if skip_depth == 0 {
            out.push_str(chunk);
        }
        rest = tail;
    }
    strip_quoted(&collapse_blank_lines(&out))
}

/// Decodes the entity at the start of `text` (which starts with `&`): the character and the
/// entity's length in bytes, or `None` for an unknown or unterminated one.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    // Entities are short; looking further would make a run of `&` quadratic.
    const LONGEST_ENTITY: usize = 10;
    let window = &text.as_bytes()[..text.len().min(LONGEST_ENTITY)];
    let semi = window.iter().position(|&b| b == b';')?;
    let name = &text[1..semi];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}

/// Trims each line's end and keeps at most one blank line in a row.
fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line.trim_start_matches(' '));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlook_and_from_sent_headers_are_cut() {
        let body = "Please call me.\n-----Original Message-----\nFrom: Shop\nold";
        assert_eq!(strip_quoted(body), "Please call me.");
        let body = "Any news?\n\nFrom: Shop Support <help@shop.example>\nSent: Monday\nold";
        assert_eq!(strip_quoted(body), "Any news?");
        let body = "From: my other address, as you asked.";
        assert_eq!(strip_quoted(body), body);
    }

    #[test]
    fn odd_html_never_panics() {
        for html in [
            "<",
            "&",
            "&#xZZ;",
            "<blockquote>",
            "a</div>b",
            "&#1114112;",
            "é<br/>&#233;",
        ] {
            let _ = html_to_text(html);
        }
        assert_eq!(html_to_text("a &foo; b"), "a &foo; b");
        assert_eq!(html_to_text("é<br/>&#233;"), "é\né");
        assert_eq!(
            html_to_text("<p>x</p><blockquote>old<blockquote>older</blockquote></blockquote>y"),
            "x\ny"
        );
    }
}
