//! Header (mode, account, profile, Region), breadcrumbs and the footer line.

use crate::action::Command;
use crate::app::App;
use crate::backend::{ErrorKind, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// One line: mode, READ-ONLY, account, profile and Region on the left; the failed copies of
/// the Region on the right. When it does not fit, the Region's name goes first, then the
/// count's wording (never the count itself).
pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let mode_style = match app.account.mode {
        Mode::Demo => theme.mode_demo,
        Mode::Aws => theme.mode_aws,
    };
    let account = match app.identity_failure {
        _ if !app.account.account_id.is_empty() => app.account.account_id.clone(),
        Some(kind) => format!("? ({})", unknown_account_reason(kind)),
        None => "…".to_string(),
    };
    // Keys in the environment win over any profile (unless --profile was given): naming the
    // profile then would point the operator at the wrong credentials.
    let credentials = if app.account.env_keys {
        "env keys".to_string()
    } else {
        format!("profile {}", app.account.profile)
    };
    let mut spans = vec![Span::styled(
        format!(" {} ", app.account.mode.label()),
        mode_style,
    )];
    if app.account.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.error));
    }
    let place = format!(" acct {account}  {credentials}  {}", app.region);
    let failed = app.failed_copies().filter(|&n| n > 0);
    let width = area.width as usize;
    let used = spans.iter().map(|s| s.width()).sum::<usize>() + place.width();
    let count = failed.map(|n| failed_copies_label(n, width.saturating_sub(used + 2)));
    let room = width.saturating_sub(used + count.as_ref().map_or(0, |c| c.width() + 1));
    let name = format!(" {} ", app.region_name());
    let place = if name.width() <= room {
        place + &name
    } else {
        place + " "
    };
    spans.push(Span::raw(place));
    if let Some(count) = count {
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::raw(
            " ".repeat(width.saturating_sub(used + count.width())),
        ));
        spans.push(Span::styled(count, theme.error));
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line).style(theme.header), area);
}

/// Why GetCallerIdentity failed, in a word or two: `acct ? (denied)`. The footer notice
/// that came with the failure holds the whole message.
fn unknown_account_reason(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::AccessDenied => "denied",
        ErrorKind::Network => "no network",
        ErrorKind::Timeout => "timed out",
        ErrorKind::Auth => "not signed in",
        ErrorKind::ExpiredCredentials => "expired",
        ErrorKind::Throttled => "throttled",
        ErrorKind::NotImplemented => "no STS",
        ErrorKind::Service
        | ErrorKind::NotFound
        | ErrorKind::InvalidInput
        | ErrorKind::ReadOnly => "error",
    }
}

/// `! 2 failed copies ` when there is room for it, else `! 2 failed `, else `!2 `.
fn failed_copies_label(n: usize, room: usize) -> String {
    let noun = if n == 1 { "copy" } else { "copies" };
    [
        format!("! {n} failed {noun} "),
        format!("! {n} failed "),
        format!("!{n} "),
    ]
    .into_iter()
    .find(|label| label.width() <= room)
    .unwrap_or_else(|| format!("!{n}"))
}

