//! The `:` command palette: parsing, completion and suggestions (pure).

use crate::domain::Region;

/// Top-level sections of the navigation pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Resources,
    Vaults,
    Jobs(JobTab),
    /// S3 buckets of the Region (restore destinations).
    Buckets,
    /// Backup plans of the Region, their rules and copy rules.
    Plans,
    /// Settings: the Region's service opt-in.
    Settings,
    /// S3 Batch Operations jobs of the Region (Batch Replication).
    Batch,
}

/// The tabs of the Jobs screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JobTab {
    #[default]
    Backup,
    Restore,
    Copy,
}

impl JobTab {
    pub const ALL: [JobTab; 3] = [JobTab::Backup, JobTab::Restore, JobTab::Copy];

    pub fn label(self) -> &'static str {
        match self {
            JobTab::Backup => "Backup jobs",
            JobTab::Restore => "Restore jobs",
            JobTab::Copy => "Copy jobs",
        }
    }

    pub fn shifted(self, by: isize) -> JobTab {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0) as isize;
        Self::ALL[(i + by).rem_euclid(Self::ALL.len() as isize) as usize]
    }
}

/// What a palette line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteCommand {
    Go(Section),
    Region(Region),
    Help,
    Messages,
    Quit,
}

/// The palette's commands with their aliases and a one-line description.
pub const COMMANDS: &[(&str, &[&str], &str)] = &[
    (
        "resources",
        &["res", "protected", "pr"],
        "Protected resources",
    ),
    ("vaults", &["vault", "v"], "Backup vaults"),
    ("jobs", &["job"], "Backup, restore and copy jobs"),
    ("backup-jobs", &["bj"], "Backup jobs"),
    ("restore-jobs", &["rj"], "Restore jobs"),
    ("copy-jobs", &["cj"], "Copy jobs"),
    (
        "buckets",
        &["bucket", "s3"],
        "S3 buckets: restore destinations",
    ),
    (
        "plans",
        &["plan", "bp"],
        "Backup plans: rules, copy rules, create",
    ),
    (
        "settings",
        &["opt-in", "optin", "services"],
        "Service opt-in of the Region",
    ),
    (
        "batch",
        &["batch-jobs", "s3-batch"],
        "S3 Batch Operations jobs (Batch Replication)",
    ),
    ("region", &["reg"], "Switch Region: region CODE"),
    ("help", &["h"], "Key bindings"),
    (
        "messages",
        &["msg", "errors", "log"],
        "Notices and errors of this run, in full",
    ),
    ("quit", &["q", "exit"], "Quit backup-tui"),
];

/// The section a `--screen` name opens: a palette command that goes somewhere.
pub fn section_named(name: &str) -> Result<Section, String> {
    let sections = "resources, vaults, jobs, backup-jobs, restore-jobs, copy-jobs, buckets, \
                    plans, settings, batch";
    match parse(name) {
        Ok(PaletteCommand::Go(section)) if !name.contains(char::is_whitespace) => Ok(section),
        _ => Err(format!("unknown screen `{name}`: use one of {sections}")),
    }
}

/// Parses a palette line (without the leading `:`).
pub fn parse(line: &str) -> Result<PaletteCommand, String> {
    let mut words = line.split_whitespace();
    let Some(word) = words.next() else {
        return Err(
            "Type a command, e.g. resources, vaults, jobs, plans, settings, region us-west-2"
                .into(),
        );
    };
    let word = word.to_ascii_lowercase();
    let name = COMMANDS
        .iter()
        .find(|(name, aliases, _)| *name == word || aliases.contains(&word.as_str()))
        .map(|(name, _, _)| *name)
        .ok_or_else(|| {
            format!(
                "Unknown command `{word}`. Try resources, vaults, jobs, plans, settings, region CODE, help"
            )
        })?;
    let arg = words.next();
    if words.next().is_some() {
        return Err(format!("`{name}` takes at most one argument"));
    }
    let no_arg = |cmd: PaletteCommand| match arg {
        None => Ok(cmd),
        Some(a) => Err(format!("`{name}` takes no argument (got `{a}`)")),
    };
    match name {
        "resources" => no_arg(PaletteCommand::Go(Section::Resources)),
        "vaults" => no_arg(PaletteCommand::Go(Section::Vaults)),
        "jobs" => match arg.map(str::to_ascii_lowercase).as_deref() {
            None | Some("backup") => Ok(PaletteCommand::Go(Section::Jobs(JobTab::Backup))),
            Some("restore") => Ok(PaletteCommand::Go(Section::Jobs(JobTab::Restore))),
            Some("copy") => Ok(PaletteCommand::Go(Section::Jobs(JobTab::Copy))),
            Some(other) => Err(format!(
                "Unknown job type `{other}`: use backup, restore or copy"
            )),
        },
        "backup-jobs" => no_arg(PaletteCommand::Go(Section::Jobs(JobTab::Backup))),
        "restore-jobs" => no_arg(PaletteCommand::Go(Section::Jobs(JobTab::Restore))),
        "copy-jobs" => no_arg(PaletteCommand::Go(Section::Jobs(JobTab::Copy))),
        "buckets" => no_arg(PaletteCommand::Go(Section::Buckets)),
        "plans" => no_arg(PaletteCommand::Go(Section::Plans)),
        "settings" => no_arg(PaletteCommand::Go(Section::Settings)),
        "batch" => no_arg(PaletteCommand::Go(Section::Batch)),
        "region" => {
            let code = arg.ok_or("Which Region? e.g. region us-west-2")?;
            Region::by_code(code)
                .map(PaletteCommand::Region)
                .ok_or_else(|| {
                    // Suggest the Regions sharing the longest prefix with what was typed.
                    let lower = code.to_ascii_lowercase();
                    let close: Vec<_> = (2..=lower.len())
                        .rev()
                        .filter_map(|n| lower.get(..n))
                        .map(|prefix| Region::completions(prefix).take(4).collect::<Vec<_>>())
                        .find(|found| !found.is_empty())
                        .unwrap_or_default();
                    if close.is_empty() {
                        format!("Unknown Region `{code}`")
                    } else {
                        format!(
                            "Unknown Region `{code}`. Did you mean {}?",
                            close.join(", ")
                        )
                    }
                })
        }
        "help" => no_arg(PaletteCommand::Help),
        "messages" => no_arg(PaletteCommand::Messages),
        _ => no_arg(PaletteCommand::Quit),
    }
}

