//! Unit families: units that count the same kind of thing (件, 起, 宗, 份 are cases; 人, 人次, 名
//! are people). Two numbers are added, compared or divided only within one family. The
//! families are declared in the rule files (`families:`); a unit no family names is a family of
//! its own.

use std::collections::BTreeMap;

/// The family of a unit: a declared family, or the unit itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Declared(u16),
    Unit(&'static str),
}

/// Units grouped into families.
#[derive(Debug, Clone, Default)]
pub struct Families {
    /// (unit, family index), sorted by unit.
    units: Vec<(String, u16)>,
    names: Vec<String>,
}

impl Families {
    /// From `families:` of a rule: family name → units.
    pub fn new(spec: &BTreeMap<String, Vec<String>>) -> Families {
        let mut units = Vec::new();
        let mut names = Vec::new();
        for (i, (name, list)) in spec.iter().enumerate() {
            names.push(name.clone());
            units.extend(list.iter().map(|u| (u.trim().to_string(), i as u16)));
        }
        units.sort();
        units.dedup_by(|a, b| a.0 == b.0);
        Families { units, names }
    }

    /// The family of `unit` (as the quantity scanner writes it: `件`, `人次`, `%`).
    pub fn of(&self, unit: &'static str) -> Family {
        match self.units.binary_search_by(|(u, _)| u.as_str().cmp(unit)) {
            Ok(i) => Family::Declared(self.units[i].1),
            Err(_) => Family::Unit(unit),
        }
    }

    /// The name of a family, for messages.
    pub fn name(&self, f: Family) -> &str {
        match f {
            Family::Declared(i) => self.names.get(i as usize).map_or("", String::as_str),
            Family::Unit(u) => u,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_units_share_a_family_and_others_stand_alone() {
        let mut spec = BTreeMap::new();
        spec.insert("cases".to_string(), vec!["件".to_string(), "起".to_string(), "宗".to_string()]);
        spec.insert("people".to_string(), vec!["人".to_string(), "人次".to_string()]);
        let f = Families::new(&spec);
        assert_eq!(f.of("件"), f.of("宗"));
        assert_ne!(f.of("件"), f.of("人"));
        assert_eq!(f.of("吨"), Family::Unit("吨"));
        assert_eq!(f.name(f.of("起")), "cases");
    }
}
