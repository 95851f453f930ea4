//! Endpoint resolution, following the service's rule set (`endpoint-rule-set-1.json`).
//!
//! The service lives only on dual-stack host names, so the rule set has no dual-stack
//! parameter: each partition contributes its `dualStackDnsSuffix`.

use crate::custom_endpoint::{is_loopback_authority, parse_custom_endpoint};
use crate::error::ClientError;
use crate::model::SIGNING_NAME;

/// The rule set's parameters.
#[derive(Clone, Debug, Default)]
pub struct EndpointParams<'a> {
    /// `Region`.
    pub region: Option<&'a str>,
    /// `UseFIPS`.
    pub use_fips: bool,
    /// `Endpoint`: a custom endpoint URL.
    pub endpoint: Option<&'a str>,
}

/// A resolved endpoint: scheme, authority and any path prefix, with no trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The URL that operation paths are appended to.
    pub url: String,
}

impl Endpoint {
    /// Refuses plain `http://` unless the host is this machine or the caller opted in: over
    /// http, the session token and the signed request travel in the clear.
    pub fn check_transport_security(&self, allow_insecure: bool) -> Result<(), ClientError> {
        let Some(rest) = self.url.strip_prefix("http://") else {
            return Ok(());
        };
        let authority = rest.split('/').next().unwrap_or(rest);
        if allow_insecure || is_loopback_authority(authority) {
            return Ok(());
        }
        Err(ClientError::configuration(
            "endpoint",
            "endpoint uses plain http to a host other than this machine; use https, or set \
             allowInsecureEndpoint: true to send credentials-signed requests unencrypted",
        ))
    }
}

/// One AWS partition: how its regions are recognised and its dual-stack DNS suffix.
struct Partition {
    /// Region names the partition lists outright (the global pseudo-regions).
    regions: &'static [&'static str],
    /// The prefix of `regionRegex`, which always has the shape `^PREFIX-\w+-\d+$`.
    region_prefixes: &'static [&'static str],
    /// `dualStackDnsSuffix`.
    dual_stack_dns_suffix: &'static str,
}

/// The partitions of the AWS SDKs' `partitions.json`, reduced to what this rule set reads.
/// The first one, `aws`, is also the fallback for a region that matches no partition.
const PARTITIONS: &[Partition] = &[
    Partition {
        regions: &["aws-global"],
        region_prefixes: &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
        dual_stack_dns_suffix: "api.aws",
    },
    Partition {
        regions: &["aws-cn-global"],
        region_prefixes: &["cn"],
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
    },
    Partition {
        regions: &["aws-us-gov-global"],
        region_prefixes: &["us-gov"],
        dual_stack_dns_suffix: "api.aws",
    },
    Partition {
        regions: &["aws-iso-global"],
        region_prefixes: &["us-iso"],
        dual_stack_dns_suffix: "api.aws.ic.gov",
    },
    Partition {
        regions: &["aws-iso-b-global"],
        region_prefixes: &["us-isob"],
        dual_stack_dns_suffix: "api.aws.scloud",
    },
    Partition {
        regions: &["aws-iso-e-global"],
        region_prefixes: &["eu-isoe"],
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
    },
    Partition {
        regions: &["aws-iso-f-global"],
        region_prefixes: &["us-isof"],
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
    },
    Partition {
        regions: &[],
        region_prefixes: &["eusc-de"],
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
    },
];

/// Resolves the endpoint for these parameters, or the rule set's error.
pub fn resolve_endpoint(params: &EndpointParams<'_>) -> Result<Endpoint, ClientError> {
    if let Some(custom) = params.endpoint {
        if params.use_fips {
            return Err(ClientError::configuration(
                "endpoint",
                "Invalid Configuration: FIPS and custom endpoint are not supported",
            ));
        }
        return parse_custom_endpoint(custom);
    }

    let Some(region) = params.region else {
        return Err(ClientError::configuration(
            "region",
            "Invalid Configuration: Missing Region",
        ));
    };
    let fips = if params.use_fips { "-fips" } else { "" };
    let suffix = partition_of(region).dual_stack_dns_suffix;
    Ok(Endpoint {
        url: format!("https://{SIGNING_NAME}{fips}.{region}.{suffix}"),
    })
}