/// Completions for what is typed so far: command names, or Region codes after `region `.
pub fn suggestions(line: &str) -> Vec<String> {
    let lower = line.trim_start().to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("region ")
        .or_else(|| lower.strip_prefix("reg "))
    {
        return Region::completions(rest.trim())
            .map(|code| format!("region {code}"))
            .collect();
    }
    COMMANDS
        .iter()
        .filter(|(name, _, _)| name.starts_with(lower.as_str()))
        .map(|(name, _, _)| name.to_string())
        .collect()
}

/// The palette's editable state; the typed text survives an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    pub text: String,
    pub error: Option<String>,
}

impl Palette {
    /// Completes to the first suggestion (Tab).
    pub fn complete(&mut self) {
        if let Some(first) = suggestions(&self.text).into_iter().next() {
            self.text = if first.starts_with("region") && !first.contains(' ') {
                "region ".to_string()
            } else {
                first
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_and_aliases() {
        assert_eq!(
            parse("resources"),
            Ok(PaletteCommand::Go(Section::Resources))
        );
        assert_eq!(parse(" v "), Ok(PaletteCommand::Go(Section::Vaults)));
        assert_eq!(
            parse("jobs copy"),
            Ok(PaletteCommand::Go(Section::Jobs(JobTab::Copy)))
        );
        assert_eq!(
            parse("restore-jobs"),
            Ok(PaletteCommand::Go(Section::Jobs(JobTab::Restore)))
        );
        assert_eq!(parse("q"), Ok(PaletteCommand::Quit));
        assert_eq!(parse("buckets"), Ok(PaletteCommand::Go(Section::Buckets)));
        assert_eq!(parse("S3"), Ok(PaletteCommand::Go(Section::Buckets)));
        assert_eq!(parse("plans"), Ok(PaletteCommand::Go(Section::Plans)));
        assert_eq!(parse("settings"), Ok(PaletteCommand::Go(Section::Settings)));
        assert_eq!(parse("opt-in"), Ok(PaletteCommand::Go(Section::Settings)));
        assert_eq!(parse("batch"), Ok(PaletteCommand::Go(Section::Batch)));
        assert_eq!(
            parse("copy-jobs"),
            Ok(PaletteCommand::Go(Section::Jobs(JobTab::Copy)))
        );
        assert!(parse("s3 us-west-2").is_err());
        let west = Region::by_code("us-west-2").expect("known");
        assert_eq!(parse("region us-west-2"), Ok(PaletteCommand::Region(west)));
    }

    #[test]
    fn errors_explain_what_to_type() {
        assert!(parse("").is_err());
        assert!(
            parse("vaultz")
                .expect_err("unknown")
                .contains("Unknown command `vaultz`")
        );
        assert!(
            parse("region")
                .expect_err("no code")
                .contains("Which Region")
        );
        let e = parse("region us-west-9").expect_err("bad code");
        assert!(e.ends_with("Did you mean us-west-1, us-west-2?"), "{e}");
        // Non-ASCII input must not be cut inside a character.
        assert!(parse("region ééé").is_err());
        assert!(parse("vaults now").is_err());
    }

    #[test]
    fn suggests_and_completes() {
        assert_eq!(
            suggestions("re"),
            vec!["resources", "restore-jobs", "region"]
        );
        assert_eq!(suggestions("region ca"), vec!["region ca-central-1"]);
        let mut p = Palette {
            text: "vau".into(),
            error: None,
        };
        p.complete();
        assert_eq!(p.text, "vaults");
        assert_eq!(suggestions("b"), vec!["backup-jobs", "buckets", "batch"]);
        let mut p = Palette {
            text: "bu".into(),
            error: None,
        };
        p.complete();
        assert_eq!(p.text, "buckets");
        let mut p = Palette {
            text: "region eu-c".into(),
            error: None,
        };
        p.complete();
        assert_eq!(p.text, "region eu-central-1");
    }

    #[test]
    fn job_tabs_wrap() {
        assert_eq!(JobTab::Backup.shifted(-1), JobTab::Copy);
        assert_eq!(JobTab::Copy.shifted(1), JobTab::Backup);
    }
}
