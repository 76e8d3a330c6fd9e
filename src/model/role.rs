//! Roles and the built-in catalogue of municipal roles.
//!
//! A *rol* is what a post does in the design: kwartiermaker, gebiedsmakelaar,
//! teammanager. It is not the same as its *functie* (the job description with
//! a salary scale): two posts with the same function can play different roles.
//! The catalogue below holds the roles found in the seed documents; a design can
//! add custom roles of its own.
//!
//! [`Role`] is the one description of a role, for the built-in catalogue and
//! for custom roles alike, and [`RoleFlags`] the one list of the properties a
//! role carries. The list is written once, in `with_role_flags!`; the flags
//! struct and the design file's role type are both generated from it, so a new
//! flag is added in one place.

use std::borrow::Cow;

/// Calls the macro `$then` with the list of role flags, each with its docs:
/// the one place that names them. [`RoleFlags`] and the design file's role
/// type (`format::v1::RoleV1`) are generated from it. A new flag is `false`
/// unless set, so files written before it keep their meaning.
macro_rules! with_role_flags {
    ($then:ident) => {
        $then! {
            /// A line-management role: its post is a management post even without reports.
            line_management,
            /// Temporary by nature: its post must have an end date.
            temporary,
            /// Steers horizontally, across the line: accountable to the directie.
            horizontal,
            /// Must keep a direct line to the directie, independent of its unit head.
            independent,
            /// A staff role (concerncontroller, CISO, management assistant,
            /// bestuursadviseur): serves its manager rather than leading a part
            /// of the line, so a post of it without reports of its own is drawn
            /// beside its manager, not in the layer below.
            staff,
        }
    };
}
pub(crate) use with_role_flags;

macro_rules! role_flags_struct {
    ($($(#[doc = $doc:literal])* $flag:ident,)*) => {
        /// The properties of a role that the checks and the measures use.
        ///
        /// A post adds its own `temporary` and `independent` marks to its
        /// role's flags (see [`Post`](crate::Post)).
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct RoleFlags {
            $($(#[doc = $doc])* pub $flag: bool,)*
        }

        impl RoleFlags {
            /// No flag set.
            pub const NONE: RoleFlags = RoleFlags { $($flag: false,)* };
        }
    };
}
with_role_flags!(role_flags_struct);

/// A role: its key, its names and its flags.
///
/// The built-in roles are constants ([`BUILTIN_ROLES`]); a design adds custom
/// ones with [`Design::add_role`](crate::Design::add_role).
///
/// ```
/// use harkje::{Role, RoleFlags};
///
/// let ciso = Role::new("ciso", "CISO", "information security officer")
///     .with_flags(RoleFlags { independent: true, ..RoleFlags::NONE });
/// assert!(ciso.flags.independent && !ciso.flags.line_management);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The key used in files, such as `kwartiermaker`.
    pub key: Cow<'static, str>,
    /// The Dutch name.
    pub name: Cow<'static, str>,
    /// A short English gloss.
    pub gloss: Cow<'static, str>,
    /// The role's flags.
    pub flags: RoleFlags,
}

impl Role {
    /// A role without flags.
    pub fn new(
        key: impl Into<Cow<'static, str>>,
        name: impl Into<Cow<'static, str>>,
        gloss: impl Into<Cow<'static, str>>,
    ) -> Role {
        Role { key: key.into(), name: name.into(), gloss: gloss.into(), flags: RoleFlags::NONE }
    }

    /// The same role with `flags`.
    #[must_use]
    pub fn with_flags(self, flags: RoleFlags) -> Role {
        Role { flags, ..self }
    }
}

const fn role(key: &'static str, name: &'static str, gloss: &'static str, flags: RoleFlags) -> Role {
    Role { key: Cow::Borrowed(key), name: Cow::Borrowed(name), gloss: Cow::Borrowed(gloss), flags }
}

const LINE: RoleFlags = RoleFlags { line_management: true, ..RoleFlags::NONE };
const STAFF: RoleFlags = RoleFlags::NONE;
const STEER: RoleFlags = RoleFlags { horizontal: true, ..RoleFlags::NONE };
const TEMPORARY_STEER: RoleFlags = RoleFlags { temporary: true, horizontal: true, ..RoleFlags::NONE };

/// The built-in role catalogue, sorted by key.
pub const BUILTIN_ROLES: &[Role] = &[
    role("accountmanager", "accountmanager", "account manager linked to companies (Amersfoort's Bedrijventeam)", STAFF),
    role("adjunct-directeur", "adjunct-directeur", "deputy director, the second management layer (Almelo)", LINE),
    role("adviseur", "adviseur", "adviser", STAFF),
    role("afdelingsmanager", "afdelingsmanager", "head of department, the third layer (Hengelo)", LINE),
    role("algemeen-directeur", "algemeen directeur", "general director, the top post", LINE),
    role("business-consultant", "business consultant", "business consultant serving one domain (2024 case)", STAFF),
    role(
        "concerncontroller",
        "concerncontroller",
        "corporate controller with an independent line to the directie",
        RoleFlags { independent: true, staff: true, ..RoleFlags::NONE },
    ),
    role("concernmanager", "concernmanager", "corporate manager, the second layer (Hengelo)", LINE),
    role("directeur", "directeur", "director, member of the directie", LINE),
    role("gebiedsmakelaar", "gebiedsmakelaar", "area broker who keeps the area agenda (De Bilt)", STEER),
    role("gemeentesecretaris", "gemeentesecretaris", "town clerk, usually also algemeen directeur", LINE),
    role("hoofd", "hoofd", "head of unit, the third layer (Almelo)", LINE),
    role(
        "kwartiermaker",
        "kwartiermaker",
        "change lead who sets up a unit and then leaves, within about two years",
        TEMPORARY_STEER,
    ),
    role("medewerker", "medewerker", "employee without a management role", STAFF),
    role("proceseigenaar", "proceseigenaar", "process owner steering a chain of work across units (Almelo)", STEER),
    role(
        "programmamanager",
        "programmamanager",
        "programme manager, temporary, steering a programme across units",
        TEMPORARY_STEER,
    ),
    role("regisseur", "regisseur", "director of a theme such as service delivery (Hengelo)", STEER),
    role("teamcoach", "teamcoach", "coach of a self-steering team, not a line manager", STAFF),
    role("teammanager", "teammanager", "team manager, the fourth and lowest management layer", LINE),
    role(
        "teammanager-tijdelijk",
        "tijdelijk teammanager",
        "temporary team manager (Almelo's Adviespool, first two years)",
        RoleFlags { line_management: true, temporary: true, ..RoleFlags::NONE },
    ),
    role("teamregisseur", "teamregisseur", "supports the heads of department (2024 case)", STAFF),
    role("wijkmanager", "wijkmanager", "district manager steering the yearly district assignment", STEER),
];

/// Looks up a built-in role by key.
///
/// ```
/// let k = harkje::builtin_role("kwartiermaker").unwrap();
/// assert!(k.flags.temporary && !k.flags.line_management);
/// ```
pub fn builtin_role(key: &str) -> Option<&'static Role> {
    BUILTIN_ROLES.binary_search_by(|r| (*r.key).cmp(key)).ok().and_then(|i| BUILTIN_ROLES.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_sorted_and_unique() {
        for pair in BUILTIN_ROLES.windows(2) {
            assert!(pair[0].key < pair[1].key, "{} before {}", pair[0].key, pair[1].key);
        }
        for r in BUILTIN_ROLES {
            assert_eq!(builtin_role(&r.key).map(|b| &b.key), Some(&r.key));
        }
    }
}
