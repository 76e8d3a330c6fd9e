//! Contact details of a unit (bereikbaarheidsgegevens) and the
//! organisation's TOOI identifier: what the Woo publication of the
//! organisation needs.
//!
//! The Regeling actieve openbaarmaking Woo (Stcrt. 2024, 30890, art. 2.2.2)
//! asks a municipality to publish its organisation as an organogram, a text
//! description or both, and to describe separately every organisatieonderdeel
//! (part of the organisation) that has contact details of its own. A unit
//! with a [`Contact`] is such a part. The municipality itself is named by its
//! TOOI identifier (Thesaurus en Ontologie Overheidsinformatie), such as
//! `https://identifier.overheid.nl/tooi/id/gemeente/gm0344` for Utrecht.

use serde::{Deserialize, Serialize};

/// Where every TOOI identifier of an organisation starts.
pub const TOOI_PREFIX: &str = "https://identifier.overheid.nl/tooi/id/";

/// The contact details of a unit that can be reached on its own.
///
/// Every field is optional; a contact with none is not kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contact {
    /// The visiting address (bezoekadres).
    pub visiting_address: Option<Address>,
    /// The postal address (postadres), such as a Postbus.
    pub postal_address: Option<Address>,
    /// The telephone number, as it is to be shown (`+31 546 541 111`, `14 0546`).
    pub phone: Option<String>,
    /// The e-mail address.
    pub email: Option<String>,
    /// The web page, an `https` or `http` address.
    pub website: Option<String>,
}

impl Contact {
    /// Whether no field is given.
    pub fn is_empty(&self) -> bool {
        self.visiting_address.is_none()
            && self.postal_address.is_none()
            && self.phone.is_none()
            && self.email.is_none()
            && self.website.is_none()
    }
}

/// A postal or visiting address in the Netherlands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// The street and number (`Haven Zuidzijde 30`), or the Postbus (`Postbus 5000`).
    pub street: String,
    /// The postcode (`7607 EW`).
    pub postcode: String,
    /// The town (`Almelo`).
    pub city: String,
}

impl Address {
    /// An address of a street (or Postbus), postcode and town.
    pub fn new(street: impl Into<String>, postcode: impl Into<String>, city: impl Into<String>) -> Self {
        Address { street: street.into(), postcode: postcode.into(), city: city.into() }
    }
}

/// What is wrong with a TOOI identifier of an organisation, or `None` when
/// it is well formed: `https://identifier.overheid.nl/tooi/id/`, a lowercase
/// scheme (`gemeente`, `provincie`, `waterschap`, `ministerie`, `oorg`…) and
/// a code of lowercase letters and digits. The schemes whose codes are fixed
/// are checked closely: a gemeente is `gm` and four digits (the CBS code), a
/// provincie `pv` and two, a waterschap `ws` and four.
///
/// Whether the code names an organisation that exists is not checked: that
/// needs the register, and harkje works offline.
///
/// ```
/// use harkje::model::tooi_problem;
///
/// assert_eq!(tooi_problem("https://identifier.overheid.nl/tooi/id/gemeente/gm0344"), None);
/// assert_eq!(
///     tooi_problem("https://identifier.overheid.nl/tooi/id/gemeente/gm344").as_deref(),
///     Some("a gemeente code is `gm` and 4 digits (the CBS code), not `gm344`")
/// );
/// ```
pub fn tooi_problem(uri: &str) -> Option<String> {
    let Some(rest) = uri.strip_prefix(TOOI_PREFIX) else {
        if let Some(rest) = uri.strip_prefix("http://identifier.overheid.nl/tooi/id/") {
            return Some(format!("TOOI identifiers use `https`: `{TOOI_PREFIX}{rest}`"));
        }
        return Some(format!("it does not start with `{TOOI_PREFIX}`"));
    };
    let Some((scheme, code)) = rest.split_once('/') else {
        return Some("it needs a scheme and a code after the prefix, as in `gemeente/gm0344`".to_owned());
    };
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Some(format!("the scheme `{scheme}` is not a word in lowercase letters, such as `gemeente`"));
    }
    let fixed = |prefix: &str, digits: usize, what: &str| {
        let ok = code.strip_prefix(prefix).is_some_and(|d| d.len() == digits && d.bytes().all(|b| b.is_ascii_digit()));
        (!ok).then(|| {
            format!(
                "a {what} code is `{prefix}` and {digits} digits{}, not `{code}`",
                if what == "gemeente" { " (the CBS code)" } else { "" }
            )
        })
    };
    match scheme {
        "gemeente" => fixed("gm", 4, "gemeente"),
        "provincie" => fixed("pv", 2, "provincie"),
        "waterschap" => fixed("ws", 4, "waterschap"),
        _ => {
            let letters = code.bytes().take_while(u8::is_ascii_lowercase).count();
            let ok = letters > 0 && code.len() > letters && code.bytes().skip(letters).all(|b| b.is_ascii_digit());
            (!ok).then(|| format!("the code `{code}` is not lowercase letters followed by digits, as in `gm0344`"))
        }
    }
}

/// What is wrong with each field of a contact, as (field, message) pairs
/// in the order of the fields; empty when nothing is. Addresses are paths
/// such as `visiting_address/postcode`.
pub(crate) fn contact_problems(c: &Contact) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, address) in [("visiting_address", &c.visiting_address), ("postal_address", &c.postal_address)] {
        let Some(a) = address else { continue };
        for (field, value) in [("street", &a.street), ("postcode", &a.postcode), ("city", &a.city)] {
            if value.trim().is_empty() {
                out.push((format!("{name}/{field}"), format!("`{field}` is empty")));
            }
        }
        if !a.postcode.trim().is_empty() && !is_postcode(&a.postcode) {
            out.push((
                format!("{name}/postcode"),
                format!(
                    "`{}` is not a Dutch postcode: four digits, a space and two capitals, as in `7607 EW`",
                    a.postcode
                ),
            ));
        }
    }
    if let Some(phone) = &c.phone {
        let digits = phone.bytes().filter(u8::is_ascii_digit).count();
        let allowed = phone.bytes().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'+' | b'-' | b'(' | b')'));
        if !allowed || digits < 3 {
            out.push((
                "phone".to_owned(),
                format!("`{phone}` is not a telephone number: digits, spaces, `+`, `-` and brackets only"),
            ));
        }
    }
    if let Some(email) = &c.email {
        let ok = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }) && !email.chars().any(char::is_whitespace);
        if !ok {
            out.push(("email".to_owned(), format!("`{email}` is not an e-mail address such as `info@almelo.nl`")));
        }
    }
    if let Some(web) = &c.website {
        let rest = web.strip_prefix("https://").or_else(|| web.strip_prefix("http://"));
        let ok = rest.is_some_and(|r| {
            let host = r.split('/').next().unwrap_or_default();
            host.contains('.') && !r.chars().any(char::is_whitespace)
        });
        if !ok {
            out.push((
                "website".to_owned(),
                format!("`{web}` is not a web address: it must start with `https://` and name a host"),
            ));
        }
    }
    out
}

/// A Dutch postcode: four digits (the first not 0), a space and two capitals.
fn is_postcode(s: &str) -> bool {
    matches!(s.as_bytes(), [b'1'..=b'9', d1, d2, d3, b' ', l1, l2]
        if [d1, d2, d3].iter().all(|d| d.is_ascii_digit()) && l1.is_ascii_uppercase() && l2.is_ascii_uppercase())
}
