//! Roles and the built-in catalogue of municipal roles.
//!
//! A *rol* is what a post does in the design: kwartiermaker, gebiedsmakelaar,
//! teammanager. It is not the same as its *functie* (the job description with
//! a salary scale): two posts with the same function can play different roles.
//! The catalogue below holds the roles found in the seed documents; a design can
//! add custom roles of its own.

use serde::{Deserialize, Serialize};

/// A role and its properties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The key used in files, such as `kwartiermaker`.
    pub key: String,
    /// The Dutch name.
    pub name: String,
    /// A short English gloss.
    pub gloss: String,
    /// A line-management role: its post is a management post even without reports.
    pub line_management: bool,
    /// Temporary by nature: its post must have an end date.
    pub temporary: bool,
    /// Steers horizontally, across the line: accountable to the directie.
    pub horizontal: bool,
    /// Must keep a direct line to the directie, independent of its unit head.
    pub independent: bool,
}

/// One entry of the built-in catalogue, as plain constant data.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinRole {
    /// The key used in files.
    pub key: &'static str,
    /// The Dutch name.
    pub name: &'static str,
    /// A short English gloss.
    pub gloss: &'static str,
    /// See [`Role::line_management`].
    pub line_management: bool,
    /// See [`Role::temporary`].
    pub temporary: bool,
    /// See [`Role::horizontal`].
    pub horizontal: bool,
    /// See [`Role::independent`].
    pub independent: bool,
}

impl BuiltinRole {
    /// An owned [`Role`] with the same properties.
    pub fn to_role(&self) -> Role {
        Role {
            key: self.key.to_owned(),
            name: self.name.to_owned(),
            gloss: self.gloss.to_owned(),
            line_management: self.line_management,
            temporary: self.temporary,
            horizontal: self.horizontal,
            independent: self.independent,
        }
    }
}

const fn role(key: &'static str, name: &'static str, gloss: &'static str, flags: [bool; 4]) -> BuiltinRole {
    BuiltinRole {
        key,
        name,
        gloss,
        line_management: flags[0],
        temporary: flags[1],
        horizontal: flags[2],
        independent: flags[3],
    }
}

// [line_management, temporary, horizontal, independent]
const LINE: [bool; 4] = [true, false, false, false];
const STAFF: [bool; 4] = [false, false, false, false];
const STEER: [bool; 4] = [false, false, true, false];

/// The built-in role catalogue, sorted by key.
pub const BUILTIN_ROLES: &[BuiltinRole] = &[
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
        [false, false, false, true],
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
        [false, true, true, false],
    ),
    role("medewerker", "medewerker", "employee without a management role", STAFF),
    role("proceseigenaar", "proceseigenaar", "process owner steering a chain of work across units (Almelo)", STEER),
    role(
        "programmamanager",
        "programmamanager",
        "programme manager, temporary, steering a programme across units",
        [false, true, true, false],
    ),
    role("regisseur", "regisseur", "director of a theme such as service delivery (Hengelo)", STEER),
    role("teamcoach", "teamcoach", "coach of a self-steering team, not a line manager", STAFF),
    role("teammanager", "teammanager", "team manager, the fourth and lowest management layer", LINE),
    role(
        "teammanager-tijdelijk",
        "tijdelijk teammanager",
        "temporary team manager (Almelo's Adviespool, first two years)",
        [true, true, false, false],
    ),
    role("teamregisseur", "teamregisseur", "supports the heads of department (2024 case)", STAFF),
    role("wijkmanager", "wijkmanager", "district manager steering the yearly district assignment", STEER),
];

/// Looks up a built-in role by key.
///
/// ```
/// let k = harkje::builtin_role("kwartiermaker").unwrap();
/// assert!(k.temporary && !k.line_management);
/// ```
pub fn builtin_role(key: &str) -> Option<&'static BuiltinRole> {
    BUILTIN_ROLES.binary_search_by(|r| r.key.cmp(key)).ok().and_then(|i| BUILTIN_ROLES.get(i))
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
            assert_eq!(builtin_role(r.key).map(|b| b.key), Some(r.key));
        }
    }
}