/// The `aws.partition` function: a listed region first, then the region patterns, then `aws`.
fn partition_of(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|partition| partition.regions.contains(&region))
        .or_else(|| {
            PARTITIONS.iter().find(|partition| {
                partition
                    .region_prefixes
                    .iter()
                    .any(|prefix| matches_region_pattern(region, prefix))
            })
        })
        .unwrap_or(&PARTITIONS[0])
}

/// Matches `^PREFIX-\w+-\d+$`, the shape of every partition's `regionRegex`.
fn matches_region_pattern(region: &str, prefix: &str) -> bool {
    let Some(rest) = region
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
    else {
        return false;
    };
    let Some((word, digits)) = rest.rsplit_once('-') else {
        return false;
    };
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    !word.is_empty()
        && word.bytes().all(is_word)
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The official cases, read from the file the SDKs ship (`tests/data/README.md`).
    #[test]
    fn official_endpoint_tests_pass() {
        let text = include_str!("../tests/data/endpoint-tests-1.json");
        let document: serde_json::Value = serde_json::from_str(text).unwrap();
        let cases = document["testCases"].as_array().unwrap();
        assert_eq!(cases.len(), 9);
        for case in cases {
            let params = &case["params"];
            let resolved = resolve_endpoint(&EndpointParams {
                region: params["Region"].as_str(),
                use_fips: params["UseFIPS"].as_bool().unwrap_or(false),
                endpoint: params["Endpoint"].as_str(),
            });
            let expect = &case["expect"];
            let name = case["documentation"].as_str().unwrap();
            match (resolved, expect["endpoint"]["url"].as_str()) {
                (Ok(endpoint), Some(url)) => assert_eq!(endpoint.url, url, "{name}"),
                (Err(error), None) => {
                    assert_eq!(error.message, expect["error"].as_str().unwrap(), "{name}")
                }
                (outcome, _) => panic!("{name}: unexpected {outcome:?}"),
            }
        }
    }

    fn url_for(region: &str, use_fips: bool) -> String {
        let params = EndpointParams {
            region: Some(region),
            use_fips,
            endpoint: None,
        };
        resolve_endpoint(&params).unwrap().url
    }

    #[test]
    fn every_partition_has_its_dual_stack_suffix() {
        let cases = [
            ("us-west-2", "https://gameliftstreams.us-west-2.api.aws"),
            (
                "il-central-1",
                "https://gameliftstreams.il-central-1.api.aws",
            ),
            (
                "mx-central-1",
                "https://gameliftstreams.mx-central-1.api.aws",
            ),
            (
                "cn-north-1",
                "https://gameliftstreams.cn-north-1.api.amazonwebservices.com.cn",
            ),
            (
                "us-gov-east-1",
                "https://gameliftstreams.us-gov-east-1.api.aws",
            ),
            (
                "us-iso-east-1",
                "https://gameliftstreams.us-iso-east-1.api.aws.ic.gov",
            ),
            (
                "us-isob-east-1",
                "https://gameliftstreams.us-isob-east-1.api.aws.scloud",
            ),
            (
                "eu-isoe-west-1",
                "https://gameliftstreams.eu-isoe-west-1.api.cloud-aws.adc-e.uk",
            ),
            (
                "us-isof-south-1",
                "https://gameliftstreams.us-isof-south-1.api.aws.hci.ic.gov",
            ),
            (
                "eusc-de-east-1",
                "https://gameliftstreams.eusc-de-east-1.api.amazonwebservices.eu",
            ),
            (
                "aws-cn-global",
                "https://gameliftstreams.aws-cn-global.api.amazonwebservices.com.cn",
            ),
            ("mars-east-1", "https://gameliftstreams.mars-east-1.api.aws"),
        ];
        for (region, url) in cases {
            assert_eq!(url_for(region, false), url, "{region}");
        }
        assert_eq!(
            url_for("us-isof-south-1", true),
            "https://gameliftstreams-fips.us-isof-south-1.api.aws.hci.ic.gov"
        );
    }

    fn custom(endpoint: &str) -> Result<String, String> {
        let params = EndpointParams {
            region: Some("us-west-2"),
            use_fips: false,
            endpoint: Some(endpoint),
        };
        resolve_endpoint(&params)
            .map(|endpoint| endpoint.url)
            .map_err(|error| error.message)
    }

    #[test]
    fn custom_endpoint_keeps_its_path_as_a_prefix() {
        assert_eq!(
            custom("http://127.0.0.1:4510"),
            Ok("http://127.0.0.1:4510".into())
        );
        assert_eq!(
            custom("http://127.0.0.1:4510/"),
            Ok("http://127.0.0.1:4510".into())
        );
        assert_eq!(
            custom("https://Proxy.Example.com:443/gls/v1/"),
            Ok("https://proxy.example.com/gls/v1".into())
        );
        assert_eq!(
            custom("HTTP://localhost:80/x"),
            Ok("http://localhost/x".into())
        );
    }

    #[test]
    fn hosts_that_fetch_would_rewrite_are_refused() {
        for endpoint in [
            "http://127.1:4510",
            "http://2130706433:4510",
            "http://127.000.000.001:4510",
            "http://0x7f.0.0.1",
            "http://[::FFFF:127.0.0.1]:4510",
            "http://[0:0:0:0:0:0:0:1]:4510",
            "http://ex%61mple.com",
        ] {
            let message = custom(endpoint).unwrap_err();
            assert!(
                message.starts_with("endpoint must be an absolute http or https URL; "),
                "{message}"
            );
        }
        for (endpoint, sent) in [
            ("http://[0:0:0:0:0:0:0:1]:4510", "[::1]:4510"),
            ("http://127.1:4510", "127.0.0.1:4510"),
            ("http://[::FFFF:127.0.0.1]:4510", "[::ffff:7f00:1]:4510"),
            ("http://ex%61mple.com", "example.com"),
        ] {
            assert_eq!(
                custom(endpoint).unwrap_err(),
                format!(
                    "endpoint must be an absolute http or https URL; fetch would send its \
                     host and port as {sent}: write them that way"
                ),
            );
        }
        for endpoint in [
            "http://[::1]:4510",
            "http://10.1.2.3",
            "https://api.example.com.",
            "http://host-1.local",
        ] {
            assert!(custom(endpoint).is_ok(), "{endpoint}");
        }
    }

    /// Found by the fuzz properties, which sign each valid call with both signers: the lean
    /// canonical request kept `//` in a prefix that `aws-sigv4` (and the service) merge.
    #[test]
    fn prefixes_with_empty_segments_are_refused() {
        let message = "endpoint must be an absolute http or https URL; its path must not \
                       contain empty, . or .. segments";
        for endpoint in [
            "http://127.0.0.1:4510//gls",
            "https://proxy.example.com/gls//v1",
            "https://proxy.example.com/gls/./v1",
            "https://proxy.example.com/gls/%2E%2e/v1",
            "https://proxy.example.com/gls/.%2E",
        ] {
            assert_eq!(custom(endpoint), Err(message.to_owned()), "{endpoint}");
        }
        assert_eq!(
            custom("https://proxy.example.com/gls/v1//"),
            Ok("https://proxy.example.com/gls/v1".into())
        );
    }

    /// `fetch` would send these prefixes rewritten (`\` as `/`, the others percent-encoded),
    /// while the signature covers them as written.
    #[test]
    fn prefixes_fetch_would_rewrite_are_refused() {
        let message = "endpoint must be an absolute http or https URL; its path must hold only \
                       RFC 3986 path characters; percent-encode the others";
        for endpoint in [
            "https://proxy.example.com/a\\b",
            "https://proxy.example.com/a\"b",
            "https://proxy.example.com/a{b}",
            "https://proxy.example.com/caf\u{e9}",
        ] {
            assert_eq!(custom(endpoint), Err(message.to_owned()), "{endpoint}");
        }
        assert_eq!(
            custom("https://proxy.example.com/a%7Bb%7D/:@!$&'()*+,;=-._~"),
            Ok("https://proxy.example.com/a%7Bb%7D/:@!$&'()*+,;=-._~".into())
        );
    }

    /// Found by the endpoint fuzz target when the `http` crate read endpoints: these lost
    /// part of their authority and resolved to a URL naming another port or host. The URL
    /// standard refuses some; the others it would send respelled.
    #[test]
    fn authorities_read_only_in_part_are_refused() {
        let prefix = "endpoint must be an absolute http or https URL; ";
        for endpoint in [
            "http://localhost:99999",
            "http://localhost:x",
            "http://[::1]x:4510",
            "http://localhost[::1]:4510",
            "http://a[b]",
        ] {
            assert_eq!(
                custom(endpoint),
                Err(format!("{prefix}it could not be parsed")),
                "{endpoint}"
            );
        }
        for (endpoint, sent) in [
            ("http://localhost:", "localhost"),
            ("http://localhost:08080/x", "localhost:8080"),
        ] {
            assert_eq!(
                custom(endpoint),
                Err(format!(
                    "{prefix}fetch would send its host and port as {sent}: write them that way"
                )),
                "{endpoint}"
            );
        }
    }

    #[test]
    fn plain_http_is_for_loopback_or_explicit_opt_in() {
        let endpoint = |url: &str| Endpoint { url: url.into() };
        for url in [
            "https://example.com",
            "http://127.0.0.1:4510",
            "http://127.9.9.9",
            "http://localhost:8080/prefix",
            "http://[::1]:4510",
        ] {
            assert_eq!(
                endpoint(url).check_transport_security(false),
                Ok(()),
                "{url}"
            );
        }
        for url in [
            "http://example.com",
            "http://10.0.0.1:4510",
            "http://localhost.evil.com",
            "http://[::2]",
            "http://127.evil.com",
            "http://127.0.0.1.nip.io",
            "http://[::1].evil.com",
        ] {
            let error = endpoint(url).check_transport_security(false).unwrap_err();
            assert_eq!(error.field, Some("endpoint"), "{url}");
            assert_eq!(
                endpoint(url).check_transport_security(true),
                Ok(()),
                "{url}"
            );
        }
    }

    /// The URL standard also reads `http:host`, drops spaces and tabs and takes an empty
    /// user; none of these is written the way fetch sends it.
    #[test]
    fn only_plain_scheme_slash_slash_urls_are_read() {
        let prefix = "endpoint must be an absolute http or https URL; ";
        for (endpoint, why) in [
            (
                "http:localhost:4510",
                "it must start with http:// or https://",
            ),
            (
                "http:/localhost:4510",
                "it must start with http:// or https://",
            ),
            (
                "http:\\\\localhost:4510",
                "it must start with http:// or https://",
            ),
            (
                " http://localhost:4510",
                "it must start with http:// or https://",
            ),
            ("https://@example.com", "it must not carry user information"),
            ("ftp://example.com", "the scheme must be http or https"),
            (
                "https://exa\tmple.com",
                "fetch would send its host and port as example.com: write them that way",
            ),
            ("https://example.com /x", "it could not be parsed"),
            (
                "http://\"",
                "its host must be a DNS name (letters, digits, -, . and _) or an IP address",
            ),
            (
                "http://`:4510",
                "its host must be a DNS name (letters, digits, -, . and _) or an IP address",
            ),
            (
                "https://{a}.example.com",
                "its host must be a DNS name (letters, digits, -, . and _) or an IP address",
            ),
        ] {
            assert_eq!(
                custom(endpoint),
                Err(format!("{prefix}{why}")),
                "{endpoint:?}"
            );
        }
    }

    #[test]
    fn custom_endpoint_rejects_what_cannot_be_signed_faithfully() {
        for endpoint in [
            "127.0.0.1:4510",
            "ftp://example.com",
            "https://user:pass@example.com",
            "https://example.com/?a=b",
            "https://example.com/#x",
            "https://example.com/a/../b",
            "not a url",
            "",
        ] {
            let message = custom(endpoint).unwrap_err();
            assert!(
                message.starts_with("endpoint must be an absolute http or https URL; "),
                "{endpoint:?}: {message}"
            );
        }
    }
}