pub fn breadcrumbs(frame: &mut Frame, area: Rect, app: &App) {
    let full = app.crumbs().join(" > ");
    let width = area.width as usize;
    let count = full.chars().count();
    // Keep the end of the trail (where the user is) when it does not fit.
    let shown = if count + 1 > width {
        let skip = count + 2 - width;
        format!("…{}", full.chars().skip(skip).collect::<String>())
    } else {
        format!(" {full}")
    };
    frame.render_widget(
        Paragraph::new(Span::styled(shown, app.theme.breadcrumb)),
        area,
    );
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let line = if app.filter_input.is_some() {
        let text = app
            .top()
            .and_then(|s| s.list())
            .map(|l| l.filter().to_string())
            .unwrap_or_default();
        Line::from(vec![
            Span::styled("/", theme.key),
            Span::styled(text, theme.input),
            Span::styled("_", theme.key),
            Span::styled("  enter keep  esc cancel", theme.muted),
        ])
    } else if let Some(notice) = &app.notice {
        let style = if notice.is_error {
            theme.error
        } else {
            theme.info
        };
        let key = app
            .keymap
            .key_for(&[], Command::Messages)
            .map(|k| k.to_string())
            .unwrap_or_else(|| ":messages".to_string());
        Line::from(summary(
            &notice.text,
            area.width as usize,
            &key,
            style,
            theme,
        ))
    } else {
        let contexts = app.top().map(|s| s.key_contexts()).unwrap_or(&[]);
        let screen_hints = app.top().map(|s| s.hints()).unwrap_or(&[]);
        let quit = if app.depth() > 1 {
            Command::Back
        } else {
            Command::Quit
        };
        let mut spans = Vec::new();
        for &cmd in screen_hints
            .iter()
            .chain([Command::Palette, Command::Help, quit].iter())
        {
            if let Some(key) = app.keymap.key_for(contexts, cmd) {
                spans.push(Span::styled(key.to_string(), theme.key));
                spans.push(Span::styled(format!(" {}  ", cmd.hint()), theme.muted));
            }
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A notice on one line: whole when it fits, else cut with the way to read the rest.
fn summary(
    text: &str,
    width: usize,
    key: &str,
    style: ratatui::style::Style,
    theme: &crate::theme::Theme,
) -> Vec<Span<'static>> {
    if text.width() <= width {
        return vec![Span::styled(text.to_string(), style)];
    }
    let more = format!("… {key}: read all");
    let room = width.saturating_sub(more.width());
    let mut cut = String::new();
    for c in text.chars() {
        if cut.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > room {
            break;
        }
        cut.push(c);
    }
    vec![Span::styled(cut, style), Span::styled(more, theme.key)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::backend::{AccountInfo, BackendError};
    use crate::effect::{Effect, Query};
    use crate::keymap::Keymap;
    use crate::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// An app against AWS whose account id is not known yet, and its identity request.
    fn aws_app(env_keys: bool) -> (App, u64) {
        let account = AccountInfo {
            mode: Mode::Aws,
            account_id: String::new(),
            profile: "default".into(),
            env_keys,
            read_only: false,
        };
        let (app, effects) = App::new(
            account,
            "us-east-1".into(),
            Keymap::defaults(),
            Theme::ansi16(),
            crate::backend::mock::demo_session("test"),
        );
        let req = effects
            .iter()
            .find_map(|e| match e {
                Effect::Load {
                    req,
                    query: Query::Identity,
                } => Some(*req),
                _ => None,
            })
            .expect("the account id is asked for");
        (app, req)
    }

    /// The header line at 80 columns.
    fn header_text(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 1)).expect("terminal");
        terminal.draw(|f| header(f, f.area(), app)).expect("draw");
        let buffer = terminal.backend().buffer();
        buffer.content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn keys_from_the_environment_are_named_instead_of_the_profile() {
        let (app, _) = aws_app(true);
        let text = header_text(&app);
        assert!(text.contains("acct …  env keys  us-east-1"), "{text}");
        assert!(!text.contains("profile"), "{text}");
        let (app, _) = aws_app(false);
        assert!(header_text(&app).contains("profile default"));
    }

    #[test]
    fn a_failed_identity_says_why_the_account_is_unknown_until_a_reload_asks_again() {
        for (kind, shown) in [
            (ErrorKind::AccessDenied, "acct ? (denied)"),
            (ErrorKind::Network, "acct ? (no network)"),
            (ErrorKind::Timeout, "acct ? (timed out)"),
            (ErrorKind::ExpiredCredentials, "acct ? (expired)"),
        ] {
            let (mut app, req) = aws_app(false);
            app.update(Action::LoadFailed {
                req,
                error: BackendError::new(kind, "GetCallerIdentity failed"),
            });
            let text = header_text(&app);
            assert!(text.contains(shown), "{kind:?}: {text}");
            // A reload asks again, and the header waits for the answer.
            let effects = app.update(Action::Command(Command::Refresh));
            assert!(
                effects.iter().any(|e| matches!(
                    e,
                    Effect::Load {
                        query: Query::Identity,
                        ..
                    }
                )),
                "{kind:?}: {effects:?}"
            );
            assert!(header_text(&app).contains("acct …"), "{kind:?}");
        }
    }

    #[test]
    fn a_notice_too_long_for_the_footer_says_so_and_how_to_read_it() {
        let theme = crate::theme::Theme::monochrome();
        let style = theme.error;
        let short = summary("Copied.", 80, "m", style, &theme);
        assert_eq!(short.len(), 1);
        let long = "x".repeat(200);
        let spans = summary(&long, 80, "m", style, &theme);
        let line: String = spans.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(line.width(), 80);
        assert!(line.ends_with("… m: read all"), "{line}");
    }
}
