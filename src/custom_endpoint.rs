//! A custom endpoint URL, read by the URL standard's parser, the one `fetch` uses: the runtime's
//! own `URL` in WebAssembly, the `url` crate (the same standard) in native builds and tests.
//!
//! The signature covers the host, port and path, and `fetch` sends them as that parser writes
//! them. So an endpoint is kept only when it is already written that way: a spelling the parser
//! would change (`127.1`, `[0:0:0:0:0:0:0:1]`, `ex%61mple.com`, a `.` segment) is refused, with
//! the spelling to use where there is one, rather than signed as one URL and sent as another.

use crate::endpoint::Endpoint;
use crate::error::ClientError;

/// The members of a parsed URL this module reads, as the URL standard's API names them.
struct ParsedUrl {
    /// `protocol`: the scheme and its colon, lower case.
    protocol: String,
    /// `username` and `password` were both empty.
    has_no_user_info: bool,
    /// `hostname`: the serialised host (IPv6 in brackets).
    hostname: String,
    /// `port`: empty for the scheme's default port.
    port: String,
    /// `pathname`.
    pathname: String,
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The runtime's `URL`.
    #[wasm_bindgen(js_name = URL)]
    type RuntimeUrl;

    /// `new URL(input)`, which throws on what the standard cannot parse.
    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(input: &str) -> Result<RuntimeUrl, wasm_bindgen::JsValue>;
}

#[cfg(target_arch = "wasm32")]
fn parse_url(input: &str) -> Option<ParsedUrl> {
    let url = RuntimeUrl::new(input).ok()?;
    // The members are read through `Reflect` rather than one binding each: the module's glue
    // already has `Reflect.get`, and each binding would add to it.
    let member = |name: &str| {
        js_sys::Reflect::get(&url, &wasm_bindgen::JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
    };
    Some(ParsedUrl {
        protocol: member("protocol")?,
        has_no_user_info: member("username")?.is_empty() && member("password")?.is_empty(),
        hostname: member("hostname")?,
        port: member("port")?,
        pathname: member("pathname")?,
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_url(input: &str) -> Option<ParsedUrl> {
    let url = url::Url::parse(input).ok()?;
    Some(ParsedUrl {
        protocol: format!("{}:", url.scheme()),
        has_no_user_info: url.username().is_empty() && url.password().is_none(),
        hostname: url.host_str().unwrap_or_default().to_owned(),
        port: url.port().map(|port| port.to_string()).unwrap_or_default(),
        pathname: url.path().to_owned(),
    })
}

/// Reads a custom endpoint; its path, if any, is kept as a prefix without its trailing `/`.
pub fn parse_custom_endpoint(endpoint: &str) -> Result<Endpoint, ClientError> {
    let invalid = |why: &str| {
        ClientError::configuration(
            "endpoint",
            format!("endpoint must be an absolute http or https URL; {why}"),
        )
    };
    let url = parse_url(endpoint).ok_or_else(|| invalid("it could not be parsed"))?;
    let default_port = match url.protocol.as_str() {
        "https:" => "443",
        "http:" => "80",
        _ => return Err(invalid("the scheme must be http or https")),
    };
    // The parser also reads `http:host` and `http:\\host`; only `scheme://` is taken, so that
    // the authority below is the text between `//` and the path.
    let scheme_len = url.protocol.len();
    let rest = endpoint
        .get(..scheme_len)
        .filter(|scheme| scheme.eq_ignore_ascii_case(&url.protocol))
        .and_then(|_| endpoint.get(scheme_len..))
        .and_then(|rest| rest.strip_prefix("//"))
        .ok_or_else(|| invalid("it must start with http:// or https://"))?;
    if endpoint.contains(['?', '#']) {
        return Err(invalid("it must not have a query or a fragment"));
    }
    let (authority, path) = rest.split_at(rest.find(['/', '\\']).unwrap_or(rest.len()));
    if !url.has_no_user_info || authority.contains('@') {
        return Err(invalid("it must not carry user information"));
    }

    // The URL standard takes hosts such as `"` or `{a}` that no DNS name or address has and
    // that HTTP stacks disagree on; only letters, digits, `-`, `.` and `_`, or an IPv6
    // address, are kept.
    let is_ipv6 = url.hostname.starts_with('[');
    let is_host_char = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_')
            || (is_ipv6 && b"[]:".contains(&b))
    };
    if !url.hostname.bytes().all(is_host_char) {
        return Err(invalid(
            "its host must be a DNS name (letters, digits, -, . and _) or an IP address",
        ));
    }

    // The host and port as fetch sends them; the scheme's default port is left out.
    let sent = match url.port.as_str() {
        "" => url.hostname.clone(),
        port => format!("{}:{port}", url.hostname),
    };
    let written = authority.to_ascii_lowercase();
    let with_default_port = url.port.is_empty() && written == format!("{sent}:{default_port}");
    if written != sent && !with_default_port {
        return Err(invalid(&format!(
            "fetch would send its host and port as {sent}: write them that way"
        )));
    }

    // SigV4 signs the path with `.` and `..` resolved and empty segments merged, and fetch
    // percent-encodes characters outside RFC 3986: a prefix either would change is refused.
    let prefix = path.trim_end_matches('/');
    let is_path_char = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b);
    if !prefix.bytes().all(is_path_char) {
        return Err(invalid(
            "its path must hold only RFC 3986 path characters; percent-encode the others",
        ));
    }
    let is_dot = |segment: &str| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    };
    if prefix
        .split('/')
        .skip(1)
        .any(|segment| segment.is_empty() || is_dot(segment))
    {
        return Err(invalid("its path must not contain empty, . or .. segments"));
    }
    let sent_path = if path.is_empty() { "/" } else { path };
    if url.pathname != sent_path {
        return Err(invalid("fetch would send its path differently"));
    }
    Ok(Endpoint {
        url: format!("{}//{sent}{prefix}", url.protocol),
    })
}

/// Whether an endpoint's host and port, as [`parse_custom_endpoint`] writes them, are this
/// machine: `localhost`, `[::1]` or an IPv4 address in 127.0.0.0/8. The parser has already
/// written any address in its one canonical form, so the text is compared as it stands.
pub fn is_loopback_authority(authority: &str) -> bool {
    let host = match authority.strip_prefix("[::1]") {
        Some(port) => return port.is_empty() || port.starts_with(':'),
        None => authority.split(':').next().unwrap_or(authority),
    };
    let labels: Vec<&str> = host.split('.').collect();
    host == "localhost"
        || (labels.len() == 4
            && labels[0] == "127"
            && labels
                .iter()
                .all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit())))
}
