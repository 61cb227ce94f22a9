//! The S3 Control endpoint for a local emulator. S3 Control puts the account id in front of
//! the host (`https://123456789012.example.com`), which cannot resolve for `127.0.0.1` or
//! `localhost`: for such a custom endpoint the request goes to the host as given.

use aws_sdk_s3control::config::endpoint::{
    DefaultResolver, EndpointFuture, Params, ResolveEndpoint,
};

/// S3 Control's own resolver, except that a custom endpoint on an IP address or `localhost`
/// keeps its host. A custom DNS name (a wildcard record, a VPC endpoint) keeps the prefix,
/// as AWS expects; the signing rules and headers of the resolved endpoint are kept either way.
#[derive(Debug, Default)]
pub struct ControlEndpoint {
    default: DefaultResolver,
}

impl ResolveEndpoint for ControlEndpoint {
    fn resolve_endpoint<'a>(&'a self, params: &'a Params) -> EndpointFuture<'a> {
        let resolved = self.default.resolve_endpoint(params);
        match params.endpoint().filter(|url| is_local(url)) {
            None => resolved,
            Some(url) => EndpointFuture::new(async move {
                Ok(resolved.await?.into_builder().url(url.to_string()).build())
            }),
        }
    }
}

/// Whether `url`'s host is an IP address or `localhost`, where no account prefix resolves.
pub fn is_local(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = match authority.strip_prefix('[') {
        // [::1]:port
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn resolve(endpoint: Option<&str>) -> String {
        let mut params = Params::builder()
            .region("eu-central-1")
            .account_id("123456789012")
            .requires_account_id(true)
            .use_fips(false)
            .use_dual_stack(false);
        if let Some(url) = endpoint {
            params = params.endpoint(url);
        }
        let params = params.build().expect("valid params");
        ControlEndpoint::default()
            .resolve_endpoint(&params)
            .await
            .expect("an endpoint")
            .url()
            .to_string()
    }

    #[tokio::test]
    async fn a_local_endpoint_keeps_its_host() {
        assert_eq!(
            resolve(Some("http://127.0.0.1:5000")).await,
            "http://127.0.0.1:5000"
        );
        assert_eq!(
            resolve(Some("http://localhost:4566")).await,
            "http://localhost:4566"
        );
    }

    #[tokio::test]
    async fn aws_and_named_endpoints_keep_the_account_prefix() {
        assert_eq!(
            resolve(None).await,
            "https://123456789012.s3-control.eu-central-1.amazonaws.com"
        );
        assert_eq!(
            resolve(Some("https://example.com")).await,
            "https://123456789012.example.com"
        );
    }

    #[test]
    fn local_hosts_are_ip_addresses_and_localhost() {
        assert!(is_local("http://127.0.0.1:5000"));
        assert!(is_local("http://[::1]:5000/path"));
        assert!(is_local("http://LOCALHOST"));
        assert!(!is_local("https://example.com"));
        assert!(!is_local("https://127.0.0.1.nip.io:5000"));
    }
}
