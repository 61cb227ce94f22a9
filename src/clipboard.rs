//! Copy to the clipboard with OSC 52: the terminal does it, so it works over SSH and in tmux.

/// What stands between the program and the terminal, which decides how OSC 52 is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    /// A terminal (local or over SSH) that reads OSC 52 itself.
    None,
    /// tmux (`TMUX` is set).
    Tmux,
    /// GNU screen (`STY` is set).
    Screen,
}

impl Multiplexer {
    /// From the variables tmux (`TMUX`) and screen (`STY`) set for the programs they run.
    pub fn detect(tmux: bool, screen: bool) -> Multiplexer {
        match (tmux, screen) {
            (true, _) => Multiplexer::Tmux,
            (false, true) => Multiplexer::Screen,
            (false, false) => Multiplexer::None,
        }
    }
}

/// The escape sequence that puts `text` on the clipboard, for what the program runs under.
///
/// tmux gets the plain sequence: with `set -g set-clipboard on` tmux reads OSC 52 itself, puts
/// the text in its paste buffer and forwards it to every terminal attached (over SSH too).
/// tmux's DCS passthrough (`\ePtmux;…`) is not used: it needs `allow-passthrough on` (off
/// by default since tmux 3.3), skips tmux's buffer, and with passthrough off tmux drops it,
/// so "Copied" would be shown while nothing arrives.
/// screen does not read OSC 52: only its passthrough (`\eP…\e\\`) reaches the terminal, and
/// screen limits one such string to 768 bytes, so the sequence is sent in 76-byte pieces,
/// each in its own passthrough (the terminal sees them joined).
pub fn osc52(text: &str, via: Multiplexer) -> String {
    let encoded = base64(text.as_bytes());
    match via {
        Multiplexer::None | Multiplexer::Tmux => format!("\x1b]52;c;{encoded}\x07"),
        Multiplexer::Screen => {
            let sequence = format!("\x1b]52;c;{encoded}\x07");
            let mut out = String::with_capacity(sequence.len() * 2);
            // The sequence is ASCII (ESC, digits, base64, BEL), so byte chunks are characters.
            for chunk in sequence.as_bytes().chunks(76) {
                out.push_str("\x1bP");
                out.push_str(&String::from_utf8_lossy(chunk));
                out.push_str("\x1b\\");
            }
            out
        }
    }
}

/// Standard base64 with padding (RFC 4648): small enough not to need a crate.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn a_terminal_and_tmux_get_the_plain_sequence() {
        assert_eq!(osc52("hi", Multiplexer::None), "\x1b]52;c;aGk=\x07");
        // tmux with set-clipboard on takes OSC 52 itself; a passthrough wrapper would need
        // allow-passthrough and bypass tmux's buffer.
        assert_eq!(osc52("hi", Multiplexer::Tmux), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn screen_gets_the_sequence_in_passthrough_pieces_it_accepts() {
        assert_eq!(
            osc52("hi", Multiplexer::Screen),
            "\x1bP\x1b]52;c;aGk=\x07\x1b\\"
        );
        let long = "aws backup start-restore-job ".repeat(20);
        let wrapped = osc52(&long, Multiplexer::Screen);
        let pieces: Vec<&str> = wrapped
            .split("\x1b\\")
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.strip_prefix("\x1bP")
                    .expect("each piece opens a passthrough")
            })
            .collect();
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.len() <= 76), "screen's limit");
        assert_eq!(pieces.concat(), osc52(&long, Multiplexer::None));
    }

    #[test]
    fn tmux_wins_over_screen_and_nothing_means_a_terminal() {
        assert_eq!(Multiplexer::detect(true, true), Multiplexer::Tmux);
        assert_eq!(Multiplexer::detect(false, true), Multiplexer::Screen);
        assert_eq!(Multiplexer::detect(false, false), Multiplexer::None);
    }
}
