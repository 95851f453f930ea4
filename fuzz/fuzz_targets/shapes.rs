//! Fuzzer inputs shaped like what the checks accept, so that most runs get past validation
//! and into the request builder and the signer. Each shape also has a raw variant, which
//! lets the fuzzer reach the refusals too.

use arbitrary::Arbitrary;

const ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
const LABEL_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
const REGIONS: &[&str] = &[
    "us-west-2",
    "cn-north-1",
    "us-gov-east-1",
    "us-iso-east-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    "us-isof-south-1",
    "eusc-de-east-1",
    "aws-global",
    "mars-east-1",
];

/// Bytes mapped onto an alphabet, keeping the fuzzer's length.
fn map_bytes(bytes: &[u8], alphabet: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| alphabet[usize::from(*b) % alphabet.len()] as char)
        .collect()
}

/// The first `max` characters of `text`.
fn at_most(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A stream group or session identifier.
#[derive(Arbitrary, Debug)]
pub enum Identifier<'a> {
    /// Letters, digits and hyphens.
    Id(Vec<u8>),
    /// `arn:aws:gameliftstreams:REGION:ACCOUNT:RESOURCE`, cut at 130 characters.
    Arn {
        region: &'a str,
        account: u64,
        resource: &'a str,
    },
    /// Anything.
    Raw(&'a str),
}

impl Identifier<'_> {
    /// The identifier as the caller would pass it.
    pub fn text(&self) -> String {
        match self {
            Identifier::Id(bytes) => map_bytes(&bytes[..bytes.len().min(130)], ID_ALPHABET),
            Identifier::Arn {
                region,
                account,
                resource,
            } => {
                let clean = |part: &str| part.replace([':', ' '], "");
                let arn = format!(
                    "arn:aws:gameliftstreams:{}:{:012}:{}",
                    clean(region),
                    account % 1_000_000_000_000,
                    clean(resource)
                );
                at_most(&arn, 130)
            }
            Identifier::Raw(text) => (*text).to_owned(),
        }
    }
}

/// A region name.
#[derive(Arbitrary, Debug)]
pub enum Region<'a> {
    /// One of the partitions' regions.
    Known(u8),
    /// Lower-case letters, digits and hyphens, up to 64 of them.
    Label(Vec<u8>),
    /// Anything.
    Raw(&'a str),
}

impl Region<'_> {
    /// The region as the caller would pass it.
    pub fn text(&self) -> String {
        match self {
            Region::Known(index) => REGIONS[usize::from(*index) % REGIONS.len()].to_owned(),
            Region::Label(bytes) => map_bytes(&bytes[..bytes.len().min(64)], LABEL_ALPHABET),
            Region::Raw(text) => (*text).to_owned(),
        }
    }
}

/// The host of a custom endpoint.
#[derive(Arbitrary, Debug)]
pub enum Host<'a> {
    /// `localhost`, any case.
    Localhost(bool),
    /// `127.a.b.c`.
    Loopback(u8, u8, u8),
    /// `[::N]` in hex.
    Ipv6(u16),
    /// A DNS-like name.
    Name(Vec<u8>),
    /// Anything.
    Raw(&'a str),
}

/// A custom endpoint URL.
#[derive(Arbitrary, Debug)]
pub enum EndpointUrl<'a> {
    /// `scheme://host[:port][path]`.
    Shaped {
        scheme: u8,
        host: Host<'a>,
        port: Option<u32>,
        path: &'a str,
    },
    /// Anything.
    Raw(&'a str),
}

impl EndpointUrl<'_> {
    /// The endpoint as the caller would pass it.
    pub fn text(&self) -> String {
        let (scheme, host, port, path) = match self {
            EndpointUrl::Raw(text) => return (*text).to_owned(),
            EndpointUrl::Shaped {
                scheme,
                host,
                port,
                path,
            } => (scheme, host, port, path),
        };
        let scheme = ["https", "http", "HTTPS", "Http", "ftp", ""][usize::from(*scheme) % 6];
        let host = match host {
            Host::Localhost(upper) if *upper => "LocalHost".to_owned(),
            Host::Localhost(_) => "localhost".to_owned(),
            Host::Loopback(a, b, c) => format!("127.{a}.{b}.{c}"),
            Host::Ipv6(n) => format!("[::{n:x}]"),
            Host::Name(bytes) => map_bytes(bytes, b"abcdefghijklmnopqrstuvwxyzABC0123456789.-_"),
            Host::Raw(text) => (*text).to_owned(),
        };
        let port = port.map(|port| format!(":{port}")).unwrap_or_default();
        format!("{scheme}://{host}{port}{path}")
    }
}

/// `Date.now()` plus the clock offset.
#[derive(Arbitrary, Debug)]
pub enum Time {
    /// Within what the signer can date.
    Signable(u64),
    /// Within ten seconds either side of 10000-01-01T00:00:00Z.
    EndOfYear9999(u16),
    /// Any number.
    Raw(f64),
}

impl Time {
    /// Milliseconds since the Unix epoch.
    pub fn millis(&self) -> f64 {
        match self {
            Time::Signable(n) => (n % 253_402_300_800_000) as f64,
            Time::EndOfYear9999(n) => 253_402_300_790_000.0 + f64::from(n % 20_000),
            Time::Raw(millis) => *millis,
        }
    }
}

/// Visible ASCII, as secrets and tokens are issued.
pub fn visible_ascii(bytes: &[u8]) -> String {
    bytes.iter().map(|b| (b % 94 + 33) as char).collect()
}

/// Letters and digits, as access key IDs are issued.
pub fn alphanumeric(bytes: &[u8]) -> String {
    map_bytes(bytes, &ID_ALPHABET[..62])
}
