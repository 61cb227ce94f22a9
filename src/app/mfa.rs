//! The MFA code prompt: typing the 6-digit code a role with `mfa_serial` asks for.

use super::{App, Overlay};
use crate::backend::MfaReply;
use crate::effect::{Effect, OneTimeCode};
use crossterm::event::{KeyCode, KeyEvent};

/// The MFA code being typed, for the role of `profile`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaPrompt {
    pub profile: String,
    pub serial: String,
    pub code: String,
    pub error: Option<String>,
    pub(super) reply: MfaReply,
}

impl App {
    /// Keys while the MFA prompt is open: digits, backspace, enter (send), esc (decline).
    pub(super) fn mfa_key(&mut self, key: &KeyEvent, effects: &mut Vec<Effect>) {
        let Overlay::Mfa(prompt) = &mut self.overlay else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                effects.push(Effect::AnswerMfa {
                    reply: prompt.reply.clone(),
                    code: None,
                });
                self.declined_mfa = Some(prompt.reply.clone());
                self.overlay = Overlay::None;
                self.notify(
                    "No MFA code given: AWS calls fail until you press r and enter one.".into(),
                    true,
                );
            }
            KeyCode::Enter => {
                if prompt.code.len() == 6 {
                    effects.push(Effect::AnswerMfa {
                        reply: prompt.reply.clone(),
                        code: Some(OneTimeCode(prompt.code.clone())),
                    });
                    self.overlay = Overlay::None;
                } else {
                    prompt.error = Some("An MFA code is 6 digits.".into());
                }
            }
            KeyCode::Backspace => {
                prompt.code.pop();
                prompt.error = None;
            }
            KeyCode::Char(c) if c.is_ascii_digit() && prompt.code.len() < 6 => {
                prompt.code.push(c);
                prompt.error = None;
            }
            // Say which key was refused and why: a silently ignored key reads as a broken prompt.
            KeyCode::Char(c) if c.is_ascii_digit() => {
                prompt.error = Some(
                    "The MFA code is 6 digits and all 6 are typed: press enter to send it.".into(),
                )
            }
            KeyCode::Char(c) => {
                prompt.error = Some(format!("The MFA code is 6 digits; '{c}' is not a digit."))
            }
            _ => {}
        }
    }
}
