//! AWS Regions: the list a user may switch to, with the console's display names.

/// A commercial AWS Region the tool knows by code and display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
}

/// Regions in the console's order. A code outside this list is rejected with a suggestion.
pub const REGIONS: &[Region] = &[
    Region {
        code: "us-east-1",
        name: "US East (N. Virginia)",
    },
    Region {
        code: "us-east-2",
        name: "US East (Ohio)",
    },
    Region {
        code: "us-west-1",
        name: "US West (N. California)",
    },
    Region {
        code: "us-west-2",
        name: "US West (Oregon)",
    },
    Region {
        code: "af-south-1",
        name: "Africa (Cape Town)",
    },
    Region {
        code: "ap-east-1",
        name: "Asia Pacific (Hong Kong)",
    },
    Region {
        code: "ap-south-1",
        name: "Asia Pacific (Mumbai)",
    },
    Region {
        code: "ap-northeast-1",
        name: "Asia Pacific (Tokyo)",
    },
    Region {
        code: "ap-northeast-2",
        name: "Asia Pacific (Seoul)",
    },
    Region {
        code: "ap-northeast-3",
        name: "Asia Pacific (Osaka)",
    },
    Region {
        code: "ap-southeast-1",
        name: "Asia Pacific (Singapore)",
    },
    Region {
        code: "ap-southeast-2",
        name: "Asia Pacific (Sydney)",
    },
    Region {
        code: "ca-central-1",
        name: "Canada (Central)",
    },
    Region {
        code: "eu-central-1",
        name: "Europe (Frankfurt)",
    },
    Region {
        code: "eu-central-2",
        name: "Europe (Zurich)",
    },
    Region {
        code: "eu-west-1",
        name: "Europe (Ireland)",
    },
    Region {
        code: "eu-west-2",
        name: "Europe (London)",
    },
    Region {
        code: "eu-west-3",
        name: "Europe (Paris)",
    },
    Region {
        code: "eu-south-1",
        name: "Europe (Milan)",
    },
    Region {
        code: "eu-north-1",
        name: "Europe (Stockholm)",
    },
    Region {
        code: "me-south-1",
        name: "Middle East (Bahrain)",
    },
    Region {
        code: "me-central-1",
        name: "Middle East (UAE)",
    },
    Region {
        code: "sa-east-1",
        name: "South America (São Paulo)",
    },
];

impl Region {
    /// Looks a region up by its code (`us-west-2`), ignoring case and surrounding spaces.
    pub fn by_code(code: &str) -> Option<Region> {
        let code = code.trim();
        REGIONS
            .iter()
            .copied()
            .find(|r| r.code.eq_ignore_ascii_case(code))
    }

    /// Region codes starting with `prefix`, for completion in the command palette.
    pub fn completions(prefix: &str) -> impl Iterator<Item = &'static str> + '_ {
        REGIONS
            .iter()
            .map(|r| r.code)
            .filter(move |c| c.starts_with(prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_regions_by_code() {
        assert_eq!(
            Region::by_code(" US-WEST-2 ").map(|r| r.name),
            Some("US West (Oregon)")
        );
        assert!(Region::by_code("us-west-9").is_none());
    }

    #[test]
    fn completes_region_codes() {
        let eu: Vec<_> = Region::completions("eu-c").collect();
        assert_eq!(eu, vec!["eu-central-1", "eu-central-2"]);
    }
}
