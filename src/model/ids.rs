//! Typed identifiers.
//!
//! Every element of a design has a readable *key* (what people write in files,
//! such as `"team-klantenservice"`) and a typed id backed by a [`Uuid`]. The id
//! is a name-based UUID (version 5) derived from a per-kind namespace and the
//! key, so the same key always gives the same id, on every load and every
//! machine. Two elements of different kinds may share a key; their ids differ
//! because the namespaces differ.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The root namespace of harkje's name-based ids (a fixed, random UUID).
pub const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_0d3e_5a27_4c1b_9d3e_8f42_a7c5_1e90);

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// The kind name used to derive this id's namespace.
            pub const KIND: &'static str = $kind;

            /// Derives the stable id of the element with this key.
            ///
            /// ```
            #[doc = concat!("use harkje::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from_key(\"a\"), ", stringify!($name), "::from_key(\"a\"));")]
            #[doc = concat!("assert_ne!(", stringify!($name), "::from_key(\"a\"), ", stringify!($name), "::from_key(\"b\"));")]
            /// ```
            pub fn from_key(key: &str) -> Self {
                // The kind's namespace is itself a SHA-1 hash: derived once.
                static KIND_NAMESPACE: std::sync::OnceLock<Uuid> = std::sync::OnceLock::new();
                Self(v5(KIND_NAMESPACE.get_or_init(|| kind_namespace($kind)), key.as_bytes()))
            }

            /// The UUID behind this id.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

/// The name-based UUID (version 5) of `name` in `namespace`, the same as
/// [`Uuid::new_v5`] gives (a test compares them), with the SHA-1 of the
/// `sha1` crate, which uses the processor's SHA instructions where it has
/// them: a design of a million posts derives some three million ids.
pub(crate) fn v5(namespace: &Uuid, name: &[u8]) -> Uuid {
    // The namespace, the name, the end mark and the length in bits fit in
    // one block of 64 bytes for a name of up to 39 bytes, as most keys are:
    // then the block is hashed as it is, without the digest's buffering.
    let len = 16 + name.len();
    let mut bytes = [0u8; 16];
    if len + 9 <= 64 {
        let mut block = [0u8; 64];
        block[..16].copy_from_slice(namespace.as_bytes());
        block[16..len].copy_from_slice(name);
        block[len] = 0x80;
        block[56..].copy_from_slice(&(len as u64 * 8).to_be_bytes());
        let mut state = SHA1_START;
        sha1::compress(&mut state, &[block.into()]);
        for (out, word) in bytes.chunks_exact_mut(4).zip(state) {
            out.copy_from_slice(&word.to_be_bytes());
        }
    } else {
        use sha1::Digest;
        let mut hasher = sha1::Sha1::new();
        hasher.update(namespace.as_bytes());
        hasher.update(name);
        bytes.copy_from_slice(&hasher.finalize()[..16]);
    }
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}

/// SHA-1's initial state (FIPS 180-4, 5.3.1).
const SHA1_START: [u32; 5] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0];

fn kind_namespace(kind: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, kind.as_bytes())
}

typed_id!(
    /// The id of a [`Unit`](crate::Unit).
    UnitId,
    "unit"
);
typed_id!(
    /// The id of a [`Post`](crate::Post) (formatieplaats).
    PostId,
    "post"
);
typed_id!(
    /// The id of a [`Person`](crate::Person).
    PersonId,
    "person"
);
typed_id!(
    /// The id of a [`Function`](crate::Function) in the functieboek.
    FunctionId,
    "function"
);
typed_id!(
    /// The id of a horizontal steering [`Assignment`](crate::Assignment).
    AssignmentId,
    "assignment"
);
typed_id!(
    /// The id of an [`Appointment`](crate::Appointment): a person holding a post.
    ///
    /// Appointments have no key of their own; their id is derived from the
    /// person's key, the post's key and the start date.
    AppointmentId,
    "appointment"
);
typed_id!(
    /// The id of a community [`Membership`](crate::Membership).
    MembershipId,
    "membership"
);
typed_id!(
    /// The id of a [`Party`](crate::Party) outside the organisation (the college, a partner).
    PartyId,
    "party"
);
typed_id!(
    /// The id of a [`Portfolio`](crate::Portfolio) (aandachtsgebied): a post's attention for a unit.
    ///
    /// Portfolios have no key of their own; their id is derived from the
    /// post's key, the unit's key and the start date.
    PortfolioId,
    "portfolio"
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids in saved snapshots and files stay what they were: `v5` is `Uuid::new_v5`.
    #[test]
    fn v5_is_the_uuid_crates_v5() {
        let keys = ["", "a", "gs", "team-klantenservice", "p0044749", "ë€🙂", &"y".repeat(64), &"z".repeat(200)];
        // Every length around the end of one block and of two.
        let long: Vec<String> = (30..140).map(|n| "x".repeat(n)).collect();
        for ns in [NAMESPACE, kind_namespace("post"), kind_namespace("unit")] {
            for k in keys.iter().copied().chain(long.iter().map(String::as_str)) {
                assert_eq!(v5(&ns, k.as_bytes()), Uuid::new_v5(&ns, k.as_bytes()), "{k}");
            }
        }
        assert_eq!(PostId::from_key("gs").as_uuid(), Uuid::new_v5(&Uuid::new_v5(&NAMESPACE, b"post"), b"gs"));
    }
}
