//! The crate's one fast hasher, for maps keyed by the user's own data.
//!
//! The flat-file path hashes up to a million short keys and the transition
//! engine many more; the standard SipHash is built to resist hash flooding
//! and costs several times more. See ARCHITECTURE.md (dependencies) for why
//! this crate was chosen.

/// A `HashMap` with the crate's fast hasher; make one with `default()`.
pub(crate) type FastHashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A set with the same hasher as [`FastHashMap`].
pub(crate) type FastHashSet<T> = rustc_hash::FxHashSet<T>;
